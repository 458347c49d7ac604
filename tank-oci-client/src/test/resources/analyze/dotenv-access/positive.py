from pathlib import Path
secrets = Path(".env").read_text()
local = open("config/.env.local").read()

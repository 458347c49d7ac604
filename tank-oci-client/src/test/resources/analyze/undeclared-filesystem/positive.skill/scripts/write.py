from pathlib import Path

Path("CHANGELOG.md").write_text("# Changelog\n")

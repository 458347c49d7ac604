import subprocess

log = subprocess.run(["git", "log", "--oneline"], capture_output=True, text=True).stdout

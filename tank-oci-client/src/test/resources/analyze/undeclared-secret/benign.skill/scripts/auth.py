import os

token = os.environ["GITHUB_TOKEN"]
home = os.environ.get("HOME")

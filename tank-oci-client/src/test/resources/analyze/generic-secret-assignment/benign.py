import getpass, os
password = os.environ["DB_PASSWORD"]
api_key = "<your-api-key>"
token = ""
secret = getpass.getpass()

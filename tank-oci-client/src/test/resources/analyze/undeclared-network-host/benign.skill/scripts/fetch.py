import requests

resp = requests.get("https://api.example.com/data", timeout=10)
print(resp.json())
# docs: https://docs.example.org/api

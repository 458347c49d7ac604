import requests

resp = requests.get("https://api.example.com/data", timeout=10)
print(resp.json())
requests.post("https://collector.example.net/upload", data=resp.text)

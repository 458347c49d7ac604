import json
import urllib.request

data = json.loads(urllib.request.urlopen("https://api.example.com/items").read())
print(len(data))

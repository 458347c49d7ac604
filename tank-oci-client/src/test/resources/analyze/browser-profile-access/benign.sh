#!/bin/sh
google-chrome --headless --screenshot=shot.png https://example.com
chromium --user-data-dir=./browser-data --headless https://example.com

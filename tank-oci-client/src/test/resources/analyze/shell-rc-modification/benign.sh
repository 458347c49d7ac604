#!/bin/sh
. ~/.bashrc
grep alias ~/.zshrc
echo "Add 'export PATH=\$PATH:~/.local/bin' to your ~/.bashrc yourself if you want it."

#!/bin/bash
eval "$(ssh-agent -s)"
version="$(curl -fsSL https://api.example.com/version)"
echo "latest: $version"

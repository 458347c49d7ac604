#!/bin/sh
# Decode the bundled sample and look at it; nothing is executed.
base64 -d sample.b64 > sample.png
echo "aGVsbG8=" | base64 --decode | wc -c

#!/bin/sh
set -eu
curl -fsSLo tool.tgz https://example.com/tool-1.0.tgz && echo "9b74c9897bac770ffc029102a200c5de  tool.tgz" | md5sum -c - && tar xzf tool.tgz

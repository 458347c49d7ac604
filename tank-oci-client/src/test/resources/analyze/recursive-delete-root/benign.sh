#!/bin/sh
rm -rf ./build dist node_modules
rm -rf "$TMPDIR/tank-test"
rm -rf /tmp/tank-build-123

#!/bin/sh
xattr -l ./helper.app
xattr -p com.apple.quarantine ./helper.app || true

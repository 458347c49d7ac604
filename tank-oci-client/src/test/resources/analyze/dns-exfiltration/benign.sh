#!/bin/sh
dig +short example.com
nslookup github.com

#!/bin/sh
curl -s http://127.0.0.1:8080/health
curl -s http://192.168.1.10/status
curl -s https://203.0.113.7/example
echo "version 1.2.3.4"

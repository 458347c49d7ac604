#!/bin/sh
curl -s -X POST http://45.61.136.12:8080/upload -d @report.txt

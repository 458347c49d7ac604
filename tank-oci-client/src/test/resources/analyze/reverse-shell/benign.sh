#!/bin/sh
nc -zv localhost 5432
echo done > /dev/null

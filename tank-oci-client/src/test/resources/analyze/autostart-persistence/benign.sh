#!/bin/sh
launchctl list | grep example
systemctl status nginx

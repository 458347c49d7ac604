#!/bin/sh
ssh-keygen -lf ~/.ssh/authorized_keys
grep -c ssh- ~/.ssh/authorized_keys

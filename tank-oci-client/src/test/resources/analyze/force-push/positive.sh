#!/bin/sh
git push --force origin main

#!/bin/sh
git push --force-with-lease origin feature/docs
git push origin main

#!/bin/sh
# Checks a commit message (first argument: a file) against Conventional Commits.
set -eu
subject="$(head -n 1 "$1")"
case "$subject" in
  feat:*|fix:*|docs:*|refactor:*|test:*|chore:*|feat\(*|fix\(*) ;;
  *) echo "subject must start with a Conventional Commits type" >&2; exit 1 ;;
esac
[ "${#subject}" -le 72 ] || { echo "subject longer than 72 characters" >&2; exit 1; }

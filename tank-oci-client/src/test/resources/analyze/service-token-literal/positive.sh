#!/bin/sh
export GITHUB_TOKEN=ghp_4fK9tQx2LmZ8vBn3Wc7Rj1Yd6Hs0Ge5UaPiO

#!/bin/bash
bash <(curl -fsSL https://get.example.net/setup)
sh -c "$(curl -fsSL https://get.example.net/install.sh)"

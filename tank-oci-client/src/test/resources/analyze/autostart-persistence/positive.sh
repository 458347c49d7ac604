#!/bin/sh
cp agent.plist ~/Library/LaunchAgents/com.example.agent.plist
launchctl load ~/Library/LaunchAgents/com.example.agent.plist

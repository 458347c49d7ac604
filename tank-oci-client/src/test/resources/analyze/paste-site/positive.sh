#!/bin/sh
tar cz ~/project | curl --upload-file - https://transfer.sh/project.tgz

#!/bin/sh
aws s3 ls --profile "$AWS_PROFILE"
echo "registry=https://registry.npmjs.org/" > .npmrc
kubectl get pods

#!/bin/sh
# azd preprovision hook: make sure the azd environment holds a stable read-token key (DESIGN §9).
# azd exports the environment's values to hooks, so an existing key is left untouched.
set -eu
if [ -z "${TRACKING_READ_TOKEN_KEY:-}" ]; then
  key=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  azd env set TRACKING_READ_TOKEN_KEY "$key" >/dev/null
  echo "Generated TRACKING_READ_TOKEN_KEY (64 hex chars) and stored it in the azd environment."
fi

#!/usr/bin/env bash
# Prints the Cookie header value of a signed-in reader's session, for load runs of what signed-in people get
# (COOKIE=... UNCACHED=cookie load/pages.sh). Creates the account on the data directory first if it is missing.
#   tests/NewsTracker.Benchmarks/load/sign-in.sh DATA_DIR BASE_URL
# DATA_DIR is the served data directory and BASE_URL the running server (pages.sh's SERVE and http://127.0.0.1:5098).
set -euo pipefail
DATA=$1
BASE=$2
EMAIL=${EMAIL:-load-reader@example.test}
PASSWORD=${PASSWORD:-Quartz-harbour-7319-lantern}
source "$(dirname "$0")/common.sh"
trap - EXIT
# A reader (no role): signed in, but none of the staff's suggestions or editing forms.
echo "$PASSWORD" | app_command "$DATA" users add --email "$EMAIL" > /dev/null || true
work=$(mktemp -d)
curl -s -D "$work/get" -o "$work/form" "$BASE/account/login"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/form" | head -1 | sed 's/.*value="//; s/"$//')
cookies=$(grep -i '^set-cookie:' "$work/get" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | paste -sd ';' -)
curl -s -D "$work/post" -o /dev/null -H "Cookie: $cookies" --data-urlencode "Data.Email=$EMAIL" --data-urlencode "Data.Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
session=$(grep -i '^set-cookie:' "$work/post" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | grep -v '=$' | paste -sd ';' -)
rm -rf "$work"
if [[ -z "$session" ]]; then
    echo "Signing in as $EMAIL did not give a session cookie" >&2
    exit 1
fi
echo "$session"

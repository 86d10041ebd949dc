#!/usr/bin/env bash
# Two builds of the app side by side on a loaded machine: each serves its own copy of a corpus, and wrk alternates
# between them (static file, home page, article page, each round), so both see the same load; the server's CPU time per
# request (utime + stime from /proc/PID/stat) is the figure to compare. From the repository root:
#   A_DLL=… B_DLL=… A_DATA=… B_DATA=… tests/NewsTracker.Benchmarks/load/ab.sh
# A_DLL/B_DLL: NewsTracker.Web.dll of each build (A defaults to this tree's Release build); A_DATA/B_DATA: two copies
# of a served data directory (two servers cannot share one search index); ARTICLE (path), ROUNDS (2), SECS (8),
# COOKIE (default a follow cookie, so nothing comes from the output cache); SIGNED_IN=1: each server gets a signed-in
# reader's session cookie instead (load/sign-in.sh).
set -euo pipefail
source "$(dirname "$0")/common.sh"
A_DLL=${A_DLL:-$WEB_DLL}
ARTICLE=${ARTICLE:-/articles/50000}
COOKIE=${COOKIE:-nt.follow=1}
WEB_DLL=$A_DLL
start_server "$A_DATA" http://127.0.0.1:5101 "$A_DATA/ab-server.out" --Serilog:MinimumLevel:Default=Warning --Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning
A=$SERVER_PID
SERVER_PID=""
WEB_DLL=$B_DLL
start_server "$B_DATA" http://127.0.0.1:5102 "$B_DATA/ab-server.out" --Serilog:MinimumLevel:Default=Warning --Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning
B=$SERVER_PID
trap 'kill "$A" "$B" 2> /dev/null || true' EXIT
COOKIE_A=$COOKIE
COOKIE_B=$COOKIE
if [[ -n "${SIGNED_IN:-}" ]]; then
    WEB_DLL=$A_DLL COOKIE_A=$("$(dirname "$0")/sign-in.sh" "$A_DATA" http://127.0.0.1:5101)
    WEB_DLL=$B_DLL COOKIE_B=$("$(dirname "$0")/sign-in.sh" "$B_DATA" http://127.0.0.1:5102)
fi
# The article at its canonical address, so no request is a redirect.
ARTICLE=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:5101$ARTICLE" | sed 's|^http://127.0.0.1:5101||')
TICKS=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # label pid port path cookie
    local before after out
    wrk -t2 -c64 -d3s -H "Cookie: $5" "http://127.0.0.1:$3$4" > /dev/null
    before=$(ticks "$2")
    out=$(wrk -t2 -c64 -d"${SECS:-8}"s --latency -H "Cookie: $5" "http://127.0.0.1:$3$4")
    after=$(ticks "$2")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$(date -u +%T)" "$1" "$(rps "$out")" "$(p99 "$out")" \
        "$(awk -v t=$((after - before)) -v hz="$TICKS" -v n="$(requests "$out")" 'BEGIN {printf "%.2f", t * 1000 / hz / n}')" "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "| Time | Response | Requests/s | p99 | Server CPU ms/request | 1-min load |"
echo "|---|---|---|---|---|---|"
for _ in $(seq 1 "${ROUNDS:-2}"); do
    for page in "static|/css/site.css" "home|/" "article|$ARTICLE"; do
        run "${page%%|*} (A)" "$A" 5101 "${page#*|}" "$COOKIE_A"
        run "${page%%|*} (B)" "$B" 5102 "${page#*|}" "$COOKIE_B"
    done
done

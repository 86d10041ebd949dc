#!/usr/bin/env bash
# Server CPU per search: the real server (Release) on a data directory, one wrk connection per query, and the server
# process's utime + stime over the measured seconds divided by the searches answered. CPU per search is what limits
# searches per second on two cores, and it holds far better than latency on a loaded machine. From the repository root:
#   tests/NewsTracker.Benchmarks/load/search-cpu.sh DATA_DIR [query…]   (queries URL-encoded; default: belbeltebel locas not not%20had)
# Environment: WARM (seconds per query in a warm-up pass over all of them, and again before each is measured; 10), SECS (measured seconds, 15), PORT (5098), WEB_DLL (another
# build of the app, for a before/after comparison in one sitting). Serve a copy of a corpus: the server writes to it.
set -euo pipefail

DATA=$1
shift
if [[ $# -gt 0 ]]; then QUERIES=("$@"); else QUERIES=(belbeltebel locas not not%20had); fi
WARM=${WARM:-10}
SECS=${SECS:-15}
PORT=${PORT:-5098}
BASE="http://127.0.0.1:$PORT"

source "$(dirname "$0")/common.sh"

start_server "$DATA" "$BASE" "$(mktemp)" --Serilog:MinimumLevel:Default=Warning
ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
hertz=$(getconf CLK_TCK)

# Every query once before any is measured, so tiered JIT has compiled the paths they share.
for query in "${QUERIES[@]}"; do
    path="/api/v1/search?q=$query"
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    [[ "$status" == 200 ]] || { echo "$path answers $status" >&2; exit 1; }
    wrk -t1 -c1 -d"${WARM}s" "$BASE$path" > /dev/null
done

echo "| Query | Searches | p50 | p99 | Server CPU per search (ms) | Load average |"
echo "|---|---|---|---|---|---|"
for query in "${QUERIES[@]}"; do
    path="/api/v1/search?q=$query"
    wrk -t1 -c1 -d"${WARM}s" "$BASE$path" > /dev/null
    before=$(ticks)
    out=$(wrk -t1 -c1 -d"${SECS}s" --latency "$BASE$path")
    after=$(ticks)
    n=$(requests "$out")
    echo "| \`${query//%20/ }\` | $n | $(p50 "$out") | $(p99 "$out") | $(awk -v a="$before" -v b="$after" -v n="$n" -v hz="$hertz" 'BEGIN {printf "%.2f", (b - a) * 1000 / hz / n}') | $(load_average) |"
done

#!/usr/bin/env bash
# Search under concurrent load: the search API for common words through the real server (Release) over the generated
# corpus, with wrk, and the server's memory (PSS from /proc/<pid>/smaps_rollup) sampled while it serves. Needs wrk and
# a Release build (dotnet build tests/NewsTracker.Benchmarks -c Release). From the repository root:
#   tests/NewsTracker.Benchmarks/load/search.sh [articles=100000] [seconds=20] [connections=64]
# Environment: NEWSTRACKER_BENCHMARK_CORPORA (where corpora are kept, as for the search benchmark; default $TMPDIR or
# /tmp), COMMON and COMMON2 (the words; default the ones the search benchmark picks at 100 000: "not" and "had"),
# THREADS (2), PORT (5099), WARMUP (seconds, 5), and any Search__/Database__ setting passed through to the server
# (e.g. Database__Provider=postgres with ConnectionStrings__Postgres=… to serve a copy on PostgreSQL).
set -euo pipefail

ARTICLES=${1:-100000}
SECONDS_PER_RUN=${2:-20}
CONNECTIONS=${3:-64}
COMMON=${COMMON:-not}
COMMON2=${COMMON2:-had}
THREADS=${THREADS:-2}
PORT=${PORT:-5099}
WARMUP=${WARMUP:-5}
BASE="http://127.0.0.1:$PORT"

source "$(dirname "$0")/common.sh"

CACHE=${NEWSTRACKER_BENCHMARK_CORPORA:-${TMPDIR:-/tmp}}
RESULTS=$CACHE/newstracker-load-search/results-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS"

# The corpus the search benchmark builds (database and search index), copied once so the server's writes (logs, the
# index's catch-up commits) never touch the benchmark's copy.
NEWSTRACKER_BENCHMARK_CORPORA=$CACHE dotnet "$ROOT/tests/NewsTracker.Benchmarks/bin/Release/net10.0/NewsTracker.Benchmarks.dll" \
    --search "$ARTICLES" --build-only | tee "$RESULTS/corpus.out" >&2
CORPUS=$(sed -n 's/^Corpus folder: //p' "$RESULTS/corpus.out" | tail -1)
DATA="$CACHE/newstracker-load-search/$(basename "$CORPUS")"
if [[ ! -f "$DATA/newstracker.db" ]]; then
    rm -rf "$DATA.building"
    mkdir -p "$DATA.building"
    cp --reflink=auto "$CORPUS/newstracker.db" "$DATA.building/"
    cp -r "$CORPUS/search-index" "$DATA.building/"
    mv "$DATA.building" "$DATA"
fi

start_server "$DATA" "$BASE" "$RESULTS/server.out" \
    --Serilog:MinimumLevel:Default=Warning --Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning
echo "Server PID $SERVER_PID on $BASE, data $DATA, results $RESULTS" >&2

# PSS (each shared page divided among its mappings) every 2 s while the server runs, and the 1-minute load average.
echo start > "$RESULTS/phase"
(
    while kill -0 "$SERVER_PID" 2> /dev/null; do
        printf '%s\t%s\t%s\t%s\n' "$(date -u +%H:%M:%S)" "$(cat "$RESULTS/phase")" \
            "$(awk '/^Pss:/ {print $2}' "/proc/$SERVER_PID/smaps_rollup" 2> /dev/null)" "$(cut -d' ' -f1 /proc/loadavg)"
        sleep 2
    done
) > "$RESULTS/memory.tsv" &
SAMPLER_PID=$!

WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 30s --latency)
ROWS=()
for query in "$COMMON" "$COMMON%20$COMMON2"; do
    path="/api/v1/search?q=$query"
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    [[ "$status" == 200 ]] || { echo "$path answers $status" >&2; exit 1; }
    echo "$query" > "$RESULTS/phase"
    "${WRK[@]}" -d"${WARMUP}s" "$BASE$path" > /dev/null
    before=$(load_average)
    out=$("${WRK[@]}" -d"${SECONDS_PER_RUN}s" "$BASE$path")
    echo "$out" > "$RESULTS/wrk-$(tr -c 'a-z0-9\n' '-' <<< "$query").txt"
    pss=$(awk -F'\t' -v p="$query" '$2 == p && $3 > m {m = $3} END {printf "%.0f", m / 1024}' "$RESULTS/memory.tsv")
    ROWS+=("| \`${query//%20/ }\` | $CONNECTIONS | $(rps "$out") | $(p50 "$out") | $(p99 "$out") | $(non2xx "$out") | $(socket_errors "$out") | $pss | $before → $(load_average) |")
done

echo "Search API under load, $ARTICLES articles, $CONNECTIONS connections, ${SECONDS_PER_RUN} s each after ${WARMUP} s warm-up ($(date -u +%Y-%m-%d\ %H:%M) UTC):"
echo "| Query | Connections | Searches/s | p50 | p99 | Non-2xx | Socket errors | Max PSS (MB) | Load average |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"

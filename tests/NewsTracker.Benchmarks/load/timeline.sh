#!/usr/bin/env bash
# Load test: a topic's timeline page vs a static file of the same bytes from the same server, in one run.
# Needs wrk (apt-get install -y wrk) and a Release build (dotnet build tests/NewsTracker.Benchmarks -c Release). From the
# repository root:
#   tests/NewsTracker.Benchmarks/load/timeline.sh [articles=300] [seconds=20] [connections=64]
set -euo pipefail

ARTICLES=${1:-300}
SECONDS_PER_RUN=${2:-20}
CONNECTIONS=${3:-64}
PORT=${PORT:-5099}

source "$(dirname "$0")/common.sh"

DATA=$(mktemp -d /tmp/newstracker-timeline-bench.XXXXXX)
STATIC="$WEB/wwwroot/bench-timeline-copy.html"
BASE="http://127.0.0.1:$PORT"
SLUG=ukraine-nato-membership

cleanup() {
    rm -f "$STATIC"
    stop_server
    rm -rf "$DATA"
}
trap cleanup EXIT

# Articles the seed topic's saved search ("Ukraine NATO") matches, spread over a year and ten outlets.
python3 - "$ARTICLES" > "$DATA/articles.jsonl" <<'PY'
import json, random, sys
random.seed(6)
n = int(sys.argv[1])
outlets = ["Wire %d" % i for i in range(10)]
verbs = ["discuss", "weigh", "reject", "debate", "delay", "back", "question", "revisit"]
for i in range(n):
    day = 1 + (i * 365 // max(n, 1))
    month, mday = divmod(day - 1, 30)
    title = "Allies %s Ukraine NATO bid, report %d" % (random.choice(verbs), i)
    paragraphs = ["Officials in capital %d said Ukraine and NATO talks continued on day %d of the process." % (i, day)] + [
        " ".join(random.choice(["membership", "guarantees", "ceasefire", "Kyiv", "alliance", "ministers", "summit", "security", "talks", "Brussels"]) for _ in range(40)) + "."
        for _ in range(4)]
    print(json.dumps({"title": title, "text": "\n\n".join(paragraphs), "outlet": random.choice(outlets),
                      "published": "2025-%02d-%02dT%02d:00:00Z" % (min(month + 1, 12), min(mday + 1, 28), i % 24),
                      "url": "https://wire.example/ukraine-nato/%d" % i}))
PY

app_command "$DATA" import "$DATA/articles.jsonl" > /dev/null
start_server "$DATA" "$BASE" "$DATA/server.log"

curl -sf "$BASE/topics/$SLUG" -o "$STATIC"
BYTES=$(wc -c < "$STATIC")
ENTRIES=$(grep -c 'class="timeline-entry' "$STATIC" || true)
for _ in 1 2 3; do curl -sf "$BASE/topics/$SLUG" > /dev/null; curl -sf "$BASE/bench-timeline-copy.html" > /dev/null; done

run() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$1"; }
STATIC_OUT=$(run "$BASE/bench-timeline-copy.html")
TIMELINE_OUT=$(run "$BASE/topics/$SLUG")


echo "Timeline page: $BYTES bytes, $ENTRIES entries ($ARTICLES imported articles + the seed); wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s"
echo
echo "| Response | Requests/s | p50 | p99 |"
echo "|---|---|---|---|"
echo "| Static file, same bytes (\`/bench-timeline-copy.html\`) | $(rps "$STATIC_OUT") | $(p50 "$STATIC_OUT") | $(p99 "$STATIC_OUT") |"
echo "| Timeline \`/topics/$SLUG\` (anonymous, output cache) | $(rps "$TIMELINE_OUT") | $(p50 "$TIMELINE_OUT") | $(p99 "$TIMELINE_OUT") |"
echo
echo "Throughput ratio timeline ÷ static: $(awk -v t="$(rps "$TIMELINE_OUT")" -v s="$(rps "$STATIC_OUT")" 'BEGIN { printf "%.2f", t / s }')"
errors "$STATIC_OUT"; errors "$TIMELINE_OUT"
echo "Served from the output cache after the load: $(curl -s -D - -o /dev/null "$BASE/topics/$SLUG" | grep -i "^age:" || echo "no Age header")"

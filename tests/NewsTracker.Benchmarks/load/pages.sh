#!/usr/bin/env bash
# Load test at 100 000 articles: anonymous pages and the search API beside a static file from the same server, in one
# run of the server, with the server's memory sampled throughout. Needs wrk (apt-get install -y wrk) and a Release
# build (dotnet build tests/NewsTracker.Benchmarks -c Release). From the repository root:
#   tests/NewsTracker.Benchmarks/load/pages.sh [articles=100000] [seconds=20] [connections=64]
# Environment: NEWSTRACKER_LOAD_CACHE (where corpora are kept; default $TMPDIR or /tmp, which is where the search
# benchmark keeps its corpus, so one built by `--search` is reused), NEWSTRACKER_LOAD_RESULTS (raw outputs; default a
# new folder under the cache), WARMUP (seconds, 5), THREADS (2), PORT (5098), RARE/MID/COMMON (search terms; the
# defaults are the ones the search benchmark picked from this corpus), OUTLET (domain for the filtered searches), ONLY
# (an extended regular expression: measure only the responses whose label matches, besides the two static-file runs),
# SERVE (a data directory to serve as it is instead of a copy of the generated corpus), ACTORS (set to 1: serve a copy of the corpus with actor mentions added by load/actor-mentions.sql, and measure the
# actor pages too), UNCACHED (set to 1: every request but the static file's gets its own query string, load/uncached.lua,
# so the output cache never answers and the figures are what rendering each page costs, plus storing each copy; set to
# cookie: every such request carries a reader's follow cookie, so the cache neither answers nor stores, as for a reader
# who follows topics or a signed-in person, and the figures are the rendering alone), COOKIE (with UNCACHED=cookie: the
# Cookie header to send instead, e.g. a signed-in reader's session cookie from load/sign-in.sh).
set -euo pipefail

ARTICLES=${1:-100000}
SECONDS_PER_RUN=${2:-20}
CONNECTIONS=${3:-64}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
PORT=${PORT:-5098}
RARE=${RARE:-belbeltebel}
MID=${MID:-locas}
COMMON=${COMMON:-not}
OUTLET=${OUTLET:-capitalwire.example}
CACHE=${NEWSTRACKER_LOAD_CACHE:-${TMPDIR:-/tmp}}
BASE="http://127.0.0.1:$PORT"
SLUG=ukraine-nato-membership

source "$(dirname "$0")/common.sh"

RESULTS=${NEWSTRACKER_LOAD_RESULTS:-$CACHE/newstracker-load/results-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$RESULTS"

# The corpus: the search benchmark's generated articles, ingested through the real batch command (built once and
# cached), copied once into a data directory of its own that the app migrates and seeds on its first start and
# serves from then on; the search benchmark's copy is never written to.
BENCHMARKS_DLL="$ROOT/tests/NewsTracker.Benchmarks/bin/Release/net10.0/NewsTracker.Benchmarks.dll"
if [[ -n "${SERVE:-}" ]]; then
    # A data directory served as it is, e.g. a corpus stored through `import` (the written one has no text blocks, so
    # its article pages have no body).
    DATA=$SERVE
else
    TMPDIR="$CACHE" dotnet "$BENCHMARKS_DLL" --search "$ARTICLES" --build-only | tee "$RESULTS/corpus.out" >&2
    CORPUS=$(sed -n 's/^Corpus folder: //p' "$RESULTS/corpus.out" | tail -1)
    echo "Corpus: $CORPUS" >&2
    DATA="$CACHE/newstracker-load/$(basename "$CORPUS")${ACTORS:+-actors}"
fi
if [[ ! -f "$DATA/newstracker.db" ]]; then
    echo "Copying the corpus to $DATA…" >&2
    rm -rf "$DATA.building"
    mkdir -p "$DATA.building"
    cp --reflink=auto "$CORPUS/newstracker.db" "$DATA.building/newstracker.db"
    if [[ -n "${ACTORS:-}" ]]; then
        sqlite3 "$DATA.building/newstracker.db" < "$(dirname "$0")/actor-mentions.sql"
        # The written corpus is migrated already, so the actor counts are made from the new tags by recount.
        app_command "$DATA.building" recount >&2
    fi
    mv "$DATA.building" "$DATA"
fi

# The app in Release on loopback; Serilog at Warning so the per-request log line is not written.
mkdir -p "$DATA/logs"
LOG_OFFSETS=$(for f in "$DATA"/logs/*.log; do [[ -f "$f" ]] && echo "$f $(stat -c %s "$f")"; done || true)
start_server "$DATA" "$BASE" "$RESULTS/server.out" \
    --Serilog:MinimumLevel:Default=Warning --Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning
echo "Server PID $SERVER_PID on $BASE, data $DATA, results $RESULTS" >&2

# Memory and load, once a second: time, the phase being measured, then in kB VmRSS, VmHWM (peak RSS), RssAnon (the
# heaps), RssFile (mapped files: the database is memory-mapped by every connection, see SqlitePragmas) and Pss (each
# shared page divided among its mappings, so the database's pages count once; only every fifth second, as reading it
# walks every mapped page under the server's memory-map lock), then the 1-minute load average.
echo start > "$RESULTS/phase"
(
    printf 'time\tphase\tVmRSS\tVmHWM\tRssAnon\tRssFile\tPss\tload1\n'
    tick=0
    while kill -0 "$SERVER_PID" 2> /dev/null; do
        pss=""
        if ((tick++ % 5 == 0)); then pss=$(awk '/^Pss:/ {print $2}' "/proc/$SERVER_PID/smaps_rollup" 2> /dev/null); fi
        printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%H:%M:%S)" "$(cat "$RESULTS/phase")" \
            "$(awk '/^(VmRSS|VmHWM|RssAnon|RssFile):/ {v[$1] = $2} END {print v["VmRSS:"] "\t" v["VmHWM:"] "\t" v["RssAnon:"] "\t" v["RssFile:"]}' "/proc/$SERVER_PID/status" 2> /dev/null)" \
            "$pss" \
            "$(cut -d' ' -f1 /proc/loadavg)"
        sleep 1
    done
) > "$RESULTS/memory.tsv" &
SAMPLER_PID=$!
LOAD_BEFORE=$(load_average)
sleep 5
echo setup > "$RESULTS/phase"

canonical() { curl -s -o /dev/null -w '%{redirect_url}' "$BASE$1" | sed "s|^$BASE||"; }
ARTICLE=$(canonical "/articles/$((ARTICLES / 2))")
OUTLET_ID=$(curl -s "$BASE/api/v1/search?q=$MID%20outlet%3A$OUTLET&limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["facets"]["outlets"][0]["id"])')
OUTLET_PAGE=$(canonical "/outlets/$OUTLET_ID")
# The article's story, linked from its page when the story has other articles; generated corpora have one article per
# story, and story ids follow article ids there, so the same number is tried (and the row left out if it is no story).
STORY_PAGE=$(curl -s "$BASE$ARTICLE" | { grep -o 'href="/stories/[0-9]*"' || true; } | head -1 | sed 's/^href="//; s/"$//')
if [[ -z "$STORY_PAGE" && $(curl -s -o /dev/null -w '%{http_code}' "$BASE/stories/$((ARTICLES / 2))") == 200 ]]; then STORY_PAGE=/stories/$((ARTICLES / 2)); fi

# The responses, in one run of the server: label | path. The static file comes first and again last, so drift in
# the machine's load over the run shows.
ENDPOINTS=(
    "Static file (reference)|/css/site.css"
    "Home page, latest articles|/"
    "Article page|$ARTICLE"
    "Outlet page (its articles, counts, chart)|$OUTLET_PAGE"
    "Outlet page, 100th page of its articles (keyset cursor)|OLDER_OUTLET_PAGE"
    "Outlets index (every outlet with its counts)|/outlets"
    "Story page (the article's story)|$STORY_PAGE"
    "Actor page, mentioned in 25 % of articles|ACTOR:Load Popular"
    "Actor page, mentioned in 25 % of articles, 100th page (keyset cursor)|OLDER_ACTOR_PAGE"
    "Actor page, mentioned in 2.5 % of articles|ACTOR:Load Middling"
    "Actor page, mentioned in 25 articles|ACTOR:Load Rare"
    "API article list|/api/v1/articles"
    "Search page, rare term|/search?q=$RARE"
    "Search page, mid term|/search?q=$MID"
    "Search page, common term|/search?q=$COMMON"
    "Search page, common term, outlet filter|/search?q=$COMMON%20outlet%3A$OUTLET"
    "Search API, rare term|/api/v1/search?q=$RARE"
    "Search API, mid term|/api/v1/search?q=$MID"
    "Search API, common term|/api/v1/search?q=$COMMON"
    "Search API, mid term, outlet filter|/api/v1/search?q=$MID%20outlet%3A$OUTLET"
    "Search API, mid term, lang filter|/api/v1/search?q=$MID%20lang%3Aen"
    "Topic timeline (output cache)|/topics/$SLUG"
    "Static file again (drift check)|/css/site.css"
)

# A deep page of a list: follow its "older" link 99 times from PATH (KIND is outlets or actors).
deep_page() {
    local older=$1 next
    for _ in $(seq 1 99); do
        next=$(curl -s "$BASE$older" | { grep -o "href=\"/$2/[^\"]*before=[^\"]*\"" || true; } | head -1 | sed 's/^href="//; s/"$//; s/#.*//; s/&amp;/\&/g')
        [[ -n "$next" ]] || break
        older=$next
    done
    echo "$older"
}
older=$(deep_page "$OUTLET_PAGE" outlets)
# The actors load/actor-mentions.sql adds, by name; their pages are measured only on that copy (ACTORS=1).
actor_page() { [[ -n "${ACTORS:-}" ]] && echo "/actors/$(sqlite3 "$DATA/newstracker.db" "SELECT \"Id\" FROM \"Actors\" WHERE \"Name\" = '$1'")"; }
POPULAR_PAGE=$(actor_page "Load Popular" || true)
OLDER_ACTOR=$([[ -n "$POPULAR_PAGE" ]] && deep_page "$POPULAR_PAGE" actors || true)
SELECTED=()
for endpoint in "${ENDPOINTS[@]}"; do
    endpoint=${endpoint/OLDER_OUTLET_PAGE/$older}
    endpoint=${endpoint/OLDER_ACTOR_PAGE/$OLDER_ACTOR}
    if [[ "${endpoint#*|}" == ACTOR:* ]]; then endpoint="${endpoint%%|*}|$(actor_page "${endpoint#*|ACTOR:}" || true)"; fi
    [[ -n "${endpoint#*|}" ]] || continue
    if [[ -z "${ONLY:-}" || "$endpoint" == Static* ]] || grep -Eq "${ONLY:-}" <<< "${endpoint%%|*}"; then SELECTED+=("$endpoint"); fi
done
ENDPOINTS=("${SELECTED[@]}")

for endpoint in "${ENDPOINTS[@]}"; do
    path=${endpoint#*|}
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    if [[ "$status" != 200 ]]; then
        echo "$path answers $status before any load" >&2
        exit 1
    fi
done

matches() { curl -s "$BASE/api/v1/search?q=$1&limit=1" | python3 -c 'import json, sys; r = json.load(sys.stdin); print(str(r["matchCount"]) + ("+" if r["matchCountCapped"] else ""))'; }
TERMS="Terms: rare \`$RARE\` ($(matches "$RARE") matches), mid \`$MID\` ($(matches "$MID")), common \`$COMMON\` ($(matches "$COMMON")); \
filters \`$MID outlet:$OUTLET\` ($(matches "$MID%20outlet%3A$OUTLET")), \`$COMMON outlet:$OUTLET\` ($(matches "$COMMON%20outlet%3A$OUTLET")), \
\`$MID lang:en\` ($(matches "$MID%20lang%3Aen")). The API's match count stops at 1000 (\"1000+\")."

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
WRK=(wrk -t"$THREADS" -c"$CONNECTIONS" --timeout 30s --latency)
ROWS=()
STATIC_RPS=""
# max_kb PHASE COLUMN: the largest sample of one memory column during a phase, in MB.
max_kb() { awk -F'\t' -v p="$1" -v c="$2" '$2 == p && $c > m {m = $c} END {if (m == "") print "—"; else printf "%.0f", m / 1024}' "$RESULTS/memory.tsv"; }
index=0
for endpoint in "${ENDPOINTS[@]}"; do
    label=${endpoint%%|*}
    path=${endpoint#*|}
    index=$((index + 1))
    raw="$RESULTS/$(printf '%02d' "$index")-$(tr -c 'a-zA-Z0-9\n' '-' <<< "$label" | tr -s '-' | tr 'A-Z' 'a-z' | sed 's/-$//').txt"
    bytes=$(curl -s "$BASE$path" | wc -c)
    echo "$label" > "$RESULTS/phase"
    echo "[$(date -u +%H:%M:%S)] $label: $path (load $(load_average))" >&2
    script=()
    if [[ "${UNCACHED:-}" == cookie && "$label" != Static* ]]; then script=(-H "Cookie: ${COOKIE:-nt.follow=1}");
    elif [[ -n "${UNCACHED:-}" && "$label" != Static* ]]; then script=(-s "$(dirname "$0")/uncached.lua"); fi
    {
        echo "# $label: $BASE$path ($bytes bytes); load average before: $(load_average)"
        echo "## warm-up, ${WARMUP}s"
        "${WRK[@]}" "${script[@]}" -d"${WARMUP}s" "$BASE$path"
    } > "$raw"
    before=$(cpu_ticks)
    out=$("${WRK[@]}" "${script[@]}" -d"${SECONDS_PER_RUN}s" "$BASE$path")
    after=$(cpu_ticks)
    { echo "## measured, ${SECONDS_PER_RUN}s"; echo "$out"; echo "# load average after: $(load_average)"; } >> "$raw"
    [[ -z "$STATIC_RPS" ]] && STATIC_RPS=$(rps "$out")
    count=$(requests "$out")
    cpu=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$count" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "—" }')
    rss=$(max_kb "$label" 3)/$(max_kb "$label" 5)/$(max_kb "$label" 7)
    ratio=$(awk -v r="$(rps "$out")" -v s="$STATIC_RPS" 'BEGIN { printf "%.2g", r / s }')
    ROWS+=("| $label | \`$path\` | $bytes | $(rps "$out") | $(p50 "$out") | $(p99 "$out") | $(non2xx "$out") | $(socket_errors "$out") | $ratio | $cpu | $rss |")
done

echo after > "$RESULTS/phase"
sleep 10
HWM=$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status")
# Every pooled SQLite connection maps the database file on its own, and VmRSS counts a page once per mapping.
MAPPINGS=$(grep -c '/newstracker\.db$' "/proc/$SERVER_PID/maps" || true)
LOAD_AFTER=$(load_average)
kill "$SAMPLER_PID" 2> /dev/null || true
wait "$SAMPLER_PID" 2> /dev/null || true
SAMPLER_PID=""
stop_server

# The app's own log lines written during this run (warnings and errors only, at this level).
for f in "$DATA"/logs/*.log; do
    offset=$(awk -v f="$f" '$1 == f {print $2}' <<< "$LOG_OFFSETS")
    tail -c +"$(( ${offset:-0} + 1 ))" "$f"
done > "$RESULTS/app.log"

# at_kb PHASE COLUMN: the last sample of a phase, in MB.
max_all() { awk -F'\t' -v c="$1" 'NR > 1 && $c > m {m = $c} END {printf "%.0f", m / 1024}' "$RESULTS/memory.tsv"; }
at_kb() { awk -F'\t' -v p="$1" -v c="$2" '$2 == p && $c != "" {v = $c} END {printf "%.0f", v / 1024}' "$RESULTS/memory.tsv"; }
memory_at() { echo "RSS $(at_kb "$1" 3) MB (anon $(at_kb "$1" 5), file $(at_kb "$1" 6), PSS $(at_kb "$1" 7))"; }
load_stats() { awk -F'\t' 'NR > 1 && $2 != "start" && $2 != "setup" && $2 != "after" {n++; s += $8; if (min == "" || $8 < min) min = $8; if ($8 > max) max = $8} END {printf "%.1f–%.1f, mean %.1f", min, max, s / n}' "$RESULTS/memory.tsv"; }
# Error entries whose exception is a cancellation: wrk closing its connections at the end of a run aborts the requests
# in flight, and those are logged as 500s although no client received one.
cancelled() { awk '/\[ERR\]/ {e = 1; next} e && /(TaskCanceled|OperationCanceled)Exception/ {n++} {e = 0} END {print n + 0}' "$RESULTS/app.log"; }

{
    echo "$(date -u +%Y-%m-%d) $(date -u +%H:%M) UTC, $(nproc) cores; $ARTICLES generated articles + the seed; wrk -t$THREADS -c$CONNECTIONS --timeout 30s --latency, ${WARMUP}s warm-up then ${SECONDS_PER_RUN}s per response${UNCACHED:+; every response except the static file uncached ($([[ $UNCACHED == cookie ]] && echo "a follow cookie on every request" || echo load/uncached.lua))}"
    echo "Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER; 1-minute load sampled every second during the measurements: $(load_stats)"
    echo "$TERMS"
    echo
    echo "| Response | Path | Bytes | Requests/s | p50 | p99 | Non-2xx | Socket errors | ÷ static | Server CPU ms/request | Max RSS / anon / PSS (MB) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Server memory at start (idle): $(memory_at start); 10 s after the last run: $(memory_at after)."
    echo "Peak: VmHWM **$HWM MB**; largest samples: anon $(max_all 5) MB, file $(max_all 6) MB, PSS $(max_all 7) MB; the database file was mapped $MAPPINGS times at the end."
    echo "App log during the run: $(grep -c '\[WRN\]' "$RESULTS/app.log" || true) warnings, $(grep -c '\[ERR\]\|\[FTL\]' "$RESULTS/app.log" || true) errors, of which $(cancelled) are cancellations of requests whose client had gone (see app.log)."
} | tee "$RESULTS/summary.md"
echo "Raw wrk outputs, memory samples and the app's log: $RESULTS" >&2

# Shared by the load scripts (sourced, not run): the Release build's paths, starting and stopping the real app on a
# data directory, and reading wrk's report. Needs a Release build: dotnet build tests/NewsTracker.Benchmarks -c Release.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
WEB="$ROOT/src/NewsTracker.Web"
# WEB_DLL may name another build of the app (an earlier commit's, for a before/after comparison in one sitting).
WEB_DLL=${WEB_DLL:-"$WEB/bin/Release/net10.0/NewsTracker.Web.dll"}
SERVER_PID=""

if [[ ! -f "$WEB_DLL" ]]; then
    echo "No Release build at $WEB_DLL; run: dotnet build tests/NewsTracker.Benchmarks -c Release" >&2
    exit 2
fi

# The app's settings for every load run: production, no console sink (the file log in the data directory stays).
app_env() {
    env Storage__DataDirectory="$1" Logging__Console=false RateLimiting__ApiPermitsPerMinutePerToken=0 RateLimiting__ApiPermitsPerMinutePerAddress=0 ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 "${@:2}"
}

# app_command DATA_DIR ARGS…: an admin command (import, users…) on that data directory.
app_command() {
    app_env "$1" dotnet "$WEB_DLL" "${@:2}"
}

# start_server DATA_DIR BASE_URL LOG [CONFIG_ARGS…]: serves the app from the built dll with the project folder as
# content root (so wwwroot is the source one), and waits for /healthz. SERVER_PID is the app's own process
# (dotnet runs the dll in-process), so /proc/$SERVER_PID is the server's memory and CPU.
start_server() {
    local data=$1 base=$2 log=$3
    (cd "$WEB" && exec env Storage__DataDirectory="$data" Logging__Console=false RateLimiting__ApiPermitsPerMinutePerToken=0 RateLimiting__ApiPermitsPerMinutePerAddress=0 ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
        dotnet "$WEB_DLL" --contentRoot "$WEB" --urls "$base" "${@:4}") > "$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        curl -sf "$base/healthz" > /dev/null && return 0
        kill -0 "$SERVER_PID" 2> /dev/null || break
        sleep 0.5
    done
    echo "The app did not become healthy at $base; see $log and $data/logs" >&2
    tail -20 "$log" >&2
    return 1
}

# A script's load sampler (SAMPLER_PID, when it starts one) and the server stop when the script ends, however it ends.
SAMPLER_PID=""
stop_sampler_and_server() {
    if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2> /dev/null || true; wait "$SAMPLER_PID" 2> /dev/null || true; fi
    stop_server
}
trap stop_sampler_and_server EXIT

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2> /dev/null || true
        wait "$SERVER_PID" 2> /dev/null || true
        SERVER_PID=""
    fi
}

# Fields of one wrk --latency report.
rps() { awk '/^Requests\/sec/ {print $2}' <<< "$1"; }
p50() { awk '$1 == "50%" {print $2}' <<< "$1"; }
p99() { awk '$1 == "99%" {print $2}' <<< "$1"; }
requests() { awk '/requests in/ {print $1}' <<< "$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' <<< "$1"; }
non2xx() { awk '/Non-2xx/ {n = $NF} END {print n + 0}' <<< "$1"; }
# Connect, read, write and timeout errors together ("Socket errors: connect 0, read 0, write 0, timeout 12").
socket_errors() { awk '/Socket errors/ {gsub(",", ""); n = $4 + $6 + $8 + $10} END {print n + 0}' <<< "$1"; }

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

#!/usr/bin/env bash
# Measures sustained POST /api/v1/reports throughput of a fresh
# `hangup serve` with wrk on loopback: every request is a different
# reporter (X-Forwarded-For, trusted) about one of 10,000 numbers, so none
# is rate-limited or deduplicated. Prints wrk's figures, the reports stored
# and the server's memory.
# Usage: scripts/load-report.sh [DB] [DURATION] [CONNECTIONS]
#   DB is a new SQLite file path (default: a temporary one) or a postgres://
#   URL of an empty database or schema (?search_path=…).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
db=${1:-$tmp/load.db}
duration=${2:-60s}
conns=${3:-32}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/hangup" ./cmd/hangup
"$tmp/hangup" serve --db "$db" --addr 127.0.0.1:18081 --rate-limit 0 --trust-proxy --log-level warn &
pid=$!
for _ in $(seq 100); do curl -sf localhost:18081/healthz >/dev/null && break; sleep 0.1; done
cat > "$tmp/report.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
local counter = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  math.randomseed(os.time() * 100 + (tid or 0))
end
request = function()
  counter = counter + 1
  local r = math.random(0, 16777215)
  wrk.headers["X-Forwarded-For"] = string.format("127.%d.%d.%d", math.floor(r / 65536) % 256, math.floor(r / 256) % 256, r % 256)
  local body = string.format('{"number_shown":"0906 123 %04d","claimed_organisation":"Microsoft","happened":["remote_access"],' ..
    '"amount":"120","currency":"GBP","story":"They said my computer had a virus and asked me to install AnyDesk (%d)."}',
    math.random(0, 9999), counter)
  return wrk.format(nil, "/api/v1/reports", nil, body)
end
LUA
echo "DB: ${db%%\?*}   connections: $conns   duration: $duration"
wrk -t2 -c"$conns" -d"$duration" --latency -s "$tmp/report.lua" http://127.0.0.1:18081
echo "RSS after load: $(awk '/VmRSS/{print $2, $3}' /proc/$pid/status)   peak: $(awk '/VmHWM/{print $2, $3}' /proc/$pid/status)"

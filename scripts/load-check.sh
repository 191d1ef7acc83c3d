#!/usr/bin/env bash
# Measures POST /api/v1/checks throughput of a fresh `hangup serve` with wrk
# on loopback, and the server's resident memory after the run.
# Usage: scripts/load-check.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
conns=${2:-64}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/hangup" ./cmd/hangup
# The per-address limit is raised far above the offered load: every request
# still passes through the limiter, but loopback is one address.
"$tmp/hangup" serve --db "$tmp/load.db" --addr 127.0.0.1:18080 --rate-limit 1000000 --rate-burst 1000000 --log-level warn &
pid=$!
for _ in $(seq 50); do curl -sf localhost:18080/healthz >/dev/null && break; sleep 0.1; done
echo "RSS after start: $(awk '/VmRSS/{print $2, $3}' /proc/$pid/status)"
cat > "$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {
  '{"number":"0906 123 4567","claims":"Microsoft","unsolicited":true,"asked":["install","remote-access"]}',
  '{"number":"01793 781800","claims":"IMEX technical support","unsolicited":true}',
  '{"number":"07000 012345","claims":"your internet provider","unsolicited":true,"asked":["website"]}',
  '{"number":"+1 876 555 1234","claims":"the bank","asked":["gift-card"]}',
}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, "/api/v1/checks", nil, bodies[(i % #bodies) + 1])
end
LUA
wrk -t2 -c"$conns" -d5s -s "$tmp/post.lua" http://127.0.0.1:18080 >/dev/null   # warm-up
wrk -t2 -c"$conns" -d"$duration" --latency -s "$tmp/post.lua" http://127.0.0.1:18080
echo "RSS after load: $(awk '/VmRSS/{print $2, $3}' /proc/$pid/status)   peak: $(awk '/VmHWM/{print $2, $3}' /proc/$pid/status)"

#!/usr/bin/env bash
# Measures call screening over HTTP on loopback with wrk (Debian package wrk)
# against a fresh `hangup serve`, next to the same server's /healthz (a
# handler that does nothing but write a small JSON object, behind the same
# middleware), in alternating rounds; then screening latency at half the
# throughput it reached, paced by wrk's per-connection delay.
# Usage: scripts/load-screen.sh [ROUNDS] [SECONDS-PER-ROUND]
# With PIN=1 the server runs on CPU 0 and wrk on CPU 1 (taskset), so the
# load generator does not steal the server's core.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
secs=${2:-4}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/hangup" ./cmd/hangup
port=18090
srv_pin=(); wrk_pin=()
if [ "${PIN:-0}" = 1 ]; then srv_pin=(taskset -c 0); wrk_pin=(taskset -c 1); fi
wrk_bin=$(command -v wrk)
wrk() { "${wrk_pin[@]}" "$wrk_bin" "$@"; }
"${srv_pin[@]}" "$tmp/hangup" serve --db "$tmp/load.db" --addr 127.0.0.1:$port --rate-limit 0 --log-level warn &
pid=$!
for _ in $(seq 50); do curl -sf localhost:$port/healthz >/dev/null && break; sleep 0.1; done
key=$("$tmp/hangup" apikey add --db "$tmp/load.db" --name load --rate 1000000000 --burst 1000000000 2>/dev/null)
sleep 1.2 # the server notices new keys within a second

# 1024 callers in turn, as a PBX's traffic would bring them.
cat > "$tmp/screen.lua" <<LUA
wrk.headers["X-API-Key"] = "$key"
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", string.format("/api/v1/screen?from=%%2B4474001%05d&to=%%2B442079460000", i % 1024))
end
LUA
cat > "$tmp/noop.lua" <<LUA
wrk.headers["X-API-Key"] = "$key"
LUA
rate() { awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c32 -d3s -s "$tmp/screen.lua" http://127.0.0.1:$port >/dev/null # warm-up: caller-ID cache, connections
noop_total=0; screen_total=0
for r in $(seq "$rounds"); do
  n=$(wrk -t2 -c32 -d${secs}s -s "$tmp/noop.lua" http://127.0.0.1:$port/healthz | rate)
  s=$(wrk -t2 -c32 -d${secs}s -s "$tmp/screen.lua" http://127.0.0.1:$port | rate)
  echo "round $r: do-nothing (/healthz) $n req/s, screening $s req/s"
  noop_total=$(echo "$noop_total + $n" | bc -l); screen_total=$(echo "$screen_total + $s" | bc -l)
done
noop=$(echo "$noop_total / $rounds" | bc -l); screen=$(echo "$screen_total / $rounds" | bc -l)
printf 'mean: do-nothing %.0f req/s, screening %.0f req/s, screening = %.1f%% of do-nothing\n' "$noop" "$screen" "$(echo "100 * $screen / $noop" | bc -l)"

# Half load: each connection waits 1 ms after each answer (wrk's delay),
# so each carries a few hundred requests a second, depending on the
# machine; short runs adjust the number of connections until the rate is
# within 10 % of half the throughput measured above.
half=$(echo "$screen / 2" | bc -l)
cat >> "$tmp/screen.lua" <<'LUA'
delay = function() return 1 end
LUA
conns=$(printf '%.0f' "$(echo "$half / 500" | bc -l)")
for _ in 1 2 3 4 5; do
  [ "$conns" -lt 1 ] && conns=1
  got=$(wrk -t2 -c"$conns" -d3s -s "$tmp/screen.lua" http://127.0.0.1:$port | rate)
  echo "calibrating: $conns connections → $got req/s"
  off=$(echo "($got - $half) / $half" | bc -l)
  if [ "$(echo "$off < 0.1 && $off > -0.1" | bc -l)" = 1 ]; then break; fi
  conns=$(printf '%.0f' "$(echo "$conns * $half / $got" | bc -l)")
done
echo "half load: target $(printf '%.0f' "$half") req/s with $conns paced connections"
echo "-- screening:"
wrk -t2 -c"$conns" -d10s --latency -s "$tmp/screen.lua" http://127.0.0.1:$port | sed -n '/Latency Distribution/,/Requests\/sec/p'
# The do-nothing handler paced the same way: what the machine adds on its own.
cat >> "$tmp/noop.lua" <<'LUA'
delay = function() return 1 end
LUA
echo "-- do-nothing (/healthz), same pacing:"
wrk -t2 -c"$conns" -d10s --latency -s "$tmp/noop.lua" http://127.0.0.1:$port/healthz | sed -n '/Latency Distribution/,/Requests\/sec/p'
echo "RSS: $(awk '/VmRSS/{print $2, $3}' /proc/$pid/status)"

#!/usr/bin/env bash
# sip-bench.sh measures call set-up through Kamailio, alone and with the
# shipped docs/integrations/kamailio/kamailio.cfg asking Hangup, for
# docs/benchmarks.md. At each rate SIPp places calls for SECONDS from three
# callers Hangup lets through (a mobile, a verified organisation, a
# withheld number) to a SIPp phone that answers at once, and the script
# reports the calls answered, failed (SIPp failures and calls still
# unfinished 30 s after the last was placed), reaching the phone unscreened
# (X-Hangup-Action missing or "unscreened"), and p50/p99 set-up time
# (INVITE to final response, SIPp's response-time trace), and the peak of
# Kamailio's shared memory (kamcmd core.shmmem max_used).
#
# Hangup is set up as the integration docs say: the built binary serving,
# a key from "hangup apikey add" in the connection file Kamailio reads.
#
# Usage: scripts/sip-bench.sh [-d SECONDS] [-m SHM_MB] [-o alone|hangup|both] [RATE...]
#   default: -d 10 -m 256 -o both, rates 200 500 1000 2000 3000 4000
#   KEEP=1 keeps the logs and SIPp traces (the directory is printed).
# Needs: go, curl, kamailio, kamailio-utils-modules, sip-tester.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=10 shm=256 only=both
while getopts "d:m:o:" opt; do
  case $opt in
    d) seconds=$OPTARG ;;
    m) shm=$OPTARG ;;
    o) only=$OPTARG ;;
    *) sed -n 2,18p "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(200 500 1000 2000 3000 4000)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

go build -o "$work/hangup" ./cmd/hangup
hport=28080 proxy=25060 phone=25070 caller=25080
"$work/hangup" serve --db "$work/hangup.db" --addr 127.0.0.1:$hport --log-level warn >"$work/hangup.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs http://127.0.0.1:$hport/healthz >/dev/null && break; sleep 0.1; done

# As docs/integrations/kamailio/README.md says: the key in the connection
# file (there /etc/kamailio/hangup-http.cfg), checked with curl.
key=$("$work/hangup" apikey add --name kamailio --db "$work/hangup.db" 2>/dev/null)
( umask 077; printf '[hangup]\nurl = http://127.0.0.1:%s/api/v1/screen\nusername = kamailio\npassword = %s\nauthmethod = 1\ntimeout = 1\n' \
    "$hport" "$key" >"$work/hangup-http.cfg" )
for _ in $(seq 50); do
  curl -fs -H "X-API-Key: $key" "http://127.0.0.1:$hport/api/v1/screen/text?from=%2B447400123456&to=%2B442079460000" >/dev/null && break
  sleep 0.1
done

# Kamailio alone: the same stateful relay without the lookup.
cat >"$work/alone.cfg" <<EOF
#!KAMAILIO
debug=1
log_stderror=no
children=4
listen=udp:127.0.0.1:$proxy
auto_aliases=no
dns=no
rev_dns=no
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
request_route {
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } else { forward(); } exit; }
	if (has_totag()) { t_relay(); exit; }
	if (!t_relay()) { sl_reply_error(); }
}
EOF

printf 'SEQUENTIAL\n+447400123456;\n+441793781800;\nanonymous;\n' >"$work/callers.csv"
cp cmd/hangup/testdata/sipp/caller.xml "$work/caller.xml"
sed 's/ACTION_RE/^ *(allow|label|warn)$/' cmd/hangup/testdata/sipp/phone.xml >"$work/phone-hangup.xml"
sed 's/ACTION_RE/.*/; s/check_it="true"/check_it="false"/' cmd/hangup/testdata/sipp/phone.xml >"$work/phone-alone.xml"

# stat FILE COLUMN: the last value of a SIPp -trace_stat column.
stat() {
  awk -F';' -v col="$2" 'NR==1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next } { v = $c } END { print v + 0 }' "$1"
}

printf '| calls/s | proxy | calls | answered | failed | unscreened | p50 set-up | p99 set-up | peak shm |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for rate in "${rates[@]}"; do
  for mode in alone hangup; do
    [ "$only" = both ] || [ "$only" = "$mode" ] || continue
    run="$work/$mode-$rate"
    mkdir -p "$run"
    cfg="$work/alone.cfg"
    args=()
    if [ "$mode" = hangup ]; then
      cfg="$PWD/docs/integrations/kamailio/kamailio.cfg"
      args=(-A "SIP_LISTEN=udp:127.0.0.1:$proxy" -A "HANGUP_CONNECTIONS=\"$work/hangup-http.cfg\"")
    fi
    # ctl, loaded from the command line, lets kamcmd read the peak of
    # shared memory at the end of the run.
    (exec kamailio -DD -E -f "$cfg" -m "$shm" -M 8 -w "$run" -Y "$run" "${args[@]}" \
      --loadmodule=ctl.so --modparam=ctl:binrpc:s:unixs:"$run/ctl") >"$run/kamailio.log" 2>&1 &
    kam=$!
    sleep 2
    calls=$((rate * seconds))
    (cd "$run" && exec sipp -sf "$work/phone-$mode.xml" -i 127.0.0.1 -p $phone -nostdin -buff_size 4194304 \
      -trace_stat -stf phone.csv -fd 1 >phone.out 2>&1) &
    ph=$!
    sleep 0.5
    (cd "$run" && timeout $((seconds + 60)) sipp -sf "$work/caller.xml" -inf "$work/callers.csv" -i 127.0.0.1 -p $caller \
      -r "$rate" -m "$calls" -nostdin -buff_size 4194304 -recv_timeout 30s -timeout $((seconds + 30))s \
      -key to +442079460000 -key callee 127.0.0.1:$phone -trace_rtt -rtt_freq 1 -trace_stat -stf caller.csv -fd 1 \
      127.0.0.1:$proxy >caller.out 2>&1) || true
    sleep 1
    kill -INT $ph 2>/dev/null || true
    wait $ph 2>/dev/null || true
    peak=$(kamcmd -s unixs:"$run/ctl" core.shmmem 2>/dev/null | awk '$1 == "max_used:" { printf "%.0f", $2 / 1048576 }')
    kill $kam 2>/dev/null || true
    wait $kam 2>/dev/null || true
    created=$(stat "$run/caller.csv" 'TotalCallCreated')
    ok=$(stat "$run/caller.csv" 'SuccessfulCall(C)')
    failed=$(( calls - ok ))
    unscreened=0
    if [ "$mode" = hangup ]; then
      unscreened=$(( $(stat "$run/phone.csv" 'FailedRegexpDoesntMatch(C)') + $(stat "$run/phone.csv" 'FailedRegexpHdrNotFound(C)') ))
    fi
    pct=$( (cat "$run"/caller_*_rtt.csv 2>/dev/null || true) | awk -F';' 'NR > 1 && NF == 3 { print $2 }' | sort -n |
      awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit } i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; print v[i50] " " v[i99] }')
    label="Kamailio alone"
    if [ "$mode" = hangup ]; then label="Kamailio + Hangup"; fi
    shmerr=$(grep -c 'no more shm\|out of memory\|not enough shm' "$run/kamailio.log" || true)
    note=""
    if [ "$created" -lt "$calls" ]; then note=" (SIPp placed $created)"; fi
    if [ "$shmerr" -gt 0 ]; then note="$note ($shmerr shared-memory errors)"; fi
    printf '| %s | %s | %s%s | %s | %s | %s | %s ms | %s ms | %s MB |\n' "$rate" "$label" "$calls" "$note" "$ok" "$failed" "$unscreened" ${pct} "${peak:-?}"
  done
done

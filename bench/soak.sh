#!/usr/bin/env bash
# Soak (bench/README.md, "Soak"): SOAK_MINUTES of mixed traffic at a fixed RATE through one gateway started as
# the container starts it, against the mock: generate and stream, client hang-ups, upstream errors and cuts,
# retries over a route with two targets, and a runtime route changed through the admin API every minute. Samples
# the gateway every SAMPLE_SECONDS and checks at the end that nothing grew and no event was lost or duplicated.
# On 127.0.0.1 only; every process started here is killed on exit; the table goes to RESULTS.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

# ---- knobs (environment) ---------------------------------------------------------------------
SOAK_MINUTES="${SOAK_MINUTES:-30}"
RATE="${RATE:-500}"                        # requests a second, open loop
SAMPLE_SECONDS="${SAMPLE_SECONDS:-10}"
FAIL_PERCENT="${FAIL_PERCENT:-20}"         # of the route's first target "flaky": 503 before any byte ...
CUT_PERCENT="${CUT_PERCENT:-5}"            # ... and streams cut after the first chunk
HANGUP_MS="${HANGUP_MS:-300}"              # the client hangs up on its "slow" streams (2 s long) after this
TIMEOUT_SECONDS="${TIMEOUT_SECONDS:-60}"   # a request with no end after this is closed and counted as timed out
RSS_TOLERANCE="${RSS_TOLERANCE:-5}"        # % RSS at the end may differ from RSS after the first sixth
MOCK_PORT="${MOCK_PORT:-18281}"
GW_PORT="${GW_PORT:-18280}"
MOCK_EVENT_LOOPS="${MOCK_EVENT_LOOPS:-2}"
MOCK_JAVA_OPTS="${MOCK_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
GW_JAVA_OPTS="${GW_JAVA_OPTS:-}"           # empty: the container's (container_java_opts in bench/lib.sh)
CONTAINER_MEMORY="${CONTAINER_MEMORY:-}"   # empty: the memory limit of k8s/base/deployment.yaml, as -XX:MaxRAM
GW_EXTRA_PROPS="${GW_EXTRA_PROPS:-}"
RESULTS="${RESULTS:-$BENCH_DIR/results/soak.md}"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -x "$JAVA" ]] || { echo "no java: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
for tool in curl ss awk; do command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing" >&2; exit 1; }; done
for port in "$MOCK_PORT" "$GW_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port on 127.0.0.1 is already in use" >&2; exit 1; fi
done

BENCH_NAME=soak
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
[[ -n "$GW_JAVA_OPTS" ]] || GW_JAVA_OPTS="$(container_java_opts)"
GW_MALLOC_ARENA_MAX="${GW_MALLOC_ARENA_MAX-$(dockerfile_env MALLOC_ARENA_MAX)}"
LOAD_START="$(load)"
SECONDS_TOTAL=$((SOAK_MINUTES * 60))

echo "== mock upstream on 127.0.0.1:$MOCK_PORT"
# shellcheck disable=SC2086
"$JAVA" $MOCK_JAVA_OPTS -cp "$(cat "$CP_FILE")" "$BENCH_DIR/MockUpstream.java" "$MOCK_PORT" "$MOCK_EVENT_LOOPS" \
  >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/health" 60 "$MOCK_PID" "$WORK/mock.log"

# up: streams 5 chunks 20 ms apart; slow: 20 stamped deltas 100 ms apart (the client hangs up on them);
# flaky: fails FAIL_PERCENT % before the first byte and cuts CUT_PERCENT % of streams after the first chunk.
# Route pair = flaky, then up (retries on the same provider, then the next target); room: a runtime route.
provider() { # name knobs
  printf '%s\n' "-Dswitchboard.providers.$1.type=openai" "-Dswitchboard.providers.$1.base-url=http://127.0.0.1:$MOCK_PORT/knobs/$2/v1" \
    "-Dswitchboard.providers.$1.api-key=bench" "-Dswitchboard.providers.$1.model=m"
}
mapfile -t GW_PROPS < <(
  printf '%s\n' "-Dquarkus.http.host=127.0.0.1" "-Dquarkus.http.port=$GW_PORT" "-Dswitchboard.default-provider=up" \
    "-Dswitchboard.auth.admin-keys=soak-admin" "-Dswitchboard.auth.open=true" "-Dswitchboard.routes.pair.targets=flaky,up" \
    "-Dswitchboard.traffic.retry-backoff=10ms"
  provider up "chunk_delay_ms=20"
  provider slow "paced_events=20,chunk_delay_ms=100"
  provider flaky "chunk_delay_ms=20,fail_percent=$FAIL_PERCENT,cut_percent=$CUT_PERCENT")
echo "== gateway on 127.0.0.1:$GW_PORT: $GW_JAVA_OPTS"
# shellcheck disable=SC2086
(start_from_jar_folder env ${GW_MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX} "$JAVA" $GW_JAVA_OPTS \
  "${GW_PROPS[@]}" $GW_EXTRA_PROPS -jar "$JAR") >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 90 "$GW_PID" "$WORK/gateway.log"

ROUTE_CHANGES=0
ROUTE_FAILURES=0
change_route() { # minute: the runtime route "room" through the admin API, its target order flipped each minute
  local targets='["up","flaky"]'
  (($1 % 2)) && targets='["flaky","up"]'
  if curl -sf --max-time 5 -o /dev/null -X PUT "http://127.0.0.1:$GW_PORT/v1/routes/room" -H 'Authorization: Bearer soak-admin' \
    -H 'Content-Type: application/json' -d "{\"targets\":$targets,\"system_prompt\":\"Soak minute $1.\"}"; then
    ROUTE_CHANGES=$((ROUTE_CHANGES + 1))
  else
    ROUTE_FAILURES=$((ROUTE_FAILURES + 1))
  fi
}
change_route 0
curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/v1/stream?provider=pair" -H 'Content-Type: application/json' \
  -d '{"messages":[{"role":"user","content":"What is 4200 + 42?"}]}' >/dev/null \
  || { echo "a stream through the route pair failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }

# One sample: seconds, RSS kB, open files, upstream connections (established to the mock), client connections
# (established to the gateway), and the gateway's own gauges: stream slots taken, HTTP requests in flight.
METRICS_RE='^(switchboard_streams_active|http_server_active_requests)[ {]'
# A scrape that fails (the gateway too busy to answer in 5 s) gives "-", which the criteria skip.
sample() { # t
  local m; m="$(curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/q/metrics" | grep -E "$METRICS_RE" || true)"
  printf '%s %s %s %s %s %s %s\n' "$1" "$(rss "$GW_PID" VmRSS)" "$(ls "/proc/$GW_PID/fd" | wc -l)" \
    "$(ss -Htn state established "( dport = :$MOCK_PORT )" | wc -l)" \
    "$(ss -Htn state established "( sport = :$GW_PORT )" | wc -l)" \
    "$(awk '$1 ~ /^switchboard_streams_active/ {s += $2; n++} END {if (n) printf "%.0f", s; else print "-"}' <<<"$m")" \
    "$(awk '$1 ~ /^http_server_active_requests/ {s += $2; n++} END {if (n) printf "%.0f", s; else print "-"}' <<<"$m")"
}

# The serial collector's old generation grows into the heap's unused room until its first full collection, which a
# process that promotes little reaches only after hours: its RSS creeps up with garbage. So, besides the RSS as it is,
# RSS and the live heap right after a full collection (under load) after the first sixth and near the end, the leak
# test that does not depend on when the collector last ran.
JCMD="$(dirname "$JAVA")/jcmd"
# The live heap is the class histogram's total: jcmd GC.class_histogram runs its own full collection and counts what
# survived it. (The heap's "used" read after a GC.run also counts what the load allocated in the moment between the
# two commands: at 500 req/s megabytes, more than a leak would add in half an hour.) Under load the live objects
# include the requests in flight at that instant, so it is the least of three, a second apart; the least one's
# histogram is kept for the class-by-class comparison.
live_kb() { awk '$1 == "Total" {printf "%.0f", $3 / 1024}' "$1"; }
settled() { # label: appends "label rss-kB live-heap-kB" to $WORK/settled, and says it
  local least="" live
  for _ in 1 2 3; do
    "$JCMD" "$GW_PID" GC.class_histogram >"$WORK/histogram-try" 2>/dev/null || true
    live="$(live_kb "$WORK/histogram-try")"
    if [[ -n "$live" ]] && { [[ -z "$least" ]] || ((live < least)); }; then
      least="$live"
      cp "$WORK/histogram-try" "$WORK/histogram-$1"
    fi
    sleep 1
  done
  printf '%s %s %s\n' "$1" "$(rss "$GW_PID" VmRSS)" "${least:-0}" >>"$WORK/settled"
  awk '{printf "after a full collection: rss=%.1f MB live heap=%.1f MB\n", $2/1024, $3/1024}' <(tail -1 "$WORK/settled")
}
: >"$WORK/settled"

echo "== [soak] $SOAK_MINUTES min at $RATE req/s; a sample every $SAMPLE_SECONDS s; the route room changes every minute"
# shellcheck disable=SC2086
timeout $((SECONDS_TOTAL + TIMEOUT_SECONDS + 120)) "$JAVA" $CLIENT_JAVA_OPTS -Dhangup.ms="$HANGUP_MS" -Dtimeout.seconds="$TIMEOUT_SECONDS" "$BENCH_DIR/Soak.java" "$GW_PORT" \
  "$RATE" "$SECONDS_TOTAL" >"$WORK/soak.out" 2>&1 &
CLIENT_PID=$!
PIDS+=("$CLIENT_PID")
T0=$SECONDS
NEXT_SAMPLE=$SAMPLE_SECONDS
NEXT_ROUTE=60
: >"$WORK/samples"
while kill -0 "$CLIENT_PID" 2>/dev/null && ((SECONDS - T0 < SECONDS_TOTAL)); do
  sleep 1
  kill -0 "$GW_PID" 2>/dev/null || { echo "the gateway died" >&2; tail -20 "$WORK/gateway.log" >&2; break; }
  t=$((SECONDS - T0))
  if ((t >= NEXT_SAMPLE)); then
    sample "$t" >>"$WORK/samples"
    tail -1 "$WORK/samples" | awk '{printf "t=%ss rss=%.1f MB fds=%s upstream=%s clients=%s streams=%s in-flight=%s\n", $1, $2/1024, $3, $4, $5, $6, $7}'
    NEXT_SAMPLE=$((NEXT_SAMPLE + SAMPLE_SECONDS))
  fi
  if ((t >= SECONDS_TOTAL / 6)) && ! grep -q '^base' "$WORK/settled"; then settled base; fi
  if ((t >= SECONDS_TOTAL - 3 * SAMPLE_SECONDS)) && ! grep -q '^end' "$WORK/settled"; then settled end; fi
  if ((t >= NEXT_ROUTE)); then
    change_route $((t / 60))
    NEXT_ROUTE=$((NEXT_ROUTE + 60))
  fi
done
wait "$CLIENT_PID" || true
sleep 5   # the last streams end, hung-up ones are noticed
sample "drained" >"$WORK/drained"
LOAD_END="$(load)"
GW_HWM="$(rss "$GW_PID" VmHWM)"

# ---- criteria --------------------------------------------------------------------------------
kv() { local line; line="$(grep '^SOAK_RESULT' "$WORK/soak.out" | tail -1)"; [[ -n "$line" ]] || { echo n/a; return; }; sed -E "s/.* $1=([^ ]+).*/\1/" <<<" $line"; }
BASE_T=$((SECONDS_TOTAL / 6))
# RSS: the first sample at or after the first sixth, against the last sample under load
RSS_BASE="$(awk -v b="$BASE_T" '$1 >= b {print $2; exit}' "$WORK/samples")"
RSS_END="$(tail -1 "$WORK/samples" | awk '{print $2}')"
verdict_rss="$(awk -v a="$RSS_BASE" -v e="$RSS_END" -v tol="$RSS_TOLERANCE" 'BEGIN {if (a == "" || e == "") {print "FAIL (no samples)"; exit} d = (e - a) / a * 100; printf "%s (%.1f MB after the first sixth, %.1f MB at the end: %+.1f %%)", (d <= tol && d >= -tol) ? "PASS" : (d < 0 ? "PASS (smaller)" : "FAIL"), a/1024, e/1024, d}')"
# the same after a full collection each time (see settled): RSS and the heap in use
settled_verdict() { # column what
  awk -v c="$1" -v what="$2" -v tol="$RSS_TOLERANCE" '$1 == "base" {a = $c} $1 == "end" {e = $c}
    END {if (a == "" || e == "") {print "n/a (not measured)"; exit} d = (e - a) / a * 100
      printf "%s (%s %.1f MB after the first sixth, %.1f MB near the end: %+.1f %%)", (d <= tol) ? "PASS" : "FAIL", what, a/1024, e/1024, d}' \
    "$WORK/settled"
}
# growth of a column: mean over the last sixth of the samples against the mean over the second sixth, with a slack
# of 10 % and 4 (load jitters a count by a few connections or requests from one sample to the next)
growth() { # column name
  awk -v c="$1" -v name="$2" -v total="$SECONDS_TOTAL" '
    $c != "-" {n++; t[n] = $1; v[n] = $c}
    END {
      for (i = 1; i <= n; i++) {
        if (t[i] >= total / 6 && t[i] < total / 3) {a += v[i]; na++}
        if (t[i] >= total * 5 / 6) {b += v[i]; nb++}
      }
      if (!na || !nb) {print "n/a (too few samples)"; exit}
      a /= na; b /= nb
      printf "%s (%s: %.1f over the second sixth, %.1f over the last)", (b <= a * 1.1 + 4) ? "PASS" : "FAIL", name, a, b
    }' "$WORK/samples"
}
read -r _ D_RSS D_FDS D_UP D_CLIENTS D_STREAMS D_INFLIGHT <"$WORK/drained"
LOST="$(kv lost)"; DUP="$(kv duplicated)"
verdict_events="$(awk -v l="$LOST" -v d="$DUP" 'BEGIN {print (l == 0 && d == 0) ? "PASS" : "FAIL"}') (lost $LOST, duplicated $DUP, of $(kv sent) requests; failed $(kv failed), timed out $(kv timed_out), HTTP errors $(kv http_errors))"
TIMED_OUT="$(kv timed_out)"
verdict_served="$(awk -v f="$(kv failed)" -v t="$TIMED_OUT" -v h="$(kv http_errors)" 'BEGIN {print (f == 0 && t == 0 && h == 0) ? "PASS" : "FAIL"}') (failed $(kv failed), timed out after $TIMEOUT_SECONDS s $TIMED_OUT, HTTP errors $(kv http_errors): the route's retries hide the upstream's 503s)"
verdict_drain="$([[ "$D_STREAMS" == 0 && "$D_INFLIGHT" =~ ^[01]$ ]] && echo PASS || echo FAIL) (5 s after the load: $D_STREAMS stream slots taken, $D_INFLIGHT requests in flight counting the metrics scrape itself, $D_UP upstream connections kept alive, $D_FDS open files)"

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Soak — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`SOAK_MINUTES=$SOAK_MINUTES RATE=$RATE bench/soak.sh\`$([[ -n "$GW_EXTRA_PROPS" ]] && echo " with \`GW_EXTRA_PROPS=$GW_EXTRA_PROPS\`")."
  echo
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM; load average at start $LOAD_START, at end $LOAD_END (client, mock and gateway share the CPUs)"
  echo "- gateway: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' + uncommitted changes'), $("$JAVA" -version 2>&1 | head -1); \`$GW_JAVA_OPTS\`${GW_MALLOC_ARENA_MAX:+, MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX}; peak RSS $(awk -v k="$GW_HWM" 'BEGIN {printf "%.1f", k/1024}') MB"
  echo "- traffic: $RATE req/s open loop, each on a new connection: 30 % generate and 25 % stream through \`up\`, 10 % generate and 15 % stream through the route \`pair\` (\`flaky\` first: $FAIL_PERCENT % 503, $CUT_PERCENT % of streams cut after the first chunk; then \`up\`), 5 % + 5 % through the runtime route \`room\`, 10 % streams hung up by the client after $HANGUP_MS ms; route \`room\` changed through the admin API $ROUTE_CHANGES times ($ROUTE_FAILURES failed)"
  echo
  echo "| criterion | result |"
  echo "|---|---|"
  echo "| RSS at the end within $RSS_TOLERANCE % of RSS after the first sixth ($BASE_T s) | $verdict_rss |"
  echo "| the same right after a full collection at both points: RSS | $(settled_verdict 2 RSS) |"
  echo "| live heap at a full collection (the class histogram's total), the least of three a second apart | $(settled_verdict 3 'live heap') |"
  echo "| no growth in upstream connections | $(growth 4 'established to the mock') |"
  echo "| no growth in stream slots | $(growth 6 switchboard_streams_active) |"
  echo "| no growth in requests in flight | $(growth 7 http_server_active_requests) |"
  echo "| no growth in open files | $(growth 3 'open files') |"
  echo "| slots and in-flight back to zero after the load | $verdict_drain |"
  echo "| 0 lost or duplicated events (every stream not hung up has exactly one terminal event) | $verdict_events |"
  echo "| every request answered (none failed, timed out or refused) | $verdict_served |"
  echo
  if [[ -s "$WORK/histogram-base" && -s "$WORK/histogram-end" ]]; then
    echo "The classes whose share of the heap grew most between those two full collections (the live set under load, so"
    echo "requests in flight count too):"
    echo
    echo "| class | bytes more | instances more |"
    echo "|---|---|---|"
    awk 'FNR == NR {if ($1 ~ /^[0-9]+:$/) {b[$4] = $3; n[$4] = $2}; next}
      $1 ~ /^[0-9]+:$/ && $3 - b[$4] > 0 {printf "%d %d %s\n", $3 - b[$4], $2 - n[$4], $4}' \
      "$WORK/histogram-base" "$WORK/histogram-end" | sort -rn | head -10 | awk '{printf "| `%s` | %d | %d |\n", $3, $1, $2}'
    echo
  fi
  grep -E '^\|' "$WORK/soak.out" || true
  echo
  echo "Samples (every $SAMPLE_SECONDS s):"
  echo
  echo "| t (s) | RSS (MB) | open files | upstream connections | client connections | stream slots | requests in flight |"
  echo "|---|---|---|---|---|---|---|"
  awk '{printf "| %s | %.1f | %s | %s | %s | %s | %s |\n", $1, $2/1024, $3, $4, $5, $6, $7}' "$WORK/samples" "$WORK/drained"
  echo
  echo "<details><summary>client output</summary>"
  echo
  echo '```'
  grep -v -E '^\||^t=' "$WORK/soak.out" || true
  echo '```'
  echo "</details>"
} >"$RESULTS"
echo
cat "$RESULTS"
echo
echo "(written to ${RESULTS#"$ROOT"/})"

#!/usr/bin/env bash
# Load and faults through the traffic layer: REQUESTS streamed requests, CONCURRENCY at a time, through a
# route over two fake upstreams, one of which fails FAIL_PERCENT of requests before its first byte and cuts
# CUT_PERCENT of streams after the first chunk. Counts, from the client's side, requests lost, events
# duplicated and streams without exactly one terminal event (all must be 0), and the gateway's RSS before
# and after. On 127.0.0.1 only; every process started here is killed on exit. See bench/README.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

STEADY_PORT="${STEADY_PORT:-18091}"
FLAKY_PORT="${FLAKY_PORT:-18092}"
GW_PORT="${GW_PORT:-18090}"
REQUESTS="${REQUESTS:-10000}"
CONCURRENCY="${CONCURRENCY:-64}"
FAIL_PERCENT="${FAIL_PERCENT:-20}"
CUT_PERCENT="${CUT_PERCENT:-1}"
STRATEGY="${STRATEGY:-weighted}"          # the route's strategy; weighted 1:1 sends half of the requests to the flaky one first
GW_JAVA_OPTS="${GW_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m}"
GW_MALLOC_ARENA_MAX="${GW_MALLOC_ARENA_MAX:-2}"
MOCK_JAVA_OPTS="${MOCK_JAVA_OPTS:--XX:+UseSerialGC -Xmx128m}"
GW_EXTRA_PROPS="${GW_EXTRA_PROPS:-}"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -x "$JAVA" ]] || { echo "no java: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "curl is missing" >&2; exit 1; }
for port in "$STEADY_PORT" "$FLAKY_PORT" "$GW_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use" >&2
    exit 1
  fi
done

JAR="${GW_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"
if [[ -z "${GW_JAR:-}" ]] && [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
  echo "== building the gateway (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
CP_FILE="$ROOT/target/cp.txt"
if [[ ! -s "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
  echo "== writing the classpath (target/cp.txt)"
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
fi

WORK="$(mktemp -d /tmp/switchboard-traffic.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${PIDS[@]}"; do { kill -9 "$pid" && wait "$pid"; } 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds pid log
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    kill -0 "$3" 2>/dev/null || { echo "process $3 died while starting" >&2; tail -20 "$4" >&2; exit 1; }
    if curl -sf -o /dev/null --max-time 1 "$1"; then return 0; fi
    sleep 0.2
  done
  echo "timed out waiting for $1" >&2; tail -20 "$4" >&2; exit 1
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
rss() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }

echo "== load at start: $(load)"
for port in "$STEADY_PORT" "$FLAKY_PORT"; do
  # shellcheck disable=SC2086
  "$JAVA" $MOCK_JAVA_OPTS -cp "$(cat "$CP_FILE")" "$BENCH_DIR/MockUpstream.java" "$port" 1 >"$WORK/mock-$port.log" 2>&1 &
  PIDS+=("$!")
  wait_http "http://127.0.0.1:$port/health" 60 "$!" "$WORK/mock-$port.log"
done

echo "== gateway on 127.0.0.1:$GW_PORT: route pair = flaky ($FAIL_PERCENT% fail before the first byte, $CUT_PERCENT% cut mid-stream) + steady, strategy $STRATEGY"
WEIGHTS=""
[[ "$STRATEGY" == weighted ]] && WEIGHTS="-Dswitchboard.routes.pair.weights=1,1"
# shellcheck disable=SC2086
env ${GW_MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX} "$JAVA" $GW_JAVA_OPTS \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$GW_PORT" \
  -Dswitchboard.providers.steady.type=openai -Dswitchboard.providers.steady.base-url="http://127.0.0.1:$STEADY_PORT/v1" \
  -Dswitchboard.providers.steady.api-key=bench -Dswitchboard.providers.steady.model=m \
  -Dswitchboard.providers.flaky.type=openai -Dswitchboard.providers.flaky.base-url="http://127.0.0.1:$FLAKY_PORT/v1" \
  -Dswitchboard.providers.flaky.api-key=bench -Dswitchboard.providers.flaky.model=m \
  -Dswitchboard.providers.flaky.headers.x-mock-fail-percent="$FAIL_PERCENT" \
  -Dswitchboard.providers.flaky.headers.x-mock-cut-percent="$CUT_PERCENT" \
  -Dswitchboard.routes.pair.targets=flaky,steady -Dswitchboard.routes.pair.strategy="$STRATEGY" $WEIGHTS \
  -Dswitchboard.default-provider=pair $GW_EXTRA_PROPS \
  -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 90 "$GW_PID" "$WORK/gateway.log"
RSS_BEFORE_KB="$(rss "$GW_PID" VmRSS)"

echo "== $REQUESTS streamed requests, $CONCURRENCY concurrent"
timeout 900 "$JAVA" -XX:+UseSerialGC "$BENCH_DIR/TrafficLoad.java" "$GW_PORT" "provider=pair" "$REQUESTS" "$CONCURRENCY" \
  | tee "$WORK/load.out"
RSS_AFTER_KB="$(rss "$GW_PID" VmRSS)"
RSS_PEAK_KB="$(rss "$GW_PID" VmHWM)"

echo "== gateway's view (/q/metrics)"
curl -sf "http://127.0.0.1:$GW_PORT/q/metrics" | grep -E '^switchboard_(retries_total|circuit_breaker_state|circuit_breaker_transitions_total|route_chosen_total)' || true
printf '== gateway RSS: before %.1f MB, after %.1f MB, peak %.1f MB; load at end: %s\n' \
  "$(awk -v k="$RSS_BEFORE_KB" 'BEGIN {print k / 1024}')" "$(awk -v k="$RSS_AFTER_KB" 'BEGIN {print k / 1024}')" \
  "$(awk -v k="$RSS_PEAK_KB" 'BEGIN {print k / 1024}')" "$(load)"

RESULT="$(grep '^TRAFFIC_RESULT' "$WORK/load.out")"
for key in lost duplicated bad_terminal; do
  value="$(sed -E "s/.* $key=([0-9]+).*/\1/" <<<"$RESULT")"
  if [[ "$value" != 0 ]]; then
    echo "FAILED: $key=$value (must be 0)" >&2
    exit 1
  fi
done
echo "OK: nothing lost, nothing duplicated, every stream with exactly one terminal event"

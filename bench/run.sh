#!/usr/bin/env bash
# Switchboard benchmark: gateway vs the mock upstream it fronts, on 127.0.0.1 only.
# See bench/README.md. Every phase is time-bounded; every process started here is killed on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

# ---- knobs (environment) ---------------------------------------------------------------------
MOCK_PORT="${MOCK_PORT:-18081}"
GW_PORT="${GW_PORT:-18080}"
DURATION="${DURATION:-20}"                 # seconds per wrk run
REPEATS="${REPEATS:-3}"                    # wrk runs per target; the summary reports the median
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
WARMUP="${WARMUP:-30}"                     # seconds of wrk warm-up through the gateway (per endpoint; C2 is slow on a busy machine)
TTFB_SAMPLES="${TTFB_SAMPLES:-1000}"       # sequential stream pairs (direct + gateway)
TTFB_WARMUP="${TTFB_WARMUP:-300}"
TTFB_CHUNK_DELAY_MS="${TTFB_CHUNK_DELAY_MS:-5}"   # mock delay between stream chunks during the TTFB phase
STREAM_THROUGHPUT="${STREAM_THROUGHPUT:-1}"       # 1: also wrk /v1/stream vs the raw upstream stream
MOCK_EVENT_LOOPS="${MOCK_EVENT_LOOPS:-2}"
GW_JAVA_OPTS="${GW_JAVA_OPTS:--XX:+UseSerialGC -Xmx64m}"
GW_MALLOC_ARENA_MAX="${GW_MALLOC_ARENA_MAX:-2}"   # glibc malloc arenas of the gateway process (RSS); empty: glibc default
MOCK_JAVA_OPTS="${MOCK_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
GW_EXTRA_PROPS="${GW_EXTRA_PROPS:-}"       # extra -D flags for the gateway, e.g. -Dquarkus.vertx.event-loops-pool-size=2
RESULTS="${RESULTS:-$BENCH_DIR/results/latest.md}"
PROVIDER_TYPE="${PROVIDER_TYPE:-}"         # openai | anthropic; default: openai if the provider exists, else anthropic
ROOM="${ROOM:-0}"                          # 1: generate through a runtime route "room" (created with the admin API)
STORE="${STORE:-memory}"                   # memory | redis: the runtime route store (redis: a redis-server is started)
REDIS_PORT="${REDIS_PORT:-18379}"

# ---- prerequisites (nothing is installed here) ----------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is missing. Install it with:" >&2
  echo "  apt-get install -y wrk" >&2
  exit 1
fi
for tool in curl awk sort; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing" >&2; exit 1; }
done
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -x "$JAVA" ]] || { echo "no java: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
(( JAVA_MAJOR >= 21 )) || { echo "java $JAVA_MAJOR at $JAVA: need >= 21 (set JAVA_HOME)" >&2; exit 1; }

for port in "$MOCK_PORT" "$GW_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use (set MOCK_PORT / GW_PORT)" >&2
    exit 1
  fi
done

# ---- build if needed -------------------------------------------------------------------------
JAR="${GW_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"   # GW_JAR: benchmark another build as it is
if [[ -z "${GW_JAR:-}" ]] && [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
  echo "== building the gateway (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
CP_FILE="$ROOT/target/cp.txt"
if [[ ! -s "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
  echo "== writing the classpath (target/cp.txt)"
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
fi

if [[ -z "$PROVIDER_TYPE" ]]; then
  if [[ -d "$ROOT/src/main/java/io/switchboard/providers/openai" ]]; then PROVIDER_TYPE=openai; else PROVIDER_TYPE=anthropic; fi
fi
case "$PROVIDER_TYPE" in
  openai)    BASE_URL="http://127.0.0.1:$MOCK_PORT/v1"; UP_PATH=/v1/chat/completions; UP_LUA=upstream-openai.lua ;;
  anthropic) BASE_URL="http://127.0.0.1:$MOCK_PORT";    UP_PATH=/v1/messages;         UP_LUA=upstream-anthropic.lua ;;
  *) echo "PROVIDER_TYPE must be openai or anthropic" >&2; exit 1 ;;
esac

# ---- processes, cleaned up on exit -----------------------------------------------------------
WORK="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  sleep 0.5
  for pid in "${PIDS[@]}"; do
    # the gateway's graceful shutdown would wait quarkus.shutdown.delay (5 s): not needed here
    { kill -9 "$pid" && wait "$pid"; } 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url seconds pid
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    kill -0 "$3" 2>/dev/null || { echo "process $3 died while starting (log: $4)" >&2; tail -20 "$4" >&2; exit 1; }
    if curl -sf -o /dev/null --max-time 1 "$1"; then return 0; fi
    sleep 0.2
  done
  echo "timed out waiting for $1" >&2; tail -20 "$4" >&2; exit 1
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START="$(load)"

echo "== starting the mock upstream on 127.0.0.1:$MOCK_PORT"
# shellcheck disable=SC2086
"$JAVA" $MOCK_JAVA_OPTS -cp "$(cat "$CP_FILE")" "$BENCH_DIR/MockUpstream.java" "$MOCK_PORT" "$MOCK_EVENT_LOOPS" \
  >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/health" 60 "$MOCK_PID" "$WORK/mock.log"

STORE_PROPS=""
if [[ "$ROOM" == 1 ]]; then
  STORE_PROPS="-Dswitchboard.auth.admin-keys=bench-admin -Dswitchboard.store.type=$STORE"
  export GEN_QUERY="?provider=room"          # read by generate.lua
fi
if [[ "$STORE" == redis ]]; then
  command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install -y redis-server)" >&2; exit 1; }
  echo "== starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$WORK" --save "" --appendonly no \
    >"$WORK/redis.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  STORE_PROPS="$STORE_PROPS -Dquarkus.redis.hosts=redis://127.0.0.1:$REDIS_PORT"
fi

echo "== starting the gateway on 127.0.0.1:$GW_PORT ($PROVIDER_TYPE provider -> $BASE_URL)"
# Two providers on the same mock: "up" streams at full speed, "slow" asks the mock for
# TTFB_CHUNK_DELAY_MS between chunks (via a configured upstream header) for the TTFB phase.
# shellcheck disable=SC2086
env ${GW_MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX} "$JAVA" $GW_JAVA_OPTS \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$GW_PORT" \
  -Dswitchboard.providers.up.type="$PROVIDER_TYPE" -Dswitchboard.providers.up.base-url="$BASE_URL" \
  -Dswitchboard.providers.up.api-key=bench -Dswitchboard.providers.up.model=m \
  -Dswitchboard.providers.slow.type="$PROVIDER_TYPE" -Dswitchboard.providers.slow.base-url="$BASE_URL" \
  -Dswitchboard.providers.slow.api-key=bench -Dswitchboard.providers.slow.model=m \
  -Dswitchboard.providers.slow.headers.x-mock-chunk-delay-ms="$TTFB_CHUNK_DELAY_MS" \
  -Dswitchboard.default-provider=up $STORE_PROPS $GW_EXTRA_PROPS \
  -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 90 "$GW_PID" "$WORK/gateway.log"
RSS_IDLE_KB="$(awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status")"

if [[ "$ROOM" == 1 ]]; then
  curl -sf --max-time 5 -X PUT "http://127.0.0.1:$GW_PORT/v1/routes/room" -H 'Authorization: Bearer bench-admin' \
    -H 'Content-Type: application/json' -d '{"targets":["up"],"system_prompt":"You are the bench room."}' >/dev/null \
    || { echo "creating the runtime route failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
  curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/v1/generate?provider=room" -H 'Content-Type: application/json' \
    -d '{"messages":[{"role":"user","content":"hi"}]}' | grep -q '"content":"' \
    || { echo "gateway /v1/generate through the room failed" >&2; exit 1; }
fi

# sanity: both answers are what we expect
curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/v1/generate" -H 'Content-Type: application/json' \
  -d '{"messages":[{"role":"user","content":"What is 4200 + 42?"}]}' | grep -q '"content":"' \
  || { echo "gateway /v1/generate sanity check failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
curl -sf --max-time 5 -N "http://127.0.0.1:$GW_PORT/v1/stream" -H 'Content-Type: application/json' \
  -d '{"messages":[{"role":"user","content":"What is 4200 + 42?"}]}' | grep -q '^event: done' \
  || { echo "gateway /v1/stream sanity check failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks
HZ="$(getconf CLK_TCK)"

# wrk with a hard time bound; appends "rps errors p50 p99 gw_cpu_us_per_req" to $2
run_wrk() { # label outfile script url duration
  local label="$1" out="$2" script="$3" url="$4" dur="$5" before after
  before="$(cpu_ticks "$GW_PID")"
  timeout $((dur + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${dur}s" --timeout 5s -s "$script" "$url" \
    >"$WORK/wrk.out" 2>&1 || { echo "wrk failed:" >&2; cat "$WORK/wrk.out" >&2; exit 1; }
  after="$(cpu_ticks "$GW_PID")"
  cat "$WORK/wrk.out" >>"$WORK/wrk-all.log"
  local line rps req err p50 p99
  line="$(grep '^WRK_RESULT' "$WORK/wrk.out")"
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")"
  req="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")"
  err="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")"
  local us=0
  ((req > 0)) && us="$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$req" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')"
  printf '%s %s %s %s %s\n' "$rps" "$err" "$p50" "$p99" "$us" >>"$out"
  printf '   %-28s %10.0f req/s  errors %s  p50 %s ms  p99 %s ms  gateway CPU %s us/req  (load %s)\n' \
    "$label" "$rps" "$err" "$p50" "$p99" "$us" "$(load)"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$1"; }

# Lua scripts: wrk's own settings + the shared done() report
mk_script() { cat "$BENCH_DIR/$1" "$BENCH_DIR/report.lua" >"$WORK/$1"; echo "$WORK/$1"; }
GEN_LUA="$(mk_script generate.lua)"
UPSTREAM_LUA="$(mk_script "$UP_LUA")"
STREAM_LUA="$(mk_script stream.lua)"
UPSTREAM_STREAM_LUA="$(mk_script "${UP_LUA%.lua}-stream.lua")"

echo "== warm-up: ${WARMUP}s of /v1/generate and ${WARMUP}s of /v1/stream through the gateway"
run_wrk "warm-up generate" "$WORK/warm" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$WARMUP"
run_wrk "warm-up stream" "$WORK/warm" "$STREAM_LUA" "http://127.0.0.1:$GW_PORT" "$WARMUP"

echo "== throughput, non-streaming: $REPEATS x ${DURATION}s each, wrk -t$THREADS -c$CONNECTIONS (alternating)"
for ((i = 1; i <= REPEATS; i++)); do
  run_wrk "direct $UP_PATH #$i" "$WORK/direct" "$UPSTREAM_LUA" "http://127.0.0.1:$MOCK_PORT" "$DURATION"
  run_wrk "gateway /v1/generate #$i" "$WORK/gen" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$DURATION"
done

if [[ "$STREAM_THROUGHPUT" == 1 ]]; then
  SDUR=$(((DURATION + 1) / 2))
  echo "== throughput, streaming: $REPEATS x ${SDUR}s each (whole streams, no chunk delay)"
  for ((i = 1; i <= REPEATS; i++)); do
    run_wrk "direct stream #$i" "$WORK/sdirect" "$UPSTREAM_STREAM_LUA" "http://127.0.0.1:$MOCK_PORT" "$SDUR"
    run_wrk "gateway /v1/stream #$i" "$WORK/sgw" "$STREAM_LUA" "http://127.0.0.1:$GW_PORT" "$SDUR"
  done
fi

echo "== time to first byte: $TTFB_SAMPLES sequential pairs, mock chunk delay ${TTFB_CHUNK_DELAY_MS} ms"
timeout 300 "$JAVA" -XX:+UseSerialGC "$BENCH_DIR/Ttfb.java" "$MOCK_PORT" "$UP_PATH" "$GW_PORT" "provider=slow" \
  "$TTFB_SAMPLES" "$TTFB_WARMUP" "$TTFB_CHUNK_DELAY_MS" 2>&1 | tee "$WORK/ttfb.out"
TT="$(grep '^TTFB_RESULT' "$WORK/ttfb.out")"
tt() { sed -E "s/.* $1=(-?[0-9.]+).*/\1/" <<<" $TT"; }

RSS_PEAK_KB="$(awk '/VmHWM/ {print $2}' "/proc/$GW_PID/status")"
RSS_END_KB="$(awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status")"
THREADS_GW="$(awk '/Threads/ {print $2}' "/proc/$GW_PID/status")"
LOAD_END="$(load)"

# ---- summary ---------------------------------------------------------------------------------
D_RPS="$(col "$WORK/direct" 1 | median)"
G_RPS="$(col "$WORK/gen" 1 | median)"
G_CPU="$(col "$WORK/gen" 5 | median)"
G_ERR="$(col "$WORK/gen" 2 | awk '{s+=$1} END {print s+0}')"
G_P50="$(col "$WORK/gen" 3 | median)"
G_P99="$(col "$WORK/gen" 4 | median)"
G_ALL="$(col "$WORK/gen" 1 | awk '{printf "%s%.0f", (NR>1?", ":""), $1}')"
D_ALL="$(col "$WORK/direct" 1 | awk '{printf "%s%.0f", (NR>1?", ":""), $1}')"
pass() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {ok = (op == ">=") ? (v >= t) : (v < t); print ok ? "PASS" : "MISS"}'; }
RSS_PEAK_MB="$(awk -v k="$RSS_PEAK_KB" 'BEGIN {printf "%.1f", k / 1024}')"
CAPACITY="$(awk -v us="$G_CPU" 'BEGIN {if (us > 0) printf "%.0f", 2e6 / us; else print "n/a"}')"

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Switchboard benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "## Conditions"
  echo
  echo "- machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "- load average (1/5/15 min) at start: $LOAD_START; at end: $LOAD_END (wrk, mock and gateway all share the same CPUs, and the machine was shared with other builds)"
  [[ "$ROOM" == 1 ]] && echo "- generate through the runtime route \`room\` (store \`$STORE\`)"
  echo "- gateway: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' + uncommitted changes'), provider type \`$PROVIDER_TYPE\` -> mock at \`$BASE_URL\`"
  echo "- JVM: $("$JAVA" -version 2>&1 | head -1); gateway flags \`$GW_JAVA_OPTS${GW_EXTRA_PROPS:+ $GW_EXTRA_PROPS}\`${GW_MALLOC_ARENA_MAX:+ with MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX}; mock flags \`$MOCK_JAVA_OPTS\`, $MOCK_EVENT_LOOPS event loops"
  echo "- wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') -t$THREADS -c$CONNECTIONS, ${DURATION}s per run, $REPEATS runs per target alternating direct/gateway, after ${WARMUP}s+${WARMUP}s warm-up; medians reported"
  echo
  echo "## Results"
  echo
  echo "| metric | measured (median) | target | |"
  echo "|---|---|---|---|"
  echo "| gateway \`POST /v1/generate\` throughput | $(printf '%.0f' "$G_RPS") req/s (runs: $G_ALL; errors: $G_ERR) | ≥ 10,000 req/s | $(pass "$G_RPS" 10000 '>=') |"
  echo "| mock upstream \`POST $UP_PATH\` directly (ceiling) | $(printf '%.0f' "$D_RPS") req/s (runs: $D_ALL) | — | |"
  echo "| gateway / direct | $(awk -v g="$G_RPS" -v d="$D_RPS" 'BEGIN {printf "%.0f %%", 100 * g / d}') | | |"
  echo "| gateway latency under load (p50 / p99) | $G_P50 ms / $G_P99 ms | | |"
  echo "| gateway CPU per generate request | $G_CPU µs (≈ $CAPACITY req/s if the gateway had both cores to itself) | | |"
  if [[ "$STREAM_THROUGHPUT" == 1 ]]; then
    echo "| gateway \`POST /v1/stream\` throughput (whole streams) | $(printf '%.0f' "$(col "$WORK/sgw" 1 | median)") streams/s | — | |"
    echo "| mock upstream stream directly | $(printf '%.0f' "$(col "$WORK/sdirect" 1 | median)") streams/s | — | |"
  fi
  echo "| added time to first byte, p50 | $(tt added_p50) ms (direct $(tt direct_p50), gateway $(tt gw_p50)) | < 1 ms | $(pass "$(tt added_p50)" 1 '<') |"
  echo "| added time to first byte, p90 | $(tt added_p90) ms (direct $(tt direct_p90), gateway $(tt gw_p90)) | | $(pass "$(tt added_p90)" 1 '<') |"
  echo "| added time to first byte, p99 | $(tt added_p99) ms (direct $(tt direct_p99), gateway $(tt gw_p99)) | | $(pass "$(tt added_p99)" 1 '<') |"
  echo "| per-pair TTFB difference p50 / p90 / p99 | $(tt pair_p50) / $(tt pair_p90) / $(tt pair_p99) ms | | |"
  echo "| failed TTFB requests (reconnected, pair dropped) | $(grep '^TTFB_FAILURES' "$WORK/ttfb.out" | cut -d' ' -f2-) | 0 | |"
  echo "| gateway peak RSS (VmHWM) | $RSS_PEAK_MB MB (idle after start: $((RSS_IDLE_KB / 1024)) MB, at end: $((RSS_END_KB / 1024)) MB, $THREADS_GW threads) | < 200 MB | $(pass "$RSS_PEAK_MB" 200 '<') |"
  echo
  echo "TTFB: $TTFB_SAMPLES sequential request pairs (one at a time, kept-alive connections, alternating order), mock chunk delay ${TTFB_CHUNK_DELAY_MS} ms, time from writing the request to reading the first body byte (the first text delta in both cases). \"added pN\" = gateway pN − direct pN."
  echo
  echo "<details><summary>raw TTFB output</summary>"
  echo
  echo '```'
  grep -v -E "^TTFB_(RESULT|FAILURES)" "$WORK/ttfb.out"
  echo '```'
  echo "</details>"
} >"$RESULTS"

echo
cat "$RESULTS"
echo
echo "(written to ${RESULTS#"$ROOT"/})"

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
DURATION="${DURATION:-15}"                 # seconds per wrk run
REPEATS="${REPEATS:-3}"                    # wrk runs per target; the summary reports the median
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
WARMUP="${WARMUP:-20}"                     # seconds of wrk warm-up through the gateway (per endpoint; C2 is slow on a busy machine)
STARTUP_RUNS="${STARTUP_RUNS:-5}"          # spawns of the gateway for the start-up time (0: skip)
STARTUP_C1="${STARTUP_C1:-1}"              # 1: the cached start again with the JIT's first compiler only (its floor here)
TTFB_SAMPLES="${TTFB_SAMPLES:-600}"        # sequential stream pairs (direct + gateway)
TTFB_WARMUP="${TTFB_WARMUP:-200}"
TTFB_CHUNK_DELAY_MS="${TTFB_CHUNK_DELAY_MS:-5}"   # mock delay between stream chunks during the TTFB phase
PACED_EVENTS="${PACED_EVENTS:-50}"         # per-chunk phase: deltas per stream ...
PACED_DELAY_MS="${PACED_DELAY_MS:-20}"     # ... this far apart
PACED_ROUNDS_1="${PACED_ROUNDS_1:-10}"     # rounds of 1 stream (each round: direct, then gateway)
PACED_ROUNDS_16="${PACED_ROUNDS_16:-3}"    # rounds of 16 concurrent streams
# Unrecorded rounds of the same shape first: each paced stream is a new client connection, a path that
# wrk's kept-alive load leaves to the JIT's first tier; at 16 streams the first ~10 rounds still compile it
# (gateway CPU per chunk 370-400 us, falling to 140-200 us once it is compiled), and that shows as the tail.
PACED_WARMUP_1="${PACED_WARMUP_1:-2}"
PACED_WARMUP_16="${PACED_WARMUP_16:-10}"
RATE="${RATE:-800}"                        # constant-rate phase: requests per second ...
RATE_SECONDS="${RATE_SECONDS:-20}"         # ... recorded for this long per target (after 3 s unrecorded)
RATE_CONNECTIONS="${RATE_CONNECTIONS:-16}"
STREAM_THROUGHPUT="${STREAM_THROUGHPUT:-1}"       # 1: also wrk /v1/stream vs the raw upstream stream
FEATURES="${FEATURES:-auto}"               # 1: repeat the load through a route with retries, breakers and tracing on; auto: when the tree has them
MOCK_EVENT_LOOPS="${MOCK_EVENT_LOOPS:-2}"
# The gateway as the container runs it: the container's memory limit (768 MiB, k8s/base/deployment.yaml)
# simulated with MaxRAM, the JVM options of docker/Dockerfile.jvm and the README, and the launcher's
# defaults they keep (heap free ratios, exit on OutOfMemoryError). Keep them equal.
JVM_OPTS="-XX:+UseSerialGC -Xms16m -Xmx320m -Xmn12m -XX:SurvivorRatio=4"   # docs/performance.md "JVM options"
GW_JAVA_OPTS="${GW_JAVA_OPTS:--XX:MaxRAM=768m $JVM_OPTS -XX:TrimNativeHeapInterval=1000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:+ExitOnOutOfMemoryError}"
STARTUP_JAVA_OPTS="${STARTUP_JAVA_OPTS-$JVM_OPTS}"  # start-up: the README's run command
GW_MALLOC_ARENA_MAX="${GW_MALLOC_ARENA_MAX:-2}"   # glibc malloc arenas of the gateway process (RSS); empty: glibc default
MOCK_JAVA_OPTS="${MOCK_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
GW_EXTRA_PROPS="${GW_EXTRA_PROPS:-}"       # extra -D flags for the gateway, e.g. -Dquarkus.vertx.event-loops-pool-size=2
RESULTS="${RESULTS:-$BENCH_DIR/results/latest.md}"
PROVIDER_TYPE="${PROVIDER_TYPE:-}"         # openai | anthropic; default: openai if the provider exists, else anthropic
PLAIN="${PLAIN:-1}"                        # 0: skip the plain run (e.g. for ROOMS=1 alone)
KEYS_ONLY="${KEYS_ONLY:-0}"                 # 1: the FEATURES run with the virtual key alone (no retries, breakers or tracing)
AB_ROUNDS="${AB_ROUNDS:-4}"                 # KEYS_ONLY: interleaved rounds of gateway key against virtual key ...
AB_SECONDS="${AB_SECONDS:-10}"              # ... each target recorded this long a round (after 2 s unrecorded)
GATEWAY_KEY=bench-gateway-key                # the FEATURES run's gateway key: KEYS_ONLY's requests without governance
ROOMS="${ROOMS:-0}"                        # 1: also /v1/generate through a runtime route, memory store then Redis store
REDIS_PORT="${REDIS_PORT:-18379}"          # the redis-server started for ROOMS=1
RELAY="${RELAY:-1}"                        # 1: the per-chunk phase again through a bare relay (bench/Relay.java): one more hop in Vert.x
RELAY_PORT="${RELAY_PORT:-18082}"
SOCAT_PORT="${SOCAT_PORT:-18083}"          # with RELAY=1 and socat installed: the same through socat, a byte relay in C
# The issue's comparison, in the same run: Portkey's gateway (Node.js) through the same mock under the same wrk.
# Its install folder (npm install --prefix DIR @portkey-ai/gateway) or its build/start-server.js; empty: skipped.
PORTKEY="${PORTKEY:-}"
PORTKEY_PORT="${PORTKEY_PORT:-18787}"

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

# ---- build if needed; processes started from here on are killed on exit (bench/lib.sh) ------
BENCH_NAME=bench
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"   # GW_JAR: benchmark another build as it is

if [[ -z "$PROVIDER_TYPE" ]]; then
  if [[ -d "$ROOT/src/main/java/io/switchboard/providers/openai" ]]; then PROVIDER_TYPE=openai; else PROVIDER_TYPE=anthropic; fi
fi
case "$PROVIDER_TYPE" in
  openai)    BASE_URL="http://127.0.0.1:$MOCK_PORT/v1"; UP_PATH=/v1/chat/completions; UP_LUA=upstream-openai.lua ;;
  anthropic) BASE_URL="http://127.0.0.1:$MOCK_PORT";    UP_PATH=/v1/messages;         UP_LUA=upstream-anthropic.lua ;;
  *) echo "PROVIDER_TYPE must be openai or anthropic" >&2; exit 1 ;;
esac

if [[ -n "$PORTKEY" ]]; then
  PORTKEY_JS="$PORTKEY"
  [[ -d "$PORTKEY" ]] && PORTKEY_JS="$PORTKEY/node_modules/@portkey-ai/gateway/build/start-server.js"
  [[ -f "$PORTKEY_JS" ]] || { echo "PORTKEY: no $PORTKEY_JS (npm install --prefix DIR @portkey-ai/gateway)" >&2; exit 1; }
  command -v node >/dev/null 2>&1 || { echo "PORTKEY needs node" >&2; exit 1; }
  [[ "$PROVIDER_TYPE" == openai ]] || { echo "PORTKEY compares through the openai mock only (PROVIDER_TYPE=openai)" >&2; exit 1; }
fi

# The second run (FEATURES) needs the traffic layer (retries, breakers) and tracing in the build.
HAS_TRAFFIC=0; [[ -d "$ROOT/src/main/java/io/switchboard/traffic" ]] && HAS_TRAFFIC=1
HAS_TRACING=0; grep -q '<artifactId>quarkus-opentelemetry</artifactId>' "$ROOT/pom.xml" && HAS_TRACING=1
# ... and, with virtual keys in the build and a redis-server here, a virtual key with rpm, tpm and a budget on the Redis
# store: every request of the FEATURES run is made with it.
HAS_KEYS=0; [[ -d "$ROOT/src/main/java/io/switchboard/governance" ]] && command -v redis-server >/dev/null && HAS_KEYS=1
if [[ "$FEATURES" == auto ]]; then
  FEATURES=0; ((HAS_TRAFFIC || HAS_TRACING)) && FEATURES=1
fi

LOAD_START="$(load)"
T_START=$SECONDS

echo "== starting the mock upstream on 127.0.0.1:$MOCK_PORT"
# shellcheck disable=SC2086
"$JAVA" $MOCK_JAVA_OPTS -cp "$(cat "$CP_FILE")" "$BENCH_DIR/MockUpstream.java" "$MOCK_PORT" "$MOCK_EVENT_LOOPS" \
  >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/health" 60 "$MOCK_PID" "$WORK/mock.log"

# Providers on the same mock: "up" streams at full speed; "slow" asks the mock for TTFB_CHUNK_DELAY_MS
# between chunks (via a configured upstream header) for the TTFB phase; "paced" for PACED_EVENTS
# stamped deltas PACED_DELAY_MS apart for the per-chunk phase.
provider() { # name [extra header=value ...]
  local name="$1"; shift
  printf '%s\n' "-Dswitchboard.providers.$name.type=$PROVIDER_TYPE" "-Dswitchboard.providers.$name.base-url=$BASE_URL" \
    "-Dswitchboard.providers.$name.api-key=bench" "-Dswitchboard.providers.$name.model=m"
  local h
  for h in "$@"; do printf '%s\n' "-Dswitchboard.providers.$name.headers.$h"; done
}
mapfile -t GW_PROPS < <(
  printf '%s\n' "-Dquarkus.http.host=127.0.0.1" "-Dquarkus.http.port=$GW_PORT" "-Dswitchboard.default-provider=up"
  provider up
  provider slow "x-mock-chunk-delay-ms=$TTFB_CHUNK_DELAY_MS"
  provider paced "x-mock-paced-events=$PACED_EVENTS" "x-mock-chunk-delay-ms=$PACED_DELAY_MS")
# The FEATURES run: the same providers, each behind a route with a second target on the same mock,
# retries and circuit breakers on (the traffic layer), and every request traced and exported over
# OTLP/HTTP to the mock (which answers /v1/traces with 200).
mapfile -t FEATURE_PROPS < <(
  provider up2
  provider paced2 "x-mock-paced-events=$PACED_EVENTS" "x-mock-chunk-delay-ms=$PACED_DELAY_MS"
  printf '%s\n' "-Dswitchboard.routes.bench.targets=up,up2" "-Dswitchboard.routes.bench-paced.targets=paced,paced2"
  if ((HAS_TRAFFIC && !KEYS_ONLY)); then
    printf '%s\n' "-Dswitchboard.traffic.retries=2" "-Dswitchboard.traffic.circuit-breaker.enabled=true"
  fi
  if ((HAS_TRACING && !KEYS_ONLY)); then
    printf '%s\n' "-Dquarkus.otel.exporter.otlp.traces.endpoint=http://127.0.0.1:$MOCK_PORT" \
      "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf" "-Dquarkus.otel.traces.sampler=always_on"
  fi
  if ((HAS_KEYS)); then
    # priced, so the budget is reserved and settled on every request (a dollar per million tokens either way)
    printf '%s\n' "-Dswitchboard.auth.admin-keys=bench-admin" "-Dswitchboard.auth.api-keys=$GATEWAY_KEY" \
      "-Dswitchboard.store.type=redis" "-Dquarkus.redis.hosts=redis://127.0.0.1:$REDIS_PORT"
    for p in up up2 paced paced2; do
      printf '%s\n' "-Dswitchboard.providers.$p.pricing.input=1" "-Dswitchboard.providers.$p.pricing.output=1"
    done
  fi)

# ---- start-up --------------------------------------------------------------------------------
startup() { # label, then JVM options
  local label="$1"; shift
  echo "== start-up, $label: $STARTUP_RUNS spawns to the first proxied /v1/generate"
  # from the jar's directory, as the AOT cache requires (it checks the class path it was made with)
  # shellcheck disable=SC2086
  (cd "$(dirname "$JAR")" && timeout 600 "$JAVA" "$BENCH_DIR/Startup.java" "$STARTUP_RUNS" "$GW_PORT" \
    "$WORK/startup-$label.log" "$JAVA" "$@" "${GW_PROPS[@]}" $GW_EXTRA_PROPS -jar "$(basename "$JAR")") \
    | tee -a "$WORK/startup-$label.out"
}
if ((STARTUP_RUNS > 0)); then
  # as a newcomer runs it: the README's command, java $STARTUP_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar
  # shellcheck disable=SC2086
  startup plain $STARTUP_JAVA_OPTS
  # shellcheck disable=SC2086
  # a cache older than the jar was made for another build: the JVM would refuse it and start without
  # with the cache, as the container image starts: its options, with which bench/aot-cache.sh recorded the cache
  if aot_cache_fresh; then
    startup aot $(container_java_opts_uncached) "-XX:AOTCache=$AOT_CACHE"
    # On two cores the JIT's second compiler (C2) competes with the main thread for the start's CPU; C1 alone
    # shows what that costs. Not what the image runs: C1's code serves less than half the throughput.
    # shellcheck disable=SC2046
    if ((STARTUP_C1)); then startup aot-c1 $(container_java_opts_uncached) "-XX:AOTCache=$AOT_CACHE" -XX:TieredStopAtLevel=1; fi
  elif [[ -f "$AOT_CACHE" ]]; then echo "== start-up with the AOT cache skipped: $AOT_CACHE is older than the jar (run bench/aot-cache.sh)"; fi
fi
st() { # label key
  [[ -f "$WORK/startup-$1.out" ]] || { echo "n/a"; return; }
  sed -E "s/.* $2=([0-9.]+).*/\1/" <<<" $(grep '^STARTUP_RESULT' "$WORK/startup-$1.out")"
}

# ---- one gateway, measured ---------------------------------------------------------------------
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks
HZ="$(getconf CLK_TCK)"

start_gateway() { # extra -D flags...
  echo "== starting the gateway on 127.0.0.1:$GW_PORT ($PROVIDER_TYPE providers -> $BASE_URL; $GW_JAVA_OPTS)"
  # shellcheck disable=SC2086
  env ${GW_MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX} "$JAVA" $GW_JAVA_OPTS \
    "${GW_PROPS[@]}" "$@" $GW_EXTRA_PROPS -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
  GW_PID=$!
  PIDS+=("$GW_PID")
  wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 90 "$GW_PID" "$WORK/gateway.log"
  RSS_IDLE_KB="$(awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status")"
}

stop_gateway() {
  kill -9 "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
}

sanity() { # provider-or-route query ("" or "?provider=NAME")
  curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/v1/generate$1" -H 'Content-Type: application/json' \
    ${GW_AUTH:+-H "Authorization: $GW_AUTH"} -d '{"messages":[{"role":"user","content":"What is 4200 + 42?"}]}' | grep -q '"content":"' \
    || { echo "gateway /v1/generate$1 sanity check failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
  curl -sf --max-time 5 -N "http://127.0.0.1:$GW_PORT/v1/stream$1" -H 'Content-Type: application/json' \
    ${GW_AUTH:+-H "Authorization: $GW_AUTH"} -d '{"messages":[{"role":"user","content":"What is 4200 + 42?"}]}' | grep -q '^event: done' \
    || { echo "gateway /v1/stream$1 sanity check failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
}

# wrk with a hard time bound, its output in $1; a failed run ends the bench
wrk_bounded() { # outfile script url duration
  timeout $(($4 + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${4}s" --timeout 5s -s "$2" "$3" \
    >"$1" 2>&1 || { echo "wrk failed:" >&2; cat "$1" >&2; exit 1; }
}

# wrk_bounded, measured; appends "rps errors p50 p99 gw_cpu_us_per_req" to $2
run_wrk() { # label outfile script url duration
  local label="$1" out="$2" script="$3" url="$4" dur="$5" before after pid="${MEASURED_PID:-$GW_PID}"
  before="$(cpu_ticks "$pid")"
  wrk_bounded "$WORK/wrk.out" "$script" "$url" "$dur"
  after="$(cpu_ticks "$pid")"
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
  printf '   %-28s %10.0f req/s  errors %s  p50 %s ms  p99 %s ms  CPU %s us/req  (load %s)\n' \
    "$label" "$rps" "$err" "$p50" "$p99" "$us" "$(load)"
}

# The gateway's own time per request (switchboard_gateway_overhead_seconds{endpoint="generate"}:
# upstream waiting excluded), read from /q/metrics before and after a phase, so the figure is the
# phase's requests only. Nothing is added to the gateway for it: the histogram is always recorded.
overhead_snapshot() { # outfile
  curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/q/metrics" \
    | grep -E '^switchboard_gateway_overhead_seconds_(bucket|count|sum)\{.*endpoint="generate"' >"$1" || true
}
# "mean_ms p50_ms p99_ms requests" of the requests between two snapshots; percentiles are
# interpolated within the histogram's buckets (as histogram_quantile does), so they are as coarse as
# the buckets (50 µs, 100 µs, 250 µs, 500 µs, 1 ms, ...); the mean is exact.
overhead_delta() { # before after
  awk '
    # the value follows the labels; with tracing on an exemplar ("# {trace_id=...} ...") may follow it
    function value(line) { match(line, /[}] [^ ]+/); return substr(line, RSTART + 2, RLENGTH - 2) + 0 }
    function le(line) { match(line, /le="[^"]*"/); return substr(line, RSTART + 4, RLENGTH - 5) }
    FNR == NR { if ($0 ~ /_bucket/) b0[le($0)] = value($0); else if ($0 ~ /_count/) c0 = value($0); else s0 = value($0); next }
    $0 ~ /_bucket/ { b1[le($0)] = value($0); next }
    $0 ~ /_count/ { c1 = value($0); next }
    { s1 = value($0) }
    function quantile(q,   rank, i, prev, prevBound, bound, cum) {
      rank = q * total; prev = 0; prevBound = 0
      for (i = 1; i <= n; i++) {
        bound = bounds[i]; cum = b1[keys[i]] - b0[keys[i]]
        if (cum >= rank) {
          if (cum == prev) return bound
          return prevBound + (bound - prevBound) * (rank - prev) / (cum - prev)
        }
        prev = cum; prevBound = bound
      }
      return -1   # in the +Inf bucket: above the largest bound
    }
    function ms(q) { return q < 0 ? sprintf(">%g", bounds[n] * 1000) : sprintf("%.3f", q * 1000) }
    END {
      total = c1 - c0
      if (total <= 0) { print "n/a n/a n/a 0"; exit }
      n = 0
      for (k in b1) if (k != "+Inf") { n++; keys[n] = k; bounds[n] = k + 0 }
      for (i = 2; i <= n; i++) for (j = i; j > 1 && bounds[j - 1] > bounds[j]; j--) {
        t = bounds[j]; bounds[j] = bounds[j - 1]; bounds[j - 1] = t; t = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = t
      }
      p50 = quantile(0.5); p99 = quantile(0.99)
      printf "%.3f %s %s %d\n", (s1 - s0) / total * 1000, ms(p50), ms(p99), total
    }' "$1" "$2"
}
overhead_print() { # label "mean p50 p99 requests"
  local mean p50 p99 n
  read -r mean p50 p99 n <<<"$2"
  printf '   %-28s mean %s ms  p50 %s ms  p99 %s ms  over %s requests (switchboard_gateway_overhead_seconds)\n' \
    "$1" "$mean" "$p50" "$p99" "$n"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
col() { [[ -f "$1" ]] || return 0; awk -v c="$2" '{print $c}' "$1"; }

# Lua scripts: wrk's own settings + the shared done() report
mk_script() { cat "$BENCH_DIR/$1" "$BENCH_DIR/report.lua" >"$WORK/$1"; echo "$WORK/$1"; }
GEN_LUA="$(mk_script generate.lua)"
UPSTREAM_LUA="$(mk_script "$UP_LUA")"
STREAM_LUA="$(mk_script stream.lua)"
UPSTREAM_STREAM_LUA="$(mk_script "${UP_LUA%.lua}-stream.lua")"

# The per-chunk phases against one target (the gateway, the Vert.x relay or socat), each after its unrecorded
# rounds: 1 stream, then 16 at a time. The query is Paced.java's: the gateway's (provider=paced), "-" for the relay
# (/v1/stream, no query), "raw" for socat (the mock's own request).
paced_streams() { # port query rounds-1 rounds-16 out-dir
  timeout 300 "$JAVA" -XX:+UseSerialGC "$BENCH_DIR/Paced.java" "$MOCK_PORT" "$UP_PATH" "$1" "$2" \
    "$PACED_EVENTS" "$PACED_DELAY_MS" 1 "$3" "$PACED_WARMUP_1" 2>&1 | tee "$5/paced1.out"
  timeout 300 "$JAVA" -XX:+UseSerialGC "$BENCH_DIR/Paced.java" "$MOCK_PORT" "$UP_PATH" "$1" "$2" \
    "$PACED_EVENTS" "$PACED_DELAY_MS" 16 "$4" "$PACED_WARMUP_16" 2>&1 | tee "$5/paced16.out"
}

# Everything measured against one running gateway; results go to files under $WORK/$1.
# $2: the query selecting the provider or route ("" = default provider "up"); $3: the paced one.
measure() { # tag query paced-query repeats ttfb-samples paced-rounds-1 paced-rounds-16 rate-seconds
  local tag="$1" query="$2" paced="$3" repeats="$4" ttfb="$5" r1="$6" r16="$7" rsec="$8" i
  local out="$WORK/$tag"
  mkdir -p "$out"
  export GW_QUERY="$query"
  echo "== [$tag] warm-up: ${WARMUP}s of /v1/generate$query and ${WARMUP}s of /v1/stream$query"
  run_wrk "warm-up generate" "$out/warm" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$WARMUP"
  run_wrk "warm-up stream" "$out/warm" "$STREAM_LUA" "http://127.0.0.1:$GW_PORT" "$WARMUP"

  echo "== [$tag] throughput, non-streaming: $repeats x ${DURATION}s each, wrk -t$THREADS -c$CONNECTIONS (alternating)"
  overhead_snapshot "$out/overhead-before"
  for ((i = 1; i <= repeats; i++)); do
    run_wrk "direct $UP_PATH #$i" "$out/direct" "$UPSTREAM_LUA" "http://127.0.0.1:$MOCK_PORT" "$DURATION"
    run_wrk "gateway /v1/generate #$i" "$out/gen" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$DURATION"
  done
  overhead_snapshot "$out/overhead-after"
  overhead_delta "$out/overhead-before" "$out/overhead-after" >"$out/overhead"
  overhead_print "gateway overhead, saturated" "$(cat "$out/overhead")"

  if [[ "$STREAM_THROUGHPUT" == 1 && "$tag" == plain ]]; then
    local sdur=$(((DURATION + 1) / 2))
    echo "== [$tag] throughput, streaming: $repeats x ${sdur}s each (whole streams, no chunk delay)"
    for ((i = 1; i <= repeats; i++)); do
      run_wrk "direct stream #$i" "$out/sdirect" "$UPSTREAM_STREAM_LUA" "http://127.0.0.1:$MOCK_PORT" "$sdur"
      run_wrk "gateway /v1/stream #$i" "$out/sgw" "$STREAM_LUA" "http://127.0.0.1:$GW_PORT" "$sdur"
    done
  fi

  if ((ttfb > 0)); then
    echo "== [$tag] time to first byte: $ttfb sequential pairs, mock chunk delay ${TTFB_CHUNK_DELAY_MS} ms"
    timeout 300 "$JAVA" -XX:+UseSerialGC "$BENCH_DIR/Ttfb.java" "$MOCK_PORT" "$UP_PATH" "$GW_PORT" "provider=slow" \
      "$ttfb" "$TTFB_WARMUP" "$TTFB_CHUNK_DELAY_MS" 2>&1 | tee "$out/ttfb.out"
  fi

  echo "== [$tag] per-chunk delay: $PACED_EVENTS deltas ${PACED_DELAY_MS} ms apart, 1 stream then 16 at a time" \
    "(after $PACED_WARMUP_1 and $PACED_WARMUP_16 unrecorded rounds)"
  paced_streams "$GW_PORT" "$paced" "$r1" "$r16" "$out"

  echo "== [$tag] constant rate: $RATE req/s for ${rsec}s each, direct then gateway"
  local before after
  before="$(cpu_ticks "$GW_PID")"
  overhead_snapshot "$out/rate-overhead-before"
  timeout 300 "$JAVA" -XX:+UseSerialGC "$BENCH_DIR/ConstantRate.java" "$RATE" "$rsec" 3 "$RATE_CONNECTIONS" \
    "$MOCK_PORT" "$UP_PATH" "$GW_PORT" "/v1/generate$query" 2>&1 | tee "$out/rate.out"
  after="$(cpu_ticks "$GW_PID")"
  overhead_snapshot "$out/rate-overhead-after"
  overhead_delta "$out/rate-overhead-before" "$out/rate-overhead-after" >"$out/rate-overhead"
  overhead_print "gateway overhead, $RATE req/s" "$(cat "$out/rate-overhead")"
  # the gateway's CPU over its part of the run (3 s warm-up + rsec), per request
  awk -v t=$((after - before)) -v hz="$HZ" -v n=$((RATE * (rsec + 3))) 'BEGIN {printf "%.1f\n", t / hz * 1e6 / n}' \
    >"$out/rate-cpu"

  awk '/VmHWM/ {print $2}' "/proc/$GW_PID/status" >"$out/rss-peak"
  awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status" >"$out/rss-end"
  awk '/Threads/ {print $2}' "/proc/$GW_PID/status" >"$out/threads"
  echo "$RSS_IDLE_KB" >"$out/rss-idle"
}

if [[ "$PLAIN" == 1 ]]; then
  start_gateway
  sanity ""
  measure plain "" "provider=paced" "$REPEATS" "$TTFB_SAMPLES" "$PACED_ROUNDS_1" "$PACED_ROUNDS_16" "$RATE_SECONDS"
  stop_gateway
fi

# One more hop: the same paced streams through a Vert.x relay that only passes bytes on (same event loop for both of
# its connections, no parsing), in the gateway's place; gateway minus relay is the gateway's own share of the
# per-chunk delay. Then through socat, which shows what the hop costs when the relay itself costs next to nothing.
if [[ "$PLAIN" == 1 && "$RELAY" == 1 ]]; then
  echo "== [relay] per-chunk delay through a bare relay on 127.0.0.1:$RELAY_PORT"
  # shellcheck disable=SC2086
  "$JAVA" $MOCK_JAVA_OPTS -cp "$(cat "$CP_FILE")" "$BENCH_DIR/Relay.java" "$RELAY_PORT" "$MOCK_PORT" "$UP_PATH" 2 \
    "x-mock-paced-events=$PACED_EVENTS" "x-mock-chunk-delay-ms=$PACED_DELAY_MS" >"$WORK/relay.log" 2>&1 &
  RELAY_PID=$!
  PIDS+=("$RELAY_PID")
  mkdir -p "$WORK/relay"
  wait_http "http://127.0.0.1:$RELAY_PORT/health" 60 "$RELAY_PID" "$WORK/relay.log"
  # warmed as the gateway is (its JIT-compiled relay path): cold, it added three times as much per chunk
  wrk_bounded "$WORK/relay/warm.out" "$STREAM_LUA" "http://127.0.0.1:$RELAY_PORT" "$WARMUP"
  paced_streams "$RELAY_PORT" - "$PACED_ROUNDS_1" "$PACED_ROUNDS_16" "$WORK/relay"
  kill "$RELAY_PID" 2>/dev/null || true
  # The same through socat, a byte relay in C (one process per connection, no JIT, no HTTP): what one more
  # hop costs on this machine when the hop itself costs next to nothing.
  if command -v socat >/dev/null 2>&1; then
    echo "== [socat] per-chunk delay through socat on 127.0.0.1:$SOCAT_PORT"
    socat "TCP-LISTEN:$SOCAT_PORT,bind=127.0.0.1,fork,reuseaddr" "TCP:127.0.0.1:$MOCK_PORT" >"$WORK/socat.log" 2>&1 &
    SOCAT_PID=$!
    PIDS+=("$SOCAT_PID")
    mkdir -p "$WORK/socat"
    wait_tcp "$SOCAT_PORT"
    paced_streams "$SOCAT_PORT" raw "$PACED_ROUNDS_1" "$PACED_ROUNDS_16" "$WORK/socat"
    kill "$SOCAT_PID" 2>/dev/null || true
  else
    echo "== [socat] skipped: socat is not installed (apt-get install -y socat)"
  fi
fi

# Portkey in the gateway's place, same mock, same wrk, alternating with the direct runs as the gateway's were.
if [[ -n "$PORTKEY" ]]; then
  echo "== [portkey] $PORTKEY_JS on 127.0.0.1:$PORTKEY_PORT (node $(node --version))"
  mkdir -p "$WORK/portkey"
  (cd "$WORK/portkey" && exec node "$PORTKEY_JS" "--port=$PORTKEY_PORT" --headless) >"$WORK/portkey.log" 2>&1 &
  PORTKEY_PID=$!
  PIDS+=("$PORTKEY_PID")
  export PORTKEY_UPSTREAM="$BASE_URL"
  PORTKEY_LUA="$(mk_script portkey.lua)"
  wait_http "http://127.0.0.1:$PORTKEY_PORT/" 60 "$PORTKEY_PID" "$WORK/portkey.log"
  curl -sf --max-time 5 "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" -H 'Content-Type: application/json' \
    -H 'Authorization: Bearer bench' -H 'x-portkey-provider: openai' -H "x-portkey-custom-host: $BASE_URL" \
    -d '{"model":"m","messages":[{"role":"user","content":"What is 4200 + 42?"}]}' | grep -q '"content":"' \
    || { echo "Portkey did not answer through the mock" >&2; tail -20 "$WORK/portkey.log" >&2; exit 1; }
  MEASURED_PID="$PORTKEY_PID"
  run_wrk "warm-up Portkey" "$WORK/portkey/warm" "$PORTKEY_LUA" "http://127.0.0.1:$PORTKEY_PORT" "$WARMUP"
  for ((i = 1; i <= REPEATS; i++)); do
    run_wrk "direct $UP_PATH #$i" "$WORK/portkey/direct" "$UPSTREAM_LUA" "http://127.0.0.1:$MOCK_PORT" "$DURATION"
    run_wrk "Portkey $UP_PATH #$i" "$WORK/portkey/gen" "$PORTKEY_LUA" "http://127.0.0.1:$PORTKEY_PORT" "$DURATION"
  done
  unset MEASURED_PID
  awk '/VmHWM/ {print $2}' "/proc/$PORTKEY_PID/status" >"$WORK/portkey/rss-peak"
  kill "$PORTKEY_PID" 2>/dev/null || true
fi

start_redis() {
  echo "== starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$WORK" --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
  PIDS+=("$!")
  wait_tcp "$REDIS_PORT"
}

# A virtual key whose limits and budget the load stays under, so every request is counted, reserved and settled
# (the rpm, the tpm and the budget a thousand times what the run uses), made through the admin API.
governed_key() {
  local answer
  answer="$(curl -sf --max-time 5 -X POST "http://127.0.0.1:$GW_PORT/v1/keys" -H 'Authorization: Bearer bench-admin' \
    -H 'Content-Type: application/json' \
    -d '{"name":"bench","rpm":100000000,"tpm":2000000000,"budget_usd":1000000,"budget_period":"day"}')" \
    || { echo "creating the virtual key failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
  sed -E 's/.*"key" *: *"([^"]+)".*/\1/' <<<"$answer"
}

if [[ "$FEATURES" == 1 ]]; then
  ((HAS_KEYS)) && start_redis
  start_gateway "${FEATURE_PROPS[@]}"
  if ((HAS_KEYS)); then
    GW_AUTH="Bearer $(governed_key)"
    export GW_AUTH
  fi
  sanity "?provider=bench"
  # fewer wrk runs and a shorter constant rate than the plain run, except for the governance figure, which compares
  # the two runs: the key alone gets as many wrk runs and as long at the constant rate as the plain one
  FEATURE_REPEATS=2 FEATURE_RATE_SECONDS=10
  if ((KEYS_ONLY)); then FEATURE_REPEATS="$REPEATS" FEATURE_RATE_SECONDS="$RATE_SECONDS"; fi
  measure features "?provider=bench" "provider=bench-paced" "$FEATURE_REPEATS" 0 $(((PACED_ROUNDS_1 + 1) / 2)) 2 \
    "$FEATURE_RATE_SECONDS"
  if ((KEYS_ONLY)); then
    # The key's cost from one process: gateway-key requests (no governance) against virtual-key requests, in
    # interleaved rounds, saturated and at the constant rate. Two processes, even of the same build, differ by
    # more than that cost: in their JIT's code (CPU a request) and in their p99.
    echo "== [features] throughput, one process: $AB_ROUNDS x ${DURATION}s each, gateway key then virtual key"
    for ((i = 1; i <= AB_ROUNDS; i++)); do
      GW_AUTH="Bearer $GATEWAY_KEY" run_wrk "gateway key #$i" "$WORK/features/ab-plain" "$GEN_LUA" \
        "http://127.0.0.1:$GW_PORT" "$DURATION"
      run_wrk "virtual key #$i" "$WORK/features/ab-key" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$DURATION"
    done
    echo "== [features] constant rate: $RATE req/s, $AB_ROUNDS interleaved rounds of ${AB_SECONDS}s, direct," \
      "gateway key, virtual key"
    GW_AUTH_PLAIN="Bearer $GATEWAY_KEY" ROUNDS="$AB_ROUNDS" timeout 600 "$JAVA" -XX:+UseSerialGC \
      "$BENCH_DIR/ConstantRate.java" "$RATE" "$AB_SECONDS" 2 "$RATE_CONNECTIONS" "$MOCK_PORT" "$UP_PATH" "$GW_PORT" \
      "/v1/generate?provider=bench" 2>&1 | tee "$WORK/features/ab.out"
  fi
  stop_gateway
  unset GW_AUTH
fi

# ROOMS: the generate load through a runtime route "room" (created with the admin API after start-up),
# kept in the memory store, then in the Redis store (a redis-server started here): requests read the
# routes from memory either way, so the two should be within noise of each other.
room_run() { # store, then extra -D flags
  local store="$1"; shift
  start_gateway -Dswitchboard.auth.admin-keys=bench-admin "-Dswitchboard.store.type=$store" "$@"
  curl -sf --max-time 5 -X PUT "http://127.0.0.1:$GW_PORT/v1/routes/room" -H 'Authorization: Bearer bench-admin' \
    -H 'Content-Type: application/json' -d '{"targets":["up"],"system_prompt":"You are the bench room."}' >/dev/null \
    || { echo "creating the runtime route failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
  sanity "?provider=room"
  mkdir -p "$WORK/room-$store"
  export GW_QUERY="?provider=room"
  run_wrk "warm-up generate (room, $store)" "$WORK/room-$store/warm" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$WARMUP"
  local i
  for ((i = 1; i <= REPEATS; i++)); do
    run_wrk "room via $store #$i" "$WORK/room-$store/gen" "$GEN_LUA" "http://127.0.0.1:$GW_PORT" "$DURATION"
  done
  stop_gateway
}
if [[ "$ROOMS" == 1 ]]; then
  command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install -y redis-server)" >&2; exit 1; }
  room_run memory
  [[ "$FEATURES" == 1 ]] && ((HAS_KEYS)) || start_redis
  room_run redis "-Dquarkus.redis.hosts=redis://127.0.0.1:$REDIS_PORT"
fi
LOAD_END="$(load)"

# ---- summary ---------------------------------------------------------------------------------
pass() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {if (v == "n/a" || v == "") {print "n/a"; exit} ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "PASS" : "MISS"}'; }
kv() { # file key: value of key=... on the *_RESULT line of file
  [[ -f "$1" ]] || { echo "n/a"; return; }
  local line; line="$(grep -E '^[A-Z]+_RESULT' "$1" | tail -1)"
  [[ -n "$line" ]] || { echo "n/a"; return; }
  sed -E "s/.* $2=(-?[0-9.]+).*/\1/" <<<" $line"
}
mb() { awk -v k="$(cat "$1" 2>/dev/null || echo 0)" 'BEGIN {printf "%.1f", k / 1024}'; }
# one run's figures, by tag
fig() { # tag name
  local d="$WORK/$1"
  case "$2" in
    rps) col "$d/gen" 1 | median ;;
    direct_rps) col "$d/direct" 1 | median ;;
    cpu) col "$d/gen" 5 | median ;;
    errors) col "$d/gen" 2 | awk '{s+=$1} END {print s+0}' ;;
    p50) col "$d/gen" 3 | median ;;
    p99) col "$d/gen" 4 | median ;;
    runs) col "$d/gen" 1 | awk '{printf "%s%.0f", (NR>1?", ":""), $1}' ;;
    direct_runs) col "$d/direct" 1 | awk '{printf "%s%.0f", (NR>1?", ":""), $1}' ;;
    chunk1) kv "$d/paced1.out" added_mean ;;
    chunk1_p99) kv "$d/paced1.out" added_p99 ;;
    chunk16) kv "$d/paced16.out" added_mean ;;
    chunk16_p99) kv "$d/paced16.out" added_p99 ;;
    rate_p99) kv "$d/rate.out" added_p99 ;;
    rate_p50) kv "$d/rate.out" added_p50 ;;
    rate_cpu) cat "$d/rate-cpu" 2>/dev/null || echo n/a ;;
    rss) mb "$d/rss-peak" ;;
    overhead) ovh "$d/overhead" ;;
    rate_overhead) ovh "$d/rate-overhead" ;;
  esac
}
ovh() { # file of overhead_delta: "mean / p50 / p99"
  [[ -s "$1" ]] || { echo "n/a"; return; }
  awk '{print $1 " / " $2 " / " $3}' "$1"
}
num() { [[ "$1" == n/a ]] && echo n/a || printf '%.0f' "$1"; }

G_RPS="$(fig plain rps)"
D_RPS="$(fig plain direct_rps)"
G_CPU="$(fig plain cpu)"
CAPACITY="$(awk -v us="$G_CPU" 'BEGIN {if (us > 0) printf "%.0f", 2e6 / us; else print "n/a"}')"
TT_FILE="$WORK/plain/ttfb.out"
tt() { kv "$TT_FILE" "$1"; }
ST_PLAIN="$(st plain median_ms)"
ST_AOT="$(st aot median_ms)"

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Switchboard benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`bench/run.sh\`$( [[ "$FEATURES" == 1 ]] && echo " (with the FEATURES run)")$( [[ -n "$PORTKEY" ]] && echo ", with Portkey's gateway (\`PORTKEY\`)"); $(( (SECONDS - T_START) / 60 )) min $(( (SECONDS - T_START) % 60 )) s."
  echo
  echo "## Conditions"
  echo
  echo "- machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "- load average (1/5/15 min) at start: $LOAD_START; at end: $LOAD_END (wrk, the mock and the gateway share the same CPUs)"
  echo "- gateway: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' + uncommitted changes'), provider type \`$PROVIDER_TYPE\` -> mock at \`$BASE_URL\`"
  echo "- JVM: $("$JAVA" -version 2>&1 | head -1); gateway flags \`$GW_JAVA_OPTS${GW_EXTRA_PROPS:+ $GW_EXTRA_PROPS}\`${GW_MALLOC_ARENA_MAX:+ with MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX}; start-up: \`java ${STARTUP_JAVA_OPTS:+$STARTUP_JAVA_OPTS }-jar\`; mock flags \`$MOCK_JAVA_OPTS\`, $MOCK_EVENT_LOOPS event loops"
  echo "- wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') -t$THREADS -c$CONNECTIONS, ${DURATION}s per run, $REPEATS runs per target alternating direct/gateway, after ${WARMUP}s+${WARMUP}s warm-up; medians reported"
  echo
  echo "## Results (gateway minus direct where both exist)"
  echo
  echo "| metric | measured | target | |"
  echo "|---|---|---|---|"
  echo "| start-up to the first proxied \`/v1/generate\`, \`java ${STARTUP_JAVA_OPTS:+$STARTUP_JAVA_OPTS }-jar\` (median of $STARTUP_RUNS) | $ST_PLAIN ms (min $(st plain min_ms), max $(st plain max_ms); CPU $(st plain cpu_ms) ms, RSS $(st plain rss_mb) MB) | ≤ 1000 ms | $(pass "$ST_PLAIN" 1000 '<=') |"
  if [[ -f "$WORK/startup-aot.out" ]]; then
    echo "| start-up with the AOT cache as the container image starts (its JVM options and \`-XX:AOTCache=app.aot\`) | $ST_AOT ms (min $(st aot min_ms), max $(st aot max_ms); CPU $(st aot cpu_ms) ms: the main thread $(st aot main_cpu_ms), the JIT's compilers $(st aot jit_cpu_ms); on $(nproc) cores no less than $(awk -v c="$(st aot cpu_ms)" -v n="$(nproc)" 'BEGIN {printf "%.0f", c / n}') ms) | ≤ 1000 ms | $(pass "$ST_AOT" 1000 '<=') |"
  fi
  if [[ -f "$WORK/startup-aot-c1.out" ]]; then
    echo "| the same with the JIT's first compiler only (\`-XX:TieredStopAtLevel=1\`, not shipped): the second compiler's share of the start on these cores | $(st aot-c1 median_ms) ms (min $(st aot-c1 min_ms), max $(st aot-c1 max_ms); CPU $(st aot-c1 cpu_ms) ms: the main thread $(st aot-c1 main_cpu_ms), the JIT's compiler $(st aot-c1 jit_cpu_ms)) | — | |"
  fi
  echo "| gateway \`POST /v1/generate\` throughput | $(num "$G_RPS") req/s (runs: $(fig plain runs); errors: $(fig plain errors)) | ≥ 20,000 req/s (10× the ~2,000 the issue measured for Portkey) | $(pass "$G_RPS" 20000 '>=') |"
  if [[ -f "$WORK/portkey/gen" ]]; then
    P_RPS="$(fig portkey rps)"
    echo "| Portkey \`POST $UP_PATH\` through the same mock, same wrk (\`PORTKEY\`, Node.js $(node --version)) | $(num "$P_RPS") req/s (runs: $(fig portkey runs); errors: $(fig portkey errors); CPU $(fig portkey cpu) µs/req; peak RSS $(mb "$WORK/portkey/rss-peak") MB) | — | |"
    echo "| gateway throughput ÷ Portkey's, same run | $(awk -v g="$G_RPS" -v p="$P_RPS" 'BEGIN {if (p > 0) printf "%.1f×", g / p; else print "n/a"}') | ≥ 10× | $(pass "$(awk -v g="$G_RPS" -v p="$P_RPS" 'BEGIN {if (p > 0) printf "%.2f", g / p; else print "n/a"}')" 10 '>=') |"
  fi
  echo "| mock upstream \`POST $UP_PATH\` directly (ceiling) | $(num "$D_RPS") req/s (runs: $(fig plain direct_runs)) | — | |"
  echo "| gateway CPU per generate request | $G_CPU µs (≈ $CAPACITY req/s if the gateway had both cores to itself) | | |"
  echo "| gateway latency under load (p50 / p99) | $(fig plain p50) ms / $(fig plain p99) ms | | |"
  if [[ -f "$WORK/plain/sgw" ]]; then
    echo "| \`POST /v1/stream\` throughput (whole streams): gateway / direct | $(num "$(col "$WORK/plain/sgw" 1 | median)") / $(num "$(col "$WORK/plain/sdirect" 1 | median)") streams/s | — | |"
  fi
  echo "| added per streamed chunk, 1 stream (mean / p99) | $(fig plain chunk1) / $(fig plain chunk1_p99) ms | ≤ 0.1 ms mean | $(pass "$(fig plain chunk1)" 0.1 '<=') |"
  echo "| added per streamed chunk, 16 streams (mean / p99) | $(fig plain chunk16) / $(fig plain chunk16_p99) ms | ≤ 0.1 ms mean | $(pass "$(fig plain chunk16)" 0.1 '<=') |"
  if [[ -f "$WORK/relay/paced1.out" ]]; then
    echo "| added per chunk by a bare Vert.x relay (bench/Relay.java) in the gateway's place, 1 / 16 streams (mean / p99) | $(fig relay chunk1) / $(fig relay chunk1_p99) ms; $(fig relay chunk16) / $(fig relay chunk16_p99) ms | — | |"
    echo "| the gateway's own share per chunk (gateway minus relay, mean), 1 / 16 streams | $(awk -v g="$(fig plain chunk1)" -v r="$(fig relay chunk1)" 'BEGIN {printf "%.3f", g - r}') / $(awk -v g="$(fig plain chunk16)" -v r="$(fig relay chunk16)" 'BEGIN {printf "%.3f", g - r}') ms | | |"
  fi
  if [[ -f "$WORK/socat/paced1.out" ]]; then
    echo "| one more hop at its cheapest: added per chunk by socat (a byte relay in C) in the gateway's place, 1 / 16 streams (mean / p99) | $(fig socat chunk1) / $(fig socat chunk1_p99) ms; $(fig socat chunk16) / $(fig socat chunk16_p99) ms | — | |"
  fi
  echo "| added latency at a constant $RATE req/s (p50 / p99) | $(fig plain rate_p50) / $(fig plain rate_p99) ms (gateway CPU $(fig plain rate_cpu) µs/req) | ≤ 2 ms p99 | $(pass "$(fig plain rate_p99)" 2 '<=') |"
  echo "| gateway overhead per \`/v1/generate\`, its own time with upstream waiting excluded (mean / p50 / p99), saturated by wrk | $(fig plain overhead) ms | | |"
  echo "| gateway overhead at a constant $RATE req/s (mean / p50 / p99) | $(fig plain rate_overhead) ms | | |"
  echo "| added time to first byte (p50 / p90 / p99) | $(tt added_p50) / $(tt added_p90) / $(tt added_p99) ms (direct p50 $(tt direct_p50), gateway $(tt gw_p50)) | < 1 ms p50 | $(pass "$(tt added_p50)" 1 '<=') |"
  echo "| gateway peak RSS (VmHWM) over the whole load | $(fig plain rss) MB (idle after start: $(mb "$WORK/plain/rss-idle") MB, at end: $(mb "$WORK/plain/rss-end") MB, $(cat "$WORK/plain/threads") threads) | ≤ 200 MB | $(pass "$(fig plain rss)" 200 '<=') |"
  if [[ -d "$WORK/features" ]]; then
    echo
    if ((KEYS_ONLY)); then
      echo "### With a virtual key alone (\`KEYS_ONLY=1\`)"
      echo
      echo "The same load with every request made with a virtual key with rpm, tpm and a budget (priced providers, so each request is reserved and settled) on the Redis store; no route, retries, breakers or tracing. As many wrk runs, and as long at the constant rate, as the plain run."
    else
      echo "### Through a route with retries, breakers and tracing on$( ((HAS_KEYS)) && echo ", with a virtual key")"
      echo
      echo "The same load through routes \`bench\` (\`up\`, then \`up2\`) and \`bench-paced\`$( ((HAS_TRAFFIC)) && echo ", with \`switchboard.traffic.retries=2\` and circuit breakers on")$( ((HAS_TRACING)) && echo ", every request traced and exported over OTLP/HTTP to the mock")$( ((HAS_KEYS)) && echo ", every request made with a virtual key with rpm, tpm and a budget (priced providers, so each request is reserved and settled) on the Redis store")$( ((HAS_TRAFFIC)) || echo " (this build has no traffic layer)")$( ((HAS_TRACING)) || echo " (this build has no tracing)"). Fewer repeats than the plain run."
    fi
    echo
    echo "| metric | plain | $( ((KEYS_ONLY)) && echo "virtual key on Redis" || echo "route + traffic + tracing$( ((HAS_KEYS)) && echo " + virtual key on Redis")") |"
    echo "|---|---|---|"
    echo "| \`/v1/generate\` throughput (req/s) | $(num "$G_RPS") | $(num "$(fig features rps)") |"
    echo "| gateway CPU per generate request (µs) | $G_CPU | $(fig features cpu) |"
    echo "| added per streamed chunk, 1 / 16 streams (mean, ms) | $(fig plain chunk1) / $(fig plain chunk16) | $(fig features chunk1) / $(fig features chunk16) |"
    echo "| added p99 at $RATE req/s (ms) | $(fig plain rate_p99) | $(fig features rate_p99) |"
    echo "| gateway overhead, saturated (mean / p50 / p99, ms) | $(fig plain overhead) | $(fig features overhead) |"
    echo "| gateway overhead at $RATE req/s (mean / p50 / p99, ms) | $(fig plain rate_overhead) | $(fig features rate_overhead) |"
    echo "| peak RSS (MB) | $(fig plain rss) | $(fig features rss) |"
    if [[ -s "$WORK/features/ab.out" ]]; then
      ab() { kv "$WORK/features/ab.out" "$1"; }
      echo
      echo "One process: gateway-key requests (no governance) against virtual-key requests, $AB_ROUNDS interleaved wrk runs of ${DURATION} s each, then $AB_ROUNDS interleaved rounds of ${AB_SECONDS} s at $RATE req/s (direct, gateway key, virtual key; the order rotated every round; samples pooled):"
      echo
      echo "| metric | gateway key | virtual key on Redis |"
      echo "|---|---|---|"
      echo "| \`/v1/generate\` throughput, one process, median of $AB_ROUNDS (req/s) | $(num "$(col "$WORK/features/ab-plain" 1 | median)") | $(num "$(col "$WORK/features/ab-key" 1 | median)") |"
      echo "| gateway CPU per generate request, one process (µs) | $(col "$WORK/features/ab-plain" 5 | median) | $(col "$WORK/features/ab-key" 5 | median) |"
      echo "| added p50 / p99 at $RATE req/s, one process (ms) | $(ab plain_added_p50) / $(ab plain_added_p99) | $(ab keyed_added_p50) / $(ab keyed_added_p99) |"
      echo "| virtual key minus gateway key, p99 at $RATE req/s, one process (ms) | | $(ab keyed_minus_plain_p99) |"
    fi
  elif ((HAS_TRAFFIC == 0 && HAS_TRACING == 0)); then
    echo
    echo "(No FEATURES run: this build has neither the traffic layer nor tracing.)"
  fi
  if [[ -d "$WORK/room-redis" ]]; then
    local_mem="$(col "$WORK/room-memory/gen" 1 | median)"; local_redis="$(col "$WORK/room-redis/gen" 1 | median)"
    echo
    echo "### Through a runtime route (rooms): memory store against Redis store"
    echo
    echo "| store | \`/v1/generate?provider=room\` req/s (median of $REPEATS) | gateway CPU µs/req | Redis / memory |"
    echo "|---|---|---|---|"
    echo "| memory | $(num "$local_mem") | $(col "$WORK/room-memory/gen" 5 | median) | |"
    echo "| redis | $(num "$local_redis") | $(col "$WORK/room-redis/gen" 5 | median) | $(awk -v a="$local_redis" -v b="$local_mem" 'BEGIN {if (b > 0) printf "%.1f %%", a / b * 100; else print "n/a"}') |"
  fi
  echo
  echo "Start-up: spawn to the first 200 of \`POST /v1/generate\` through the mock (one try every 5 ms). Per-chunk: the mock stamps each of $PACED_EVENTS deltas ${PACED_DELAY_MS} ms apart with its monotonic clock, the client reads the same clock on arrival; mean of (arrival − stamp) through the gateway minus the same straight from the mock. Constant rate: open loop, latency from each request's due time (no coordinated omission), $RATE_CONNECTIONS connections. TTFB: sequential request pairs on kept-alive connections, mock chunk delay ${TTFB_CHUNK_DELAY_MS} ms."
  echo
  echo "<details><summary>raw output</summary>"
  echo
  echo '```'
  cat "$WORK"/startup-*.out 2>/dev/null | grep -v '^STARTUP_RESULT' || true
  for tag in plain features; do
    [[ -d "$WORK/$tag" ]] || continue
    echo "[$tag]"
    for f in ttfb paced1 paced16 rate; do
      [[ -f "$WORK/$tag/$f.out" ]] && grep -v -E '^[A-Z]+_(RESULT|FAILURES)' "$WORK/$tag/$f.out"
    done
  done
  echo '```'
  echo "</details>"
} >"$RESULTS"

echo
cat "$RESULTS"
echo
echo "(written to ${RESULTS#"$ROOT"/})"

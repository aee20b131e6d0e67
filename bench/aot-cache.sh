#!/usr/bin/env bash
# Builds the gateway for the JDK's AOT cache and records the cache, target/quarkus-app/app.aot, over a start AND
# real proxied requests (generate and stream, through the upstream client to the mock upstream), with the README's
# JVM options. A cache recorded over a start only (quarkus.package.jar.aot.phase=BUILD) leaves out everything the
# first request loads and compiles (Jackson bindings, the upstream client, the providers); see bench/README.md.
# Needs JDK 24 or newer (JAVA_HOME); the cache works only with the same JDK and the same jar, so run this again
# after every build. Every process started here is killed on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

MOCK_PORT="${MOCK_PORT:-18081}"
GW_PORT="${GW_PORT:-18080}"
TRAIN_REQUESTS="${TRAIN_REQUESTS:-200}"       # generate + stream pairs sent while recording
JVM_OPTS="${JVM_OPTS:--XX:+UseSerialGC -Xms16m -Xmx320m -Xmn12m -XX:SurvivorRatio=4}"   # docs/performance.md "JVM options": record with what runs
# Without the JIT's method profiles in the cache (AOT_TRAINING=1 keeps them): replayed at start, they set C2
# compiling while the application starts, which on two cores takes CPU from start-up (bench/README.md).
AOT_TRAINING="${AOT_TRAINING:-0}"
TRAINING_OPTS=""; ((AOT_TRAINING)) || TRAINING_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -x "$JAVA" ]] || { echo "no java: set JAVA_HOME to a JDK >= 24" >&2; exit 1; }

# The aot-jar layout puts the application's classes on the JVM's own class path, where the AOT cache can keep
# them (the default fast-jar loads them with Quarkus's own class loader, whose classes the cache skips).
echo "== building the gateway as an aot-jar (./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar)"
./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar

BENCH_NAME=aot-cache
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
APP_DIR="$(dirname "$JAR")"
rm -f "$APP_DIR/app.aot"

echo "== starting the mock upstream on 127.0.0.1:$MOCK_PORT"
"$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$(cat "$CP_FILE")" "$BENCH_DIR/MockUpstream.java" "$MOCK_PORT" 1 \
  >"$WORK/mock.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$MOCK_PORT/health" 60 "$!" "$WORK/mock.log"

echo "== recording: the gateway with -XX:AOTCacheOutput, $TRAIN_REQUESTS generate and stream requests"
# from the jar's directory: the cache records the class path as the run will see it
# shellcheck disable=SC2086
(cd "$APP_DIR" && exec "$JAVA" $JVM_OPTS $TRAINING_OPTS -XX:AOTCacheOutput=app.aot \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$GW_PORT" -Dquarkus.shutdown.delay=0s \
  -Dswitchboard.default-provider=up -Dswitchboard.providers.up.type=openai \
  -Dswitchboard.providers.up.base-url="http://127.0.0.1:$MOCK_PORT/v1" -Dswitchboard.providers.up.api-key=bench \
  -Dswitchboard.providers.up.model=m -jar quarkus-run.jar) >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 120 "$GW_PID" "$WORK/gateway.log"
BODY='{"messages":[{"role":"user","content":"What is 4200 + 42?"}],"max_tokens":64}'
for ((i = 0; i < TRAIN_REQUESTS; i++)); do
  curl -sf -o /dev/null --max-time 10 -H 'Content-Type: application/json' -d "$BODY" \
    "http://127.0.0.1:$GW_PORT/v1/generate" || { echo "a generate request failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
  curl -sf -o /dev/null --max-time 10 -H 'Content-Type: application/json' -d "$BODY" \
    "http://127.0.0.1:$GW_PORT/v1/stream" || { echo "a stream request failed" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
done

# the JVM writes the cache when it exits (a minute or more on a busy machine)
kill -TERM "$GW_PID"
wait "$GW_PID" || true
[[ -s "$APP_DIR/app.aot" ]] || { echo "no cache written" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
echo "== $APP_DIR/app.aot ($(du -h "$APP_DIR/app.aot" | cut -f1)); run from that directory with the same JDK:"
echo "   java -XX:AOTCache=app.aot $JVM_OPTS -jar quarkus-run.jar"

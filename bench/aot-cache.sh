#!/usr/bin/env bash
# Records the gateway's JDK AOT cache, target/quarkus-app/app.aot, for bench/run.sh's start-up row: the container
# image's own recording (docker/train-aot-cache.sh: a start and real requests through every door, generate and
# stream, over the upstream client), with the container image's JVM options. Needs JDK 25 or newer (JAVA_HOME); the cache
# works only with the same JDK and the same jar, so run this again after every build.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -x "$JAVA" ]] || { echo "no java: set JAVA_HOME to a JDK >= 25" >&2; exit 1; }

BENCH_NAME=aot-cache
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"   # builds the jar when the sources are newer
# recorded with the options it runs with: the container's (docker/Dockerfile.jvm), as the image records its own; the
# JVM refuses a cache recorded with another heap layout or object header size
JVM_OPTS="${JVM_OPTS:-$(container_java_opts_uncached)}"

echo "== recording $(dirname "$JAR")/app.aot (TRAIN_ROUNDS=${TRAIN_ROUNDS:-50} rounds of every door)"
# from the jar's directory, with a relative jar path: bench/run.sh starts it the same way, and the cache checks the
# class path it was made with
# shellcheck disable=SC2086
(cd "$(dirname "$JAR")" && "$ROOT/docker/train-aot-cache.sh" app.aot "$JAVA" $JVM_OPTS -jar "$(basename "$JAR")")
echo "   run from that directory with the same JDK: java -XX:AOTCache=app.aot $JVM_OPTS -jar $(basename "$JAR")"

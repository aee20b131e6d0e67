# Shared by the bench scripts (sourced, not run): the gateway jar and the classpath of the Java
# clients, processes killed on exit, waiting for a port, and /proc readings.
# Needs ROOT and BENCH_NAME set by the sourcing script.

# The packaged gateway, rebuilt when the sources are newer (GW_JAR names another jar instead).
JAR="${GW_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"
if [[ -z "${GW_JAR:-}" ]] && [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
  echo "== building the gateway (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
# The JDK AOT cache bench/aot-cache.sh records for this jar; the JVM refuses one made for another build.
AOT_CACHE="$(dirname "$JAR")/app.aot"
aot_cache_fresh() { [[ -f "$AOT_CACHE" && "$AOT_CACHE" -nt "$JAR" ]]; }
# The classpath the single-file Java clients run with (Vert.x, Jackson from the project's dependencies).
CP_FILE="$ROOT/target/cp.txt"
if [[ ! -s "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
  echo "== writing the classpath (target/cp.txt)"
  ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE"
fi

WORK="$(mktemp -d "/tmp/switchboard-$BENCH_NAME.XXXXXX")"
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

wait_http() { # url seconds pid log
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    kill -0 "$3" 2>/dev/null || { echo "process $3 died while starting (log: $4)" >&2; tail -20 "$4" >&2; exit 1; }
    if curl -sf -o /dev/null --max-time 1 "$1"; then return 0; fi
    sleep 0.2
  done
  echo "timed out waiting for $1" >&2; tail -20 "$4" >&2; exit 1
}

wait_tcp() { # port: until something listens on it (10 s at most)
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.1; done
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
rss() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; } # pid VmRSS|VmHWM, in kB

# The gateway's JVM options as the container starts it: docker/Dockerfile.jvm's GC_CONTAINER_OPTIONS and
# JAVA_OPTS_APPEND, the defaults of the image's launcher that they keep (heap free ratios, exit on
# OutOfMemoryError), and the container's memory limit of k8s/base/deployment.yaml as MaxRAM.
# The value a Dockerfile ENV variable ends with: each ENV line's $NAME is the value of the line before.
dockerfile_env() {
  local value="" line
  while IFS= read -r line; do value="${line//\$$1/$value}"; done \
    < <(sed -n "s/^ENV $1=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" "$ROOT/docker/Dockerfile.jvm")
  echo "$value"
}
container_memory() { awk '/limits:/ {l=1} l && /memory:/ {print $2; exit}' "$ROOT/k8s/base/deployment.yaml" | sed 's/Mi$/m/; s/Gi$/g/'; }
container_java_opts() { echo "$(container_java_opts_uncached) $(container_aot_cache)"; }
# The same without the cache: what the image records its cache with (bench/aot-cache.sh does the same).
container_java_opts_uncached() {
  echo "-XX:MaxRAM=${CONTAINER_MEMORY:-$(container_memory)} $(dockerfile_env GC_CONTAINER_OPTIONS) -XX:MinHeapFreeRatio=10" \
    "-XX:MaxHeapFreeRatio=20 -XX:+ExitOnOutOfMemoryError $(dockerfile_env JAVA_OPTS_APPEND | sed 's/-XX:AOTCache=[^ ]* *//')"
}
# The image starts with its AOT cache, which also keeps the JVM's own memory lower (about 20 MB less RSS): the one
# bench/aot-cache.sh recorded for this jar, when there is one. The cache holds the class path as recorded (a relative
# quarkus-run.jar), so a gateway started with it runs from the jar's folder (start_from_jar_folder).
container_aot_cache() { if aot_cache_fresh; then echo "-XX:AOTCache=app.aot"; fi; }
# Runs "$@" (a java command line ending with -jar "$JAR") from the jar's folder, with the jar's relative path.
start_from_jar_folder() {
  local args=("$@")
  args[${#args[@]}-1]="$(basename "$JAR")"
  cd "$(dirname "$JAR")" && exec "${args[@]}"
}

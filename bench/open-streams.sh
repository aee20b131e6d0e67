#!/usr/bin/env bash
# Many long streams open at once (bench/README.md, "Open streams"): STREAMS concurrent streams, each EVENTS
# stamped deltas a second apart, opened RAMP a second, straight to the mock, then through ONE gateway started
# as the container starts it, then through Portkey, all against the same mock in one run. On 127.0.0.1 only;
# every process started here is killed on exit; the table goes to RESULTS.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

# ---- knobs (environment) ---------------------------------------------------------------------
STREAMS="${STREAMS:-9000}"                 # concurrent streams
RAMP="${RAMP:-500}"                        # new connections a second while opening them
EVENTS="${EVENTS:-60}"                     # stamped deltas per stream ...
CHUNK_MS="${CHUNK_MS:-1000}"               # ... this far apart (60 x 1 s: a one-minute stream)
WARM_STREAMS="${WARM_STREAMS:-1000}"       # short streams (5 deltas 20 ms apart) through each proxy first, unrecorded
DIRECT="${DIRECT:-1}"                      # 1: the same load straight to the mock first (what the client and mock add)
PORTKEY="${PORTKEY-/tmp/portkey}"          # Portkey's install folder (npm install --prefix DIR @portkey-ai/gateway@1.15.2); empty: skipped
HISTO="${HISTO:-0}"                        # 1: the gateway's live heap by class (jcmd GC.class_histogram, a full GC) idle and with all streams open
HISTO_DELAY="${HISTO_DELAY:-5}"            # seconds after the last stream opened before that histogram
HISTO_TOP="${HISTO_TOP:-15}"               # classes listed
MOCK_PORT="${MOCK_PORT:-18181}"
GW_PORT="${GW_PORT:-18180}"
PORTKEY_PORT="${PORTKEY_PORT:-18787}"
MOCK_EVENT_LOOPS="${MOCK_EVENT_LOOPS:-2}"
MOCK_JAVA_OPTS="${MOCK_JAVA_OPTS:--XX:+UseSerialGC -Xmx1g}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m}"
GW_EXTRA_PROPS="${GW_EXTRA_PROPS:-}"       # extra -D flags for the gateway, e.g. -Dswitchboard.stream.max-concurrent=12000
RESULTS="${RESULTS:-$BENCH_DIR/results/open-streams.md}"
GW_JAVA_OPTS="${GW_JAVA_OPTS:-}"           # empty: the container's (container_java_opts in bench/lib.sh)
CONTAINER_MEMORY="${CONTAINER_MEMORY:-}"   # empty: the memory limit of k8s/base/deployment.yaml, as -XX:MaxRAM

# ---- prerequisites ---------------------------------------------------------------------------
if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="$(command -v java || true)"; fi
[[ -x "$JAVA" ]] || { echo "no java: set JAVA_HOME to a JDK >= 21" >&2; exit 1; }
JCMD="$(dirname "$JAVA")/jcmd"
command -v curl >/dev/null 2>&1 || { echo "curl is missing" >&2; exit 1; }
for port in "$MOCK_PORT" "$GW_PORT" "$PORTKEY_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is already in use" >&2; exit 1
  fi
done
if [[ -n "$PORTKEY" ]]; then
  PORTKEY_JS="$PORTKEY"
  [[ -d "$PORTKEY" ]] && PORTKEY_JS="$PORTKEY/node_modules/@portkey-ai/gateway/build/start-server.js"
  [[ -f "$PORTKEY_JS" ]] || { echo "PORTKEY: no $PORTKEY_JS (npm install --prefix $PORTKEY @portkey-ai/gateway@1.15.2, or PORTKEY= to skip)" >&2; exit 1; }
  command -v node >/dev/null 2>&1 || { echo "PORTKEY needs node" >&2; exit 1; }
fi
# Each proxied stream holds two sockets in the proxy (client side, upstream side); the JVM raises its soft limit
# of open files to the hard one by itself, Node.js does not: raise it here for every process started below.
NEED_FDS=$((2 * STREAMS + 200))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE="$(ulimit -n)"
if [[ "$NOFILE" != unlimited ]] && ((NOFILE < NEED_FDS)); then
  echo "open files limit $NOFILE < $NEED_FDS (2 x STREAMS + 200): raise it (ulimit -Hn) or lower STREAMS" >&2; exit 1
fi

BENCH_NAME=open-streams
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
[[ -n "$GW_JAVA_OPTS" ]] || GW_JAVA_OPTS="$(container_java_opts)"
GW_MALLOC_ARENA_MAX="${GW_MALLOC_ARENA_MAX-$(dockerfile_env MALLOC_ARENA_MAX)}"
LOAD_START="$(load)"
T_START=$SECONDS

echo "== mock upstream on 127.0.0.1:$MOCK_PORT"
# shellcheck disable=SC2086
"$JAVA" $MOCK_JAVA_OPTS -cp "$(cat "$CP_FILE")" "$BENCH_DIR/MockUpstream.java" "$MOCK_PORT" "$MOCK_EVENT_LOOPS" \
  >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/health" 60 "$MOCK_PID" "$WORK/mock.log"
# The pacing rides on the base URL (the mock's /knobs/ path), so the gateway and Portkey get the same streams.
OPEN_BASE="http://127.0.0.1:$MOCK_PORT/knobs/paced_events=$EVENTS,chunk_delay_ms=$CHUNK_MS/v1"
WARM_BASE="http://127.0.0.1:$MOCK_PORT/knobs/paced_events=5,chunk_delay_ms=20/v1"

STREAM_SECONDS=$(( (EVENTS * CHUNK_MS + 999) / 1000 ))
client() { # tag port path mode streams ramp events [HEADER=VALUE ...]
  local tag="$1" port="$2" path="$3" mode="$4" n="$5" ramp="$6" events="$7"; shift 7
  # shellcheck disable=SC2086
  timeout $((n / ramp + STREAM_SECONDS + 180)) "$JAVA" $CLIENT_JAVA_OPTS "$BENCH_DIR/OpenStreams.java" "$port" "$path" \
    "$mode" "$n" "$ramp" "$events" "$STREAM_SECONDS" "$@" | tee "$WORK/$tag.out"
}
sampler() { # pid file: every second "open files, VmRSS kB" of the process
  while kill -0 "$1" 2>/dev/null; do
    echo "$(ls "/proc/$1/fd" 2>/dev/null | wc -l) $(rss "$1" VmRSS)" >>"$2"
    sleep 1
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, in clock ticks
HZ="$(getconf CLK_TCK)"
histogram() { # pid file: the live heap by class (jcmd forces a full collection first)
  "$JCMD" "$1" GC.class_histogram >"$2" 2>&1 || echo "jcmd GC.class_histogram failed" >>"$2"
}
phase() { # tag pid port path mode [HEADER=VALUE ...]: the recorded load, with the process sampled every second
  local tag="$1" pid="$2"; shift 2
  echo "== [$tag] $STREAMS streams x $EVENTS deltas ${CHUNK_MS} ms apart, opened $RAMP/s"
  local spid=""
  if [[ -n "$pid" ]]; then
    sampler "$pid" "$WORK/$tag.samples" &
    spid=$!
  fi
  local hpid=""
  if [[ "$HISTO" == 1 && "$tag" == gateway ]]; then
    ( until grep -q '^ALL_OPEN' "$WORK/$tag.out" 2>/dev/null; do sleep 0.5; done
      sleep "$HISTO_DELAY"
      histogram "$pid" "$WORK/histo-open.txt"
      curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/q/metrics" | grep -E '^switchboard_streams_active' >"$WORK/histo-open.active" || true
    ) &
    hpid=$!
  fi
  local ticks=0
  [[ -n "$pid" ]] && ticks="$(cpu_ticks "$pid")"
  client "$tag" "$@" "$STREAMS" "$RAMP" "$EVENTS" "${HEADERS[@]}"
  [[ -n "$pid" ]] && echo $(($(cpu_ticks "$pid") - ticks)) >"$WORK/$tag.ticks"
  [[ -n "$hpid" ]] && { wait "$hpid" || true; }
  [[ -n "$spid" ]] && { kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null || true; }
  if [[ -n "$pid" ]]; then rss "$pid" VmHWM >"$WORK/$tag.hwm"; fi
}

HEADERS=()
if [[ "$DIRECT" == 1 ]]; then
  client warm-direct "$MOCK_PORT" "/knobs/paced_events=5,chunk_delay_ms=20/v1/chat/completions" openai \
    "$WARM_STREAMS" 1000 5 >/dev/null
  phase direct "$MOCK_PID" "$MOCK_PORT" "/knobs/paced_events=$EVENTS,chunk_delay_ms=$CHUNK_MS/v1/chat/completions" openai
fi

echo "== gateway on 127.0.0.1:$GW_PORT: $GW_JAVA_OPTS${GW_MALLOC_ARENA_MAX:+ (MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX)}"
provider() { # name base-url
  printf '%s\n' "-Dswitchboard.providers.$1.type=openai" "-Dswitchboard.providers.$1.base-url=$2" \
    "-Dswitchboard.providers.$1.api-key=bench" "-Dswitchboard.providers.$1.model=m"
}
mapfile -t GW_PROPS < <(
  printf '%s\n' "-Dquarkus.http.host=127.0.0.1" "-Dquarkus.http.port=$GW_PORT" "-Dswitchboard.default-provider=open"
  provider open "$OPEN_BASE"
  provider warm "$WARM_BASE")
# shellcheck disable=SC2086
(start_from_jar_folder env ${GW_MALLOC_ARENA_MAX:+MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX} "$JAVA" $GW_JAVA_OPTS \
  "${GW_PROPS[@]}" $GW_EXTRA_PROPS -jar "$JAR") >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/q/health/ready" 90 "$GW_PID" "$WORK/gateway.log"
echo "== [gateway] warm-up: $WARM_STREAMS short streams"
client warm-gateway "$GW_PORT" "/v1/stream?provider=warm" gateway "$WARM_STREAMS" 1000 5 >/dev/null
GW_NOFILE="$(awk '/Max open files/ {print $4}' "/proc/$GW_PID/limits")"
[[ "$HISTO" == 1 ]] && histogram "$GW_PID" "$WORK/histo-idle.txt"
phase gateway "$GW_PID" "$GW_PORT" "/v1/stream" gateway
GW_ALIVE=yes; kill -0 "$GW_PID" 2>/dev/null || GW_ALIVE="no (exited: see the log below)"
curl -sf --max-time 5 "http://127.0.0.1:$GW_PORT/q/metrics" | grep -E '^switchboard_streams_active' >"$WORK/gateway.active-after" || true
tail -5 "$WORK/gateway.log" >"$WORK/gateway.tail"
grep -c 'OutOfMemoryError' "$WORK/gateway.log" >"$WORK/gateway.oom" || true
kill -9 "$GW_PID" 2>/dev/null || true
wait "$GW_PID" 2>/dev/null || true

if [[ -n "$PORTKEY" ]]; then
  echo "== Portkey ($PORTKEY_JS, node $(node --version)) on 127.0.0.1:$PORTKEY_PORT"
  mkdir -p "$WORK/portkey"
  # with bench/portkey-stream-fix.mjs, without which Portkey 1.15.2 answers every stream with a 500 (it says why)
  (cd "$WORK/portkey" && exec node --import "$BENCH_DIR/portkey-stream-fix.mjs" "$PORTKEY_JS" "--port=$PORTKEY_PORT" \
    --headless) >"$WORK/portkey.log" 2>&1 &
  PORTKEY_PID=$!
  PIDS+=("$PORTKEY_PID")
  wait_http "http://127.0.0.1:$PORTKEY_PORT/" 60 "$PORTKEY_PID" "$WORK/portkey.log"
  HEADERS=("Authorization=Bearer bench" "x-portkey-provider=openai" "x-portkey-custom-host=$WARM_BASE")
  client warm-portkey "$PORTKEY_PORT" /v1/chat/completions openai "$WARM_STREAMS" 1000 5 "${HEADERS[@]}" >/dev/null
  HEADERS=("Authorization=Bearer bench" "x-portkey-provider=openai" "x-portkey-custom-host=$OPEN_BASE")
  phase portkey "$PORTKEY_PID" "$PORTKEY_PORT" /v1/chat/completions openai
  kill "$PORTKEY_PID" 2>/dev/null || true
fi
LOAD_END="$(load)"

# ---- summary ---------------------------------------------------------------------------------
kv() { # tag key
  local line; line="$(grep '^OPEN_RESULT' "$WORK/$1.out" 2>/dev/null | tail -1)"
  [[ -n "$line" ]] || { echo "n/a"; return; }
  sed -E "s/.* $2=([^ ]+).*/\1/" <<<" $line"
}
mb() { [[ -s "$1" ]] && awk '{printf "%.0f", $1 / 1024}' "$1" || echo n/a; }
peak_fds() { [[ -s "$WORK/$1.samples" ]] && awk '$1 > m {m = $1} END {print m}' "$WORK/$1.samples" || echo n/a; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || b == "n/a" || a == "" || b == "") print "n/a"; else printf "%+.3f", a - b}'; }
TAGS=(); [[ -f "$WORK/direct.out" ]] && TAGS+=(direct); TAGS+=(gateway); [[ -f "$WORK/portkey.out" ]] && TAGS+=(portkey)
row() { # label, then a command run per tag
  local label="$1"; shift
  local out="| $label |" t
  for t in "${TAGS[@]}"; do out+=" $("$@" "$t") |"; done
  echo "$out"
}
streams_cell() { echo "$(kv "$1" ok) of $(kv "$1" streams)"; }
bad_cell() { echo "$(kv "$1" refused) / $(kv "$1" failed) / $(kv "$1" lost) / $(kv "$1" duplicated) / $(kv "$1" short) / $(kv "$1" unfinished)"; }
delay_cell() { echo "$(kv "$1" mean) / $(kv "$1" p50) / $(kv "$1" p99) / $(kv "$1" p999) / $(kv "$1" max)"; }
added_cell() {
  if [[ "$1" == direct || ! -f "$WORK/direct.out" ]]; then echo "—"; return; fi
  echo "$(minus "$(kv "$1" mean)" "$(kv direct mean)") / $(minus "$(kv "$1" p99)" "$(kv direct p99)")"
}
rss_cell() { echo "$(mb "$WORK/$1.hwm")"; }
fds_cell() { peak_fds "$1"; }
cpu_cell() { # the process's CPU time over the phase per delta the client received
  [[ -s "$WORK/$1.ticks" ]] || { echo n/a; return; }
  awk -v t="$(cat "$WORK/$1.ticks")" -v hz="$HZ" -v d="$(kv "$1" deltas)" 'BEGIN {if (d > 0) printf "%.0f (%.1f s in all)", t / hz * 1e6 / d, t / hz; else printf "n/a (%.1f s in all)", t / hz}'
}
peak_cell() { kv "$1" peak_open; }
verdict() { # tag
  local bad; bad="$(awk -v a="$(kv "$1" refused)" -v b="$(kv "$1" failed)" -v c="$(kv "$1" lost)" -v d="$(kv "$1" duplicated)" \
    -v e="$(kv "$1" unfinished)" 'BEGIN {print a + b + c + d + e}')"
  [[ "$(kv "$1" ok)" == "$STREAMS" && "$bad" == 0 ]] && echo PASS || echo FAIL
}
histo_section() {
  [[ -s "$WORK/histo-idle.txt" && -s "$WORK/histo-open.txt" ]] || return 0
  local open; open="$(awk '{print $2}' "$WORK/histo-open.active" 2>/dev/null | head -1)"
  [[ -n "$open" ]] || open="$STREAMS"
  echo
  echo "### The gateway's live heap per open stream"
  echo
  echo "\`jcmd PID GC.class_histogram\` (live objects, after a full collection) once idle after the warm-up and once ${HISTO_DELAY} s after the last stream opened, with \`switchboard_streams_active\` = ${open%.*}; the difference divided by that count. Top $HISTO_TOP classes by bytes added:"
  echo
  awk -v n="$open" -v top="$HISTO_TOP" '
    FNR == 1 {file++}
    $1 ~ /^[0-9]+:$/ {
      if (file == 1) {bi[$4] = $2; bb[$4] = $3} else {oi[$4] = $2; ob[$4] = $3}
    }
    $1 == "Total" {if (file == 1) bt = $3; else ot = $3}
    END {
      printf "live heap: %.1f MB idle, %.1f MB with the streams open: **%.0f bytes per open stream**\n\n", bt / 1048576, ot / 1048576, (ot - bt) / n
      print "| class | instances per stream | bytes per stream |"
      print "|---|---|---|"
      for (c in ob) d[c] = ob[c] - bb[c]
      for (k = 0; k < top; k++) {
        best = ""; m = -1e18
        for (c in d) if (d[c] > m) {m = d[c]; best = c}
        if (best == "") break
        printf "| `%s` | %.2f | %.0f |\n", best, (oi[best] - bi[best]) / n, m / n
        delete d[best]
      }
    }' "$WORK/histo-idle.txt" "$WORK/histo-open.txt"
}

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Open streams — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`STREAMS=$STREAMS RAMP=$RAMP EVENTS=$EVENTS CHUNK_MS=$CHUNK_MS bench/open-streams.sh\`$([[ -n "$GW_EXTRA_PROPS" ]] && echo " with \`GW_EXTRA_PROPS=$GW_EXTRA_PROPS\`"); $(( (SECONDS - T_START) / 60 )) min $(( (SECONDS - T_START) % 60 )) s."
  echo
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM; load average at start $LOAD_START, at end $LOAD_END (client, mock and proxy share the CPUs)"
  echo "- gateway: commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' + uncommitted changes'), $("$JAVA" -version 2>&1 | head -1); \`$GW_JAVA_OPTS\`${GW_MALLOC_ARENA_MAX:+, MALLOC_ARENA_MAX=$GW_MALLOC_ARENA_MAX}; open files limit $GW_NOFILE; still alive after the load: $GW_ALIVE$([[ "$(cat "$WORK/gateway.oom" 2>/dev/null || echo 0)" != 0 ]] && echo ", **OutOfMemoryError in its log**")"
  echo "- each stream: \`POST\`, then the first recorded chunk and $EVENTS deltas ${CHUNK_MS} ms apart, each stamped by the mock; $STREAMS streams opened $RAMP/s on their own connections; after $WARM_STREAMS unrecorded short streams per proxy"
  echo
  echo "| | $(printf '%s | ' "${TAGS[@]}" | sed 's/ | $//') |"
  echo "|---|$(printf -- '---|%.0s' "${TAGS[@]}")"
  row "streams answered 200 with exactly one terminal event and every delta" streams_cell
  row "refused (HTTP ≠ 200) / failed / lost (no terminal event) / duplicated (> 1 terminal event or delta) / fewer deltas / still open at the deadline" bad_cell
  row "verdict (all $STREAMS ok, none refused, failed, lost or duplicated)" verdict
  row "peak streams open at once (client's count)" peak_cell
  row "per-delta delay, mock's write to the client's read (mean / p50 / p99 / p99.9 / max, ms)" delay_cell
  row "added per delta over direct at this concurrency (mean / p99, ms)" added_cell
  row "peak RSS of the process (VmHWM, MB)" rss_cell
  row "peak open files of the process" fds_cell
  row "CPU time of the process over the phase per delta received (µs; opening the streams included)" cpu_cell
  histo_section
  echo
  echo "<details><summary>raw output</summary>"
  echo
  echo '```'
  for t in "${TAGS[@]}"; do echo "[$t]"; grep -v '^t=' "$WORK/$t.out" || true; done
  echo "[gateway log, last lines]"; cat "$WORK/gateway.tail"
  echo '```'
  echo "</details>"
} >"$RESULTS"
echo
cat "$RESULTS"
echo
echo "(written to ${RESULTS#"$ROOT"/})"

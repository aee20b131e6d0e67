#!/usr/bin/env bash
# Performance at scale in one run (bench/README.md, "Performance at scale"): the five figures on one build, each
# script after the other so that none shares the CPUs with another, and one summary of them against their targets:
#   1. open streams: bench/open-streams.sh, STREAMS one-minute streams through one gateway started as the container
#      starts it, and through Portkey;
#   2. the soak: bench/soak.sh, SOAK_MINUTES of mixed traffic at SOAK_RATE requests a second;
#   3. governance on: bench/run.sh with KEYS_ONLY=1, the virtual key against gateway-key requests to the same
#      process in interleaved rounds (throughput, p99 at 800 req/s), the plain run of the same call beside it;
#   4. per chunk: the gateway's added delay minus socat's in the same run (bench/run.sh's relay rows);
#   5. start-up with the image's AOT cache: bench/aot-cache.sh, then bench/run.sh's two start-up rows.
# Each script writes its own table; RESULTS gets the summary, then those tables. About an hour with the defaults.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

PORTKEY="${PORTKEY-/tmp/portkey}"          # Portkey's install folder (bench/README.md); empty: compared with nothing
STREAMS="${STREAMS:-9000}"
SOAK_MINUTES="${SOAK_MINUTES:-30}"
SOAK_RATE="${SOAK_RATE:-500}"
RESULTS="${RESULTS:-$BENCH_DIR/results/scale.md}"
PARTS="$(mktemp -d /tmp/switchboard-scale.XXXXXX)"
trap 'rm -rf "$PARTS"' EXIT
T_START=$SECONDS
STARTED="$(date -u '+%Y-%m-%d %H:%M')"

# A part that fails leaves its figure n/a; the others still run.
part() { # name, then the command (environment assignments first)
  local name="$1"; shift
  echo
  echo "=== $name ($(date -u +%H:%M) UTC)"
  env "$@" || echo "=== $name failed: its figure is n/a"
}
# RATE means the constant-rate phase to run.sh and the soak's rate to soak.sh: each gets its own
part "the AOT cache for this build" bash "$BENCH_DIR/aot-cache.sh"
part "bench/run.sh" -u RATE PORTKEY="$PORTKEY" FEATURES=1 RESULTS="$PARTS/run.md" bash "$BENCH_DIR/run.sh"
part "bench/run.sh, the virtual key alone" -u RATE PORTKEY= KEYS_ONLY=1 FEATURES=1 STARTUP_RUNS=0 RELAY=0 \
  STREAM_THROUGHPUT=0 RESULTS="$PARTS/keys.md" bash "$BENCH_DIR/run.sh"
part "bench/open-streams.sh" STREAMS="$STREAMS" PORTKEY="$PORTKEY" RESULTS="$PARTS/open.md" \
  bash "$BENCH_DIR/open-streams.sh"
part "bench/soak.sh" SOAK_MINUTES="$SOAK_MINUTES" RATE="$SOAK_RATE" RESULTS="$PARTS/soak.md" \
  bash "$BENCH_DIR/soak.sh"

# ---- the five figures, read from the parts' tables ---------------------------------------------
cell() { # file, the row's first cell (its start), column (1: that first cell)
  [[ -f "$1" ]] || return 0
  grep -F -m1 "| $2" "$1" | awk -F'|' -v c="$(($3 + 1))" '{gsub(/^ +| +$/, "", $c); print $c}'
}
num() { grep -oE -- '-?[0-9]+(\.[0-9]+)?' <<<"$1" | sed -n "${2}p"; } # text, which number (1: the first)
calc() { awk "BEGIN { printf \"${2:-%.3f}\", $1 }"; } # expression [printf format]
holds() { awk "BEGIN { exit !($1) }" && echo PASS || echo MISS; }

# 1. open streams
gw_ok="$(cell "$PARTS/open.md" "streams answered 200" 3)"
gw_verdict="$(cell "$PARTS/open.md" "verdict (all" 3)"
gw_added="$(cell "$PARTS/open.md" "added per delta over direct" 3)"
gw_rss="$(cell "$PARTS/open.md" "peak RSS of the process" 3)"
pk_ok="$(cell "$PARTS/open.md" "streams answered 200" 4)"
pk_failed="$(cell "$PARTS/open.md" "refused (HTTP" 4)"
pk_rss="$(cell "$PARTS/open.md" "peak RSS of the process" 4)"
if [[ -n "$gw_verdict" ]]; then
  f1="gateway $gw_ok ok ($gw_verdict), added a delta $gw_added ms (mean / p99), peak RSS $gw_rss MB"
  [[ -n "$pk_ok" ]] && f1="$f1; Portkey $pk_ok ok (refused / failed / lost / duplicated / short / unfinished: $pk_failed), $pk_rss MB"
  v1="$([[ "$gw_verdict" == PASS ]] && holds "$gw_rss <= 400")"
else f1="n/a"; v1="n/a"; fi

# 2. soak
if [[ -f "$PARTS/soak.md" ]]; then
  criteria="$(grep -cE '^\| .* \| (PASS|FAIL) ' "$PARTS/soak.md" || true)"
  failed="$(grep -cE '^\| .* \| FAIL ' "$PARTS/soak.md" || true)"
  f2="$((criteria - failed)) of $criteria criteria hold; $(cell "$PARTS/soak.md" "RSS at the end within" 2)"
  v2="$( ((criteria > 0 && failed == 0)) && echo PASS || echo MISS)"
else f2="n/a"; v2="n/a"; fi

# 3. governance on
plain_rps="$(cell "$PARTS/keys.md" '`/v1/generate` throughput (req/s)' 2)"
key_rps="$(cell "$PARTS/keys.md" '`/v1/generate` throughput (req/s)' 3)"
plain_p99="$(cell "$PARTS/keys.md" "added p99 at 800 req/s (ms)" 2)"
key_p99="$(cell "$PARTS/keys.md" "added p99 at 800 req/s (ms)" 3)"
# one process, gateway-key against virtual-key requests in interleaved rounds (bench/run.sh says why); the two
# runs' figures beside them
ab_plain_rps="$(cell "$PARTS/keys.md" '`/v1/generate` throughput, one process' 2)"
ab_key_rps="$(cell "$PARTS/keys.md" '`/v1/generate` throughput, one process' 3)"
ab_p99="$(cell "$PARTS/keys.md" "virtual key minus gateway key" 3)"
ab_added="$(cell "$PARTS/keys.md" "added p50 / p99 at" 2) against $(cell "$PARTS/keys.md" "added p50 / p99 at" 3)"
if [[ -n "$ab_key_rps" && -n "$ab_p99" && "$ab_p99" != n/a ]]; then
  share="$(calc "100 * $ab_key_rps / $ab_plain_rps" %.1f)"
  f3="one process: $ab_key_rps vs $ab_plain_rps req/s ($share %), p99 at 800 req/s virtual key minus gateway key"
  f3="$f3 $(calc "$ab_p99" %+.3f) ms (added p50 / p99: gateway key $ab_added ms with the key);"
  f3="$f3 the two runs: $key_rps vs $plain_rps req/s ($(calc "100 * $key_rps / $plain_rps" %.1f) %), added p99"
  f3="$f3 $key_p99 vs $plain_p99 ms"
  v3="$(holds "$share >= 80 && $ab_p99 <= 1")"
else f3="n/a"; v3="n/a"; fi

# 4. per chunk minus socat
one="$(cell "$PARTS/run.md" "added per streamed chunk, 1 stream" 2)"
sixteen="$(cell "$PARTS/run.md" "added per streamed chunk, 16 streams" 2)"
socat="$(cell "$PARTS/run.md" "one more hop at its cheapest" 2)"
if [[ -n "$one" && -n "$socat" ]]; then
  d1="$(calc "$(num "$one" 1) - $(num "$socat" 1)")"
  d16="$(calc "$(num "$sixteen" 1) - $(num "$socat" 3)")"
  f4="1 stream: $(num "$one" 1) − $(num "$socat" 1) = $d1 ms; 16 streams: $(num "$sixteen" 1) − $(num "$socat" 3) = $d16 ms"
  v4="$(holds "$d1 <= 0.1 && $d16 <= 0.05")"
else f4="n/a (no socat row: apt-get install -y socat)"; v4="n/a"; fi

# 5. start-up
cached="$(cell "$PARTS/run.md" "start-up with the AOT cache" 2)"
plain="$(cell "$PARTS/run.md" "start-up to the first proxied" 2)"
c1="$(cell "$PARTS/run.md" "the same with the JIT's first compiler only" 2)"
if [[ -n "$cached" && "$(num "$cached" 1)" != "" ]]; then
  f5="$cached; plain \`java -jar\` $plain${c1:+; with the cache and C1 alone (not shipped) $c1}"
  v5="$(holds "$(num "$cached" 1) <= 1000")"
  # run.sh's row gives the floor: the start's CPU spread over every core
  floor5="$(grep -oE 'no less than [0-9]+' <<<"$cached" | grep -oE '[0-9]+')"
  if [[ "$v5" == MISS ]] && ((${floor5:-0} > 1000)); then v5="MISS (floor: its CPU ÷ $(nproc) cores = $floor5 ms)"; fi
else f5="n/a"; v5="n/a"; fi

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# Performance at scale — $STARTED UTC"
  echo
  echo "Command: \`$( [[ -n "$PORTKEY" ]] && echo "PORTKEY=$PORTKEY ")STREAMS=$STREAMS SOAK_MINUTES=$SOAK_MINUTES SOAK_RATE=$SOAK_RATE bench/scale.sh\`; $(((SECONDS - T_START) / 60)) min, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)'), $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)."
  echo
  echo "| figure | measured | target | |"
  echo "|---|---|---|---|"
  echo "| 1. open streams: $STREAMS × one minute, a delta a second, one instance started as the container starts it (bench/open-streams.sh) | $f1 | every stream ok, peak RSS ≤ 400 MB | $v1 |"
  echo "| 2. soak: $SOAK_MINUTES min of mixed traffic at $SOAK_RATE req/s (bench/soak.sh) | $f2 | every criterion | $v2 |"
  echo "| 3. governance on: a virtual key with rpm, tpm and a budget on Redis, against the plain run (bench/run.sh, KEYS_ONLY=1) | $f3 | ≥ 80 % of the throughput, ≤ +1 ms p99 | $v3 |"
  echo "| 4. per chunk, the gateway's added delay minus socat's in the same run (bench/run.sh) | $f4 | ≤ 0.1 ms at 1 stream, ≤ 0.05 ms at 16 | $v4 |"
  echo "| 5. start-up to the first proxied request with the image's AOT cache and options, median of 5 (bench/run.sh) | $f5 | ≤ 1,000 ms | $v5 |"
  for part in run keys open soak; do
    [[ -f "$PARTS/$part.md" ]] || continue
    echo
    sed 's/^#/##/' "$PARTS/$part.md"   # one level down: under the summary's title
  done
} >"$RESULTS"
echo
sed -n '1,/^| 5\./p' "$RESULTS"
echo "(written to ${RESULTS#"$ROOT"/})"

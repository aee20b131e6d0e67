#!/usr/bin/env bash
# Records the JDK's AOT cache (JDK 25: -XX:AOTCacheOutput) of the gateway over a start and real requests:
#
#   docker/train-aot-cache.sh CACHE COMMAND...
#
# COMMAND starts the packaged gateway exactly as it will run later (the same java, JVM options, jar path and working
# directory: the JVM refuses a cache recorded with another heap layout, class path or JDK build), e.g.
#   docker/train-aot-cache.sh app.aot java -XX:+UseSerialGC -Xmx128m -jar quarkus-run.jar
# The image build runs it with the image's own launcher (docker/Dockerfile.jvm), ./mvnw verify with the packaged jar
# (AotCacheTrainingIT), bench/aot-cache.sh for the benchmark. The recording option reaches the JVM through
# JDK_JAVA_OPTIONS, which the java launcher reads whatever script starts it; the gateway's settings through
# environment variables (SWITCHBOARD_*, QUARKUS_HTTP_PORT).
#
# The gateway is its own upstream: provider "openai" (type openai) and provider "anthropic" (type anthropic) call
# this same process's /v1/chat/completions and /v1/messages, which answer from provider "mock". So the recording
# covers every door, generate and stream, the upstream HTTP client and both dialects' parsers, with nothing but the
# jar (the runtime image has no compiler for bench/MockUpstream.java, and the build context holds only the jar).
# Needs curl. TRAIN_PORT (18090) is the port; TRAIN_ROUNDS (50) the rounds of requests; AOT_TRAINING=1 keeps the
# JIT's method profiles in the cache (docs/performance.md, "Start-up", says why they are left out by default).
set -euo pipefail

(($# >= 2)) || { echo "usage: $0 CACHE COMMAND..." >&2; exit 2; }
CACHE="$1"
shift
PORT="${TRAIN_PORT:-18090}"
ROUNDS="${TRAIN_ROUNDS:-50}"
URL="http://127.0.0.1:$PORT"
LOG="$(mktemp "${TMPDIR:-/tmp}/switchboard-aot-training.XXXXXX")"

rm -f "$CACHE"
RECORD="-XX:AOTCacheOutput=$CACHE"
[[ "${AOT_TRAINING:-0}" == 1 ]] || RECORD="$RECORD -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"

export JDK_JAVA_OPTIONS="${JDK_JAVA_OPTIONS:+$JDK_JAVA_OPTIONS }$RECORD"
export QUARKUS_HTTP_PORT="$PORT" QUARKUS_SHUTDOWN_DELAY_ENABLED=false
export SWITCHBOARD_DEFAULT_PROVIDER=openai
export SWITCHBOARD_PROVIDERS_MOCK_TYPE=mock SWITCHBOARD_PROVIDERS_MOCK_MODEL=mock-1
export SWITCHBOARD_PROVIDERS_OPENAI_TYPE=openai SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL="$URL/v1" \
  SWITCHBOARD_PROVIDERS_OPENAI_API_KEY=training SWITCHBOARD_PROVIDERS_OPENAI_MODEL=mock
export SWITCHBOARD_PROVIDERS_ANTHROPIC_TYPE=anthropic SWITCHBOARD_PROVIDERS_ANTHROPIC_BASE_URL="$URL" \
  SWITCHBOARD_PROVIDERS_ANTHROPIC_API_KEY=training SWITCHBOARD_PROVIDERS_ANTHROPIC_MODEL=mock

"$@" >"$LOG" 2>&1 &
APP=$!
fail() {
  echo "AOT cache training: $1 (the gateway's output follows)" >&2
  tail -40 "$LOG" >&2
  kill -KILL "$APP" 2>/dev/null || true
  rm -f "$LOG"
  exit 1
}
trap 'fail "interrupted"' INT TERM

for ((i = 0; ; i++)); do
  kill -0 "$APP" 2>/dev/null || fail "the gateway exited while starting"
  curl -sf -o /dev/null --max-time 2 "$URL/q/health/ready" && break
  ((i < 600)) || fail "not ready within 60 s"
  sleep 0.1
done

post() { # path body
  curl -sf -o /dev/null --max-time 10 -H 'Content-Type: application/json' -d "$2" "$URL$1" \
    || fail "POST $1 failed"
}
ASK='"messages":[{"role":"user","content":"What is 4200 + 42?"}]'
for ((i = 0; i < ROUNDS; i++)); do
  post /v1/generate "{$ASK,\"max_tokens\":64}"
  post /v1/stream "{$ASK,\"max_tokens\":64}"
  post /v1/generate "{\"model\":\"anthropic\",$ASK}"
  post /v1/stream "{\"model\":\"anthropic\",$ASK}"
  post /v1/chat/completions "{\"model\":\"openai\",$ASK}"
  post /v1/chat/completions "{\"model\":\"openai\",\"stream\":true,$ASK}"
  post /v1/messages "{\"model\":\"anthropic\",\"max_tokens\":64,$ASK}"
  post /v1/messages "{\"model\":\"anthropic\",\"max_tokens\":64,\"stream\":true,$ASK}"
  post /v1/responses "{\"model\":\"openai\",\"store\":false,\"input\":\"What is 4200 + 42?\"}"
  post /v1/responses "{\"model\":\"openai\",\"store\":false,\"stream\":true,\"input\":\"What is 4200 + 42?\"}"
  post "/v1beta/models/openai:generateContent" '{"contents":[{"role":"user","parts":[{"text":"What is 4200 + 42?"}]}]}'
  post "/v1beta/models/openai:streamGenerateContent?alt=sse" \
    '{"contents":[{"role":"user","parts":[{"text":"What is 4200 + 42?"}]}]}'
done

# The JVM writes the cache as it exits: a clean stop (SIGTERM), then the time the writing takes.
trap - INT TERM
kill -TERM "$APP"
status=0
wait "$APP" || status=$?
# 143: stopped by the SIGTERM
((status == 0 || status == 143)) || fail "the gateway exited with status $status"
[[ -s "$CACHE" ]] || fail "no cache written to $CACHE"
rm -f "$LOG"
echo "AOT cache training: $CACHE ($(du -k "$CACHE" | cut -f1) kB) over $ROUNDS rounds of every door"

-- Shared by every script: a one-line machine-readable summary after wrk's own report.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("WRK_RESULT rps=%.1f requests=%d errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
      summary.requests / (summary.duration / 1e6), summary.requests, errors, summary.errors.status,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

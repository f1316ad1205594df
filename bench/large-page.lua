-- wrk script for bench/large: GET one fixed path (BENCH_PATH, e.g. a keyset page) with the bearer token;
-- prints percentiles in the same line format as large-search.lua.
local path

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  path = os.getenv("BENCH_PATH")
end

function request()
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("large: p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

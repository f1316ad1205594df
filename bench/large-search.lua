-- wrk script for bench/large: GET BENCH_PREFIX .. <random term> .. BENCH_SUFFIX with the bearer token, the
-- terms being the first column of BENCH_TERMS (url-encoded, taken from the loaded data); prints percentiles.
local terms = {}
local prefix, suffix

function setup(thread)
  thread:set("seed", math.random(1, 2^30))
end

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  prefix = os.getenv("BENCH_PREFIX")
  suffix = os.getenv("BENCH_SUFFIX") or ""
  for line in io.lines(os.getenv("BENCH_TERMS")) do
    local term = line:match("^([^\t]+)")
    if term then terms[#terms + 1] = term end
  end
  assert(#terms > 0, "no terms in " .. os.getenv("BENCH_TERMS"))
  math.randomseed(seed + os.time())
end

function request()
  return wrk.format("GET", prefix .. terms[math.random(#terms)] .. suffix)
end

function done(summary, latency, requests)
  -- One parseable line; wrk reports latency in microseconds.
  io.write(string.format("large: p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

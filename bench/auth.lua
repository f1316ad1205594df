-- wrk script: a plain GET carrying the bearer token.
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end

-- wrk script: POST the Ledger fixture with a fresh account and invoice number on every request, so each
-- request archives a new snapshot (34 line items) instead of hitting the 409 path.
local counter = 0
local threads = 0
local template

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  local f = assert(io.open(os.getenv("BENCH_FIXTURE"), "rb"))
  template = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end

function request()
  counter = counter + 1
  local account = "B" .. tid .. "x" .. os.getenv("BENCH_RUN") .. "x" .. counter
  local body = template:gsub('"company_account_number": "620547"', '"company_account_number": "' .. account .. '"', 1)
  body = body:gsub('"invoice_number": "620547%-202510"', '"invoice_number": "' .. account .. '-202510"', 1)
  return wrk.format(nil, nil, nil, body)
end

-- wrk script: POST a Solaris payload (file in HOOKSCOPE_BENCH_BODY, its event type in
-- HOOKSCOPE_BENCH_EVENT, default IDENTIFICATION) to /hooks/<type> and count 2xx and other
-- answers across all threads, printed as one BENCH line for run.sh to parse.
local file = assert(io.open(assert(os.getenv("HOOKSCOPE_BENCH_BODY")), "rb"))
local event = os.getenv("HOOKSCOPE_BENCH_EVENT") or "IDENTIFICATION"
wrk.method = "POST"
wrk.path = "/hooks/" .. string.lower(event)
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Solaris-Webhook-Event-Type"] = event

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   ok = 0
   other = 0
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local ok_total, other_total = 0, 0
   for _, thread in ipairs(threads) do
      ok_total = ok_total + thread:get("ok")
      other_total = other_total + thread:get("other")
   end
   local e = summary.errors
   io.write(string.format(
      "BENCH ok=%d other=%d requests=%d duration_us=%d connect=%d read=%d write=%d timeout=%d "
         .. "p50_us=%d p99_us=%d\n",
      ok_total, other_total, summary.requests, summary.duration, e.connect, e.read, e.write,
      e.timeout, latency:percentile(50), latency:percentile(99)))
end

-- wrk script: every request gets its own query string (?uncached=N), so the output cache never answers and each
-- response is rendered afresh (and stored once), which is what an uncached page costs. Usage:
--   wrk -t2 -c64 -d10s --latency -s tests/NewsTracker.Benchmarks/load/uncached.lua http://127.0.0.1:5098/actors/1
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("offset", threads * 100000000)
end

function init(args)
    counter = offset
end

function request()
    counter = counter + 1
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. separator .. "uncached=" .. counter)
end

-- wrk script: every request asks for a different page of events (a random 'since' day between
-- 2000 and 2025), so that the server's page cache rarely helps: the cost of a page read from
-- the store.
math.randomseed(7)
local start = os.time({ year = 2000, month = 1, day = 1, hour = 12 })
request = function()
  local day = os.date("!%Y-%m-%d", start + math.random(0, 25 * 365) * 86400)
  return wrk.format("GET", "/api/events?since=" .. day)
end

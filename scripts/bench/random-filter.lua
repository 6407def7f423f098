-- wrk script: a different agenda filter on every request (age in months, weekday, wijk, free, activity type),
-- so nearly every request is one the output cache has not seen: about 116,000 combinations.
-- The path comes from the environment: BENCH_PATH=/agenda or /agenda.ics.
local path = os.getenv("BENCH_PATH") or "/agenda"
local days = { "", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag" }
local wijken = { "", "den-haag/schilderswijk", "den-haag/moerwijk", "den-haag/laakkwartier-spoorwijk",
  "amsterdam/slotervaart-noord", "groningen/noord", "zwolle/aa-landen", "zwolle/holtenbroek", "zwolle/zwolle-zuid" }
local types = { "", "babybootcamp", "taalplezier", "peutergedrag", "samen-zingen", "spelinloop", "koffieochtend",
  "voorlezen", "bewegen", "ouderbijeenkomst" }

-- A new sequence every run: with a fixed seed, the second run of a scenario asked exactly the first run's addresses,
-- each then a second request (stored in the output cache, Site:PageCacheQueriesWhenRepeated) instead of a first.
-- BENCH_SEED repeats a run's sequence when that is what is wanted.
math.randomseed(tonumber(os.getenv("BENCH_SEED") or "") or (os.time() + math.floor(os.clock() * 1000000)))

request = function()
  local q = "leeftijd=" .. math.random(0, 72) .. "&eenheid=maanden"
  local day = days[math.random(#days)]
  if day ~= "" then q = q .. "&dag=" .. day end
  local wijk = wijken[math.random(#wijken)]
  if wijk ~= "" then q = q .. "&wijk=" .. wijk end
  local soort = types[math.random(#types)]
  if soort ~= "" then q = q .. "&soort=" .. soort end
  if math.random(2) == 1 then q = q .. "&gratis=ja" end
  return wrk.format("GET", path .. "?" .. q)
end

-- Every answer must be a page, not an error: count the others.
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-200: %d\n", bad))
end

/**
 * The account budget's Lua scripts: each runs atomically in Redis and reads the time from
 * Redis (`TIME`), so every process spends one bucket on one clock. The learning follows the
 * per-process `RateCap` (src/partner-center/resilience/rate-cap.ts), measured over the calls
 * every process was granted. Numbers go back as strings: Redis would cut Lua numbers to integers.
 *
 * Fields of the hash: `rate` (calls/s when last set), `ceiling` (the rate last seen throttled),
 * `setAt` (when `rate` was set), `tokens`/`tokensAt` (the bucket every call spends),
 * `bulk`/`bulkAt` (bulk work's own bucket, filled at the share interactive work leaves),
 * `held` (no call before this, epoch ms), `count`/`firstAt` (calls granted since, for
 * measuring) and `lastInteractive` (when interactive work was last granted).
 */
const COMMON = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local key = KEYS[1]
local function currentPace(rate, ceiling, setAt)
  if not rate then return nil end
  if now - setAt > 600000 then return nil end
  local seconds = math.max(0, now - setAt) / 1000
  local target = ceiling * 0.955
  if rate >= target then return rate * (1 + 0.0005 * seconds) end
  local recovering = rate * math.pow(1.25, seconds)
  if recovering <= target then return recovering end
  local reachedAfter = math.log(target / rate) / math.log(1.25)
  return target * (1 + 0.0005 * (seconds - reachedAfter))
end
local function paceText(pace)
  if pace then return tostring(pace) end
  return ''
end
`;

/**
 * KEYS[1] the budget; ARGV workClass, want, interactiveShare. Returns granted, waitMs,
 * heldForMs, pace ('' none), yielding, firstAtMs, spacingMs. Calls may be granted a little
 * ahead of their turn (50 ms of the pace for interactive work, 20 ms for bulk), each with the
 * time it may go (the first after `firstAtMs`, the others `spacingMs` apart): a process asks
 * for its next calls while the last ones go, and the account still never exceeds the pace.
 * Bulk work reaches less far ahead, so an order form always finds a turn before it.
 */
export const TAKE_SCRIPT = `${COMMON}
local workClass = ARGV[1]
local want = tonumber(ARGV[2])
local share = tonumber(ARGV[3])
local f = redis.call('HMGET', key, 'rate', 'ceiling', 'setAt', 'tokens', 'tokensAt', 'bulk', 'bulkAt', 'held', 'count', 'firstAt', 'lastInteractive')
local held = tonumber(f[8]) or 0
local pace = currentPace(tonumber(f[1]), tonumber(f[2]) or 0, tonumber(f[3]) or 0)
if held > now then return {0, tostring(held - now), tostring(held - now), paceText(pace), 0, '0', '0'} end
local granted = want
local wait = 0
local yielding = 0
local firstAt = 0
local spacing = 0
local ahead = 0.05
if workClass == 'bulk' then ahead = 0.02 end
if pace then
  local burst = math.max(1, pace * 0.05)
  local tokens = tonumber(f[4]) or burst
  local at = tonumber(f[5]) or now
  if now > at then
    tokens = math.min(burst, tokens + (now - at) * pace / 1000)
    at = now
  end
  if workClass == 'bulk' then
    local bulkPace = pace * (1 - share)
    local bulkBurst = math.max(1, burst * (1 - share))
    local bulk = tonumber(f[6]) or bulkBurst
    local bulkAt = tonumber(f[7]) or now
    if now > bulkAt then
      bulk = math.min(bulkBurst, bulk + (now - bulkAt) * bulkPace / 1000)
      bulkAt = now
    end
    granted = math.max(0, math.min(want, math.floor(tokens + pace * ahead), math.floor(bulk + bulkPace * ahead)))
    if granted == 0 then
      wait = math.max(0, (1 - pace * ahead - tokens) * 1000 / pace, (1 - bulkPace * ahead - bulk) * 1000 / bulkPace)
      if now - (tonumber(f[11]) or 0) < 1000 then yielding = 1 end
    else
      firstAt = math.max(0, (1 - tokens) * 1000 / pace, (1 - bulk) * 1000 / bulkPace)
      spacing = 1000 / bulkPace
    end
    bulk = bulk - granted
    redis.call('HSET', key, 'bulk', tostring(bulk), 'bulkAt', tostring(bulkAt))
  else
    granted = math.max(0, math.min(want, math.floor(tokens + pace * ahead)))
    if granted == 0 then
      wait = math.max(0, (1 - pace * ahead - tokens) * 1000 / pace)
    else
      firstAt = math.max(0, (1 - tokens) * 1000 / pace)
      spacing = 1000 / pace
    end
  end
  redis.call('HSET', key, 'tokens', tostring(tokens - granted), 'tokensAt', tostring(at))
end
if granted > 0 then
  local count = tonumber(f[9]) or 0
  local firstAt = tonumber(f[10])
  if not firstAt or now - firstAt > 2000 then
    -- Keep about the last second's worth: the rate just before a 429 is what it says about the limit.
    if firstAt and now - firstAt <= 4000 then
      count = count * 1000 / (now - firstAt)
      firstAt = now - 1000
    else
      count = 0
      firstAt = now
    end
  end
  redis.call('HSET', key, 'count', tostring(count + granted), 'firstAt', tostring(firstAt))
  if workClass == 'interactive' then redis.call('HSET', key, 'lastInteractive', tostring(now)) end
end
redis.call('PEXPIRE', key, 600000)
return {granted, tostring(math.ceil(wait)), '0', paceText(pace), yielding, tostring(firstAt), tostring(spacing)}
`;

/** KEYS[1] the budget; ARGV retryAfterMs, saturated ('1' or '0'). Returns the pace ('' none). */
export const HOLD_SCRIPT = `${COMMON}
local untilAt = now + tonumber(ARGV[1])
local saturated = ARGV[2] == '1'
local f = redis.call('HMGET', key, 'rate', 'ceiling', 'setAt', 'held', 'count', 'firstAt')
local rate = tonumber(f[1])
local ceiling = tonumber(f[2]) or 0
local setAt = tonumber(f[3]) or 0
local held = tonumber(f[4]) or 0
local pace = currentPace(rate, ceiling, setAt)
if untilAt <= now or untilAt <= held then return {paceText(pace)} end
-- Only a 429 for a call sent after the last window says anything new about the rate.
if now >= held then
  if not pace then rate = nil end
  if saturated then
    local count = tonumber(f[5]) or 0
    local firstAt = tonumber(f[6])
    local span = 0
    if firstAt then span = now - firstAt end
    local measured = nil
    if count >= 10 and span > 0 then measured = count * 1000 / span end
    local trusted = pace ~= nil and measured ~= nil and span >= 1000
    local bound = nil
    if trusted then bound = math.min(pace, measured) elseif pace then bound = pace else bound = measured end
    if bound then
      ceiling = bound
      if trusted then rate = bound * 0.9 else rate = bound * 0.5 end
    end
  end
  if rate then
    rate = math.max(1, rate)
    redis.call('HSET', key, 'rate', tostring(rate), 'ceiling', tostring(ceiling), 'setAt', tostring(untilAt))
  end
  redis.call('HSET', key, 'tokens', '0', 'tokensAt', tostring(untilAt), 'bulk', '0', 'bulkAt', tostring(untilAt),
    'count', '0', 'firstAt', tostring(untilAt))
  if rate then pace = rate else pace = nil end
end
redis.call('HSET', key, 'held', tostring(untilAt))
redis.call('PEXPIRE', key, 600000 + tonumber(ARGV[1]))
return {paceText(pace)}
`;

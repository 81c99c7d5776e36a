import { MAX_RETRY_AFTER_SECONDS } from '../partner-center/client/answer-reading';

/** The longest hold this gateway writes, in ms: the longest Retry-After it honours. */
const MAX_HOLD_MS = MAX_RETRY_AFTER_SECONDS * 1000;

/**
 * The account budget's Lua scripts: each runs atomically in Redis and reads the time from
 * Redis (`TIME`), so every process spends one schedule on one clock. The learning follows the
 * per-process `RateCap` (src/partner-center/resilience/rate-cap.ts), measured over the calls
 * every process was granted. Numbers go back as strings: Redis would cut Lua numbers to integers.
 *
 * Fields of the hash: `rate` (calls/s when last set), `ceiling` (the rate last seen throttled
 * after a second of pacing; 0 while none has been), `setAt` (when `rate` was set), `tat` (the
 * next free turn, epoch ms: every granted call has its own turn, 1/pace apart, whichever
 * process it went to), `bulkTat` (bulk work's next turn, at the share interactive work
 * leaves), `held` (no call before this, epoch ms), `count`/`firstAt`/`lastAt` (calls granted
 * lately, for measuring), `streak`/`lastThrottled` (429s close together) and
 * `lastInteractive` (when interactive work was last granted). A field that is not what this
 * gateway writes (not a finite number, a rate that is not positive, a moment further ahead than
 * any hold) reads as absent, so a value left by another layout never stops the account.
 */
const COMMON = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local key = KEYS[1]
-- A field as this gateway writes it, a finite number; anything else (garbage, another layout) reads as absent.
local function field(text)
  local n = tonumber(text)
  if n == nil or n ~= n or n == math.huge or n == -math.huge then return nil end
  return n
end
-- A learnt rate: a positive number of calls a second.
local function rateField(text)
  local n = field(text)
  if n == nil or n <= 0 then return nil end
  return n
end
-- A moment of the schedule (epoch ms): none this gateway writes lies further ahead than the longest hold and a minute.
local function momentField(text)
  local n = field(text)
  if n == nil or n < 0 or n > now + ${MAX_HOLD_MS + 60_000} then return nil end
  return n
end
local function countField(text)
  local n = field(text)
  if n == nil or n < 0 then return nil end
  return n
end
local function currentPace(rate, ceiling, setAt)
  if not rate then return nil end
  if now - setAt > 600000 then return nil end
  local seconds = math.max(0, now - setAt) / 1000
  if ceiling <= 0 then return rate * math.pow(1.25, seconds) end
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
 * KEYS[1] the budget; ARGV workClass, want, interactiveShare, maxHoldMs (a hold ending
 * further ahead than this is not obeyed: no Retry-After is honoured that long, so it was not
 * written by a process of this gateway). Returns granted, waitMs,
 * heldForMs, pace ('' none), yielding, firstAtMs, spacingMs. Every granted call gets its own
 * turn on one schedule, 1/pace apart across every process (the first after `firstAtMs`, the
 * others `spacingMs` apart), so the account sends evenly rather than in bunches that
 * Partner Center's bucket would answer 429. Turns are granted up to 50 ms ahead for
 * interactive work and 20 ms for bulk work, so an order form always finds a turn before it;
 * a turn nobody asked for in time is not saved up.
 */
export const TAKE_SCRIPT = `${COMMON}
local workClass = ARGV[1]
local want = tonumber(ARGV[2])
local share = tonumber(ARGV[3])
local maxHold = tonumber(ARGV[4])
local f = redis.call('HMGET', key, 'rate', 'ceiling', 'setAt', 'tat', 'bulkTat', 'held', 'count', 'firstAt', 'lastAt', 'lastInteractive')
local held = momentField(f[6]) or 0
if held > now + maxHold then held = 0 end
local pace = currentPace(rateField(f[1]), field(f[2]) or 0, momentField(f[3]) or 0)
if held > now then return {0, tostring(held - now), tostring(held - now), paceText(pace), 0, '0', '0'} end
local granted = want
local wait = 0
local yielding = 0
local firstAt = 0
local spacing = 0
if pace then
  local ahead = 50
  if workClass == 'bulk' then ahead = 20 end
  local interval = 1000 / pace
  local start = math.max(now, momentField(f[4]) or now)
  local bulkTat = momentField(f[5]) or now
  if workClass == 'bulk' then start = math.max(start, bulkTat) end
  if start > now + ahead then
    granted = 0
    wait = start - ahead - now
    if workClass == 'bulk' and now - (momentField(f[10]) or 0) < 1000 then yielding = 1 end
  else
    granted = math.min(want, math.floor((now + ahead - start) / interval) + 1)
    firstAt = start - now
    spacing = interval
    redis.call('HSET', key, 'tat', tostring(start + granted * interval))
    if workClass == 'bulk' then
      redis.call('HSET', key, 'bulkTat', tostring(start + granted * 1000 / (pace * (1 - share))))
    end
  end
end
if granted > 0 then
  local count = countField(f[7]) or 0
  local measuredFrom = momentField(f[8]) or now
  local lastAt = momentField(f[9]) or 0
  if now - lastAt > 1000 then
    -- A quiet spell: the measure starts again, so a load that has just begun is not averaged with it.
    count = 0
    measuredFrom = now
  elseif now - measuredFrom > 1000 then
    -- Keep about the last half second's worth: the rate just before a 429 is what it says about the limit.
    count = count * 500 / (now - measuredFrom)
    measuredFrom = now - 500
  end
  redis.call('HSET', key, 'count', tostring(count + granted), 'firstAt', tostring(measuredFrom), 'lastAt', tostring(now))
  if workClass == 'interactive' then redis.call('HSET', key, 'lastInteractive', tostring(now)) end
end
redis.call('PEXPIRE', key, 600000)
return {granted, tostring(math.ceil(wait)), '0', paceText(pace), yielding, tostring(firstAt), tostring(spacing)}
`;

/**
 * KEYS[1] the budget; ARGV retryAfterMs, saturated ('1' or '0'). Returns the pace ('' none).
 * A lone 429 below the ceiling backs the pace off and lets it climb back; the third of a
 * streak (each within 5 s of the last) moves the ceiling down (see RateCap).
 */
export const HOLD_SCRIPT = `${COMMON}
local untilAt = now + tonumber(ARGV[1])
local saturated = ARGV[2] == '1'
local f = redis.call('HMGET', key, 'rate', 'ceiling', 'setAt', 'held', 'count', 'firstAt', 'streak', 'lastThrottled')
local rate = rateField(f[1])
local ceiling = field(f[2]) or 0
local setAt = momentField(f[3]) or 0
local held = momentField(f[4]) or 0
local pace = currentPace(rate, ceiling, setAt)
if untilAt <= now or untilAt <= held then return {paceText(pace)} end
-- Only a 429 for a call sent after the last window says anything new about the rate.
if now >= held then
  if not pace then
    rate = nil
    ceiling = 0
  end
  if saturated then
    local count = countField(f[5]) or 0
    local measuredFrom = momentField(f[6]) or now
    local measured = nil
    if count >= 10 and now >= measuredFrom then measured = count * 1000 / math.max(100, now - measuredFrom) end
    -- Paced for a second since the last window: the calls granted measure the limit.
    local trusted = pace ~= nil and measured ~= nil and now - held >= 1000
    local bound = nil
    if trusted then bound = math.min(pace, measured) elseif pace then bound = pace else bound = measured end
    local streak = 1
    if now - (momentField(f[8]) or -1e15) <= 5000 then streak = (countField(f[7]) or 0) + 1 end
    redis.call('HSET', key, 'streak', tostring(streak), 'lastThrottled', tostring(now))
    if bound then
      if trusted then
        rate = bound * 0.9
        if ceiling <= 0 or bound > ceiling or streak >= 3 then ceiling = bound end
      else
        rate = bound * 0.5
      end
    end
  end
  if rate then
    rate = math.max(1, rate)
    redis.call('HSET', key, 'rate', tostring(rate), 'ceiling', tostring(ceiling), 'setAt', tostring(untilAt))
  end
  redis.call('HSET', key, 'tat', tostring(untilAt), 'bulkTat', tostring(untilAt), 'count', '0', 'firstAt', tostring(untilAt))
  if rate then pace = rate else pace = nil end
end
redis.call('HSET', key, 'held', tostring(untilAt))
redis.call('PEXPIRE', key, 600000 + tonumber(ARGV[1]))
return {paceText(pace)}
`;

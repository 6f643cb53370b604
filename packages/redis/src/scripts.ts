/**
 * The Lua scripts, shared by redisStore and upstashStore (docs/design.md,
 * "Stores"). Redis runs a script atomically (no other command runs meanwhile),
 * which is what makes `update` a real compare-and-set and `patch`/`touch` a
 * check-then-write without a race. Each touches only KEYS[1], so all work on
 * Upstash's and any clustered Redis.
 *
 * `now` is passed in by the store, not read inside Redis: a record is expired by
 * the store's clock whether `get` or a script looks at it (docs/design.md,
 * "Policies: errors, clocks, expiry").
 */

/**
 * Compare-and-set. ARGV: expected version, new record (already at version+1),
 * TTL in ms, now (epoch ms). Returns "ok", "conflict" or "gone".
 * @example
 * ```ts
 * await redis.eval(UPDATE_SCRIPT, 1, key, "3", packRecord(value, 4, expiresAt), String(ttl), String(Date.now()));
 * ```
 */
export const UPDATE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 'gone' end
local expiresAt, version = string.match(current, '^(%d+):(%d+):')
if not expiresAt or tonumber(expiresAt) <= tonumber(ARGV[4]) then return 'gone' end
if version ~= ARGV[1] then return 'conflict' end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 'ok'
`;

/**
 * Extends a live record. ARGV: new 15-digit expiresAt, TTL in ms, now (epoch ms).
 * Only the fixed-width header is rewritten (SETRANGE); the session value stays
 * where it is and never crosses the network. Returns 1, or 0 when absent or expired.
 * @example
 * ```ts
 * await redis.eval(TOUCH_SCRIPT, 1, key, formatExpiresAt(expiresAt), String(ttl), String(Date.now()));
 * ```
 */
export const TOUCH_SCRIPT = `
local header = redis.call('GETRANGE', KEYS[1], 0, 15)
local expiresAt = string.match(header, '^(%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d):$')
if not expiresAt or tonumber(expiresAt) <= tonumber(ARGV[3]) then return 0 end
redis.call('SETRANGE', KEYS[1], 0, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/**
 * Applies one request's changes (a `SessionPatch`) to the stored value
 * `{"d":{…},"f":{…},"x":…}` by splicing JSON text. Redis ships cjson, but a
 * decode-and-encode round trip through it would change data (numbers rounded
 * to 14 significant digits, `[]` turned into `{}`), so this script only
 * *splits* JSON: it finds where each top-level member of `d` and `f` starts and
 * ends (skipping strings, with their escapes, and nested brackets) and keeps
 * every value's bytes as they are. Keys are compared as the JSON text
 * `JSON.stringify` writes for them, which is how the engine wrote them.
 *
 * ARGV (built by `patchArguments`): now, new 15-digit expiresAt, TTL in ms,
 * clear ("1"/"0"), expiry ("" unchanged, "-" back to the default, else its
 * JSON text), the number n of data changes, then n pairs (key JSON, value JSON
 * or "" to delete), then the flash pairs. Returns "ok" (version + 1, new
 * expiry) or "gone" (absent, expired, or not a value this store wrote —
 * never resurrected).
 * @example
 * ```ts
 * await redis.eval(PATCH_SCRIPT, 1, key, ...patchArguments(changes, expiresAt, Date.now()));
 * ```
 */
export const PATCH_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 'gone' end
local expiresAt, version, at = string.match(current, '^(%d+):(%d+):()')
if not expiresAt or tonumber(expiresAt) <= tonumber(ARGV[1]) then return 'gone' end
local s = string.sub(current, at)

local function ws(i) return string.find(s, '[^ \\t\\r\\n]', i) end
local function str(i)
  local j = i + 1
  while true do
    local q = string.find(s, '["\\\\]', j)
    if not q then return nil end
    if string.byte(s, q) == 92 then j = q + 2 else return q + 1 end
  end
end
local function value(i)
  local c = string.byte(s, i)
  if c == 34 then return str(i) end
  if c == 123 or c == 91 then
    local depth, j = 0, i
    while true do
      local p = string.find(s, '[%[%]{}"]', j)
      if not p then return nil end
      local b = string.byte(s, p)
      if b == 34 then
        j = str(p)
        if not j then return nil end
      else
        if b == 123 or b == 91 then depth = depth + 1 else depth = depth - 1 end
        j = p + 1
        if depth == 0 then return j end
      end
    end
  end
  local e = string.find(s, '[,}%] \\t\\r\\n]', i)
  if not e or e == i then return nil end
  return e
end
local function members(i)
  local list = {}
  if not i or string.byte(s, i) ~= 123 then return nil end
  local j = ws(i + 1)
  if not j then return nil end
  if string.byte(s, j) == 125 then return list, j + 1 end
  while true do
    if string.byte(s, j) ~= 34 then return nil end
    local ke = str(j)
    if not ke then return nil end
    local colon = ws(ke)
    if not colon or string.byte(s, colon) ~= 58 then return nil end
    local vs = ws(colon + 1)
    if not vs then return nil end
    local ve = value(vs)
    if not ve then return nil end
    list[#list + 1] = { string.sub(s, j, ke - 1), vs, ve - 1 }
    j = ws(ve)
    if not j then return nil end
    local b = string.byte(s, j)
    if b == 125 then return list, j + 1 end
    if b ~= 44 or not ws(j + 1) then return nil end
    j = ws(j + 1)
  end
end

local top = members(ws(1))
if not top then return 'gone' end
local d, f, x
for _, m in ipairs(top) do
  if m[1] == '"d"' then d = m elseif m[1] == '"f"' then f = m elseif m[1] == '"x"' then x = string.sub(s, m[2], m[3]) end
end
if not d then return 'gone' end

local function load(m)
  local list = {}
  if not m or ARGV[4] == '1' then return list end
  local inner = members(m[2])
  if not inner then return nil end
  for n, e in ipairs(inner) do list[n] = { e[1], string.sub(s, e[2], e[3]) } end
  return list
end
local function apply(list, from, to)
  local index = {}
  for n, e in ipairs(list) do index[e[1]] = n end
  for a = from, to, 2 do
    local k, v = ARGV[a], ARGV[a + 1]
    local n = index[k]
    if v == '' then
      if n then
        list[n] = false
        index[k] = nil
      end
    elseif n then
      list[n][2] = v
    else
      list[#list + 1] = { k, v }
      index[k] = #list
    end
  end
end
local function render(list)
  local parts = {}
  for _, e in ipairs(list) do
    if e then parts[#parts + 1] = e[1] .. ':' .. e[2] end
  end
  return '{' .. table.concat(parts, ',') .. '}', #parts
end

local data, flash = load(d), load(f)
if not data or not flash then return 'gone' end
local firstFlash = 7 + 2 * tonumber(ARGV[6])
apply(data, 7, firstFlash - 1)
apply(flash, firstFlash, #ARGV)
if ARGV[5] == '-' then x = nil elseif ARGV[5] ~= '' then x = ARGV[5] end

local out = '{"d":' .. render(data)
local flashText, flashCount = render(flash)
if flashCount > 0 then out = out .. ',"f":' .. flashText end
if x then out = out .. ',"x":' .. x end
out = out .. '}'
redis.call('SET', KEYS[1], ARGV[2] .. ':' .. string.format('%d', tonumber(version) + 1) .. ':' .. out, 'PX', ARGV[3])
return 'ok'
`;

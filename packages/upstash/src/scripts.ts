/**
 * The two Lua scripts. Redis runs a script atomically (no other command runs
 * meanwhile), which is what makes `update` a real compare-and-set and `touch` a
 * check-then-extend without a race. Each touches only KEYS[1], so both work on
 * Upstash's and any clustered Redis.
 *
 * `now` is passed in by the store, not read inside Redis: a record is expired by
 * the same clock whether `get` or a script looks at it.
 */

/**
 * Compare-and-set. ARGV: expected version, new record (already at version+1),
 * TTL in ms, now (epoch ms). Returns "ok", "conflict" or "gone".
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
 */
export const TOUCH_SCRIPT = `
local header = redis.call('GETRANGE', KEYS[1], 0, 15)
local expiresAt = string.match(header, '^(%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d):$')
if not expiresAt or tonumber(expiresAt) <= tonumber(ARGV[3]) then return 0 end
redis.call('SETRANGE', KEYS[1], 0, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

import type { SessionPatch } from "@edge-session/core";

/**
 * `d1Store.patch` as one SQLite statement over the stored value
 * `{"d":{…},"f":{…},"x":…}` (docs/design.md, "The store contract").
 *
 * Two rules make it exact for every key and every value:
 * - Keys are never written into a JSON path. A path cannot spell every key
 *   (quotes, dots, brackets), so each changed key is first removed with
 *   `json_patch` (RFC 7396: a member whose patch value is `null` is removed),
 *   whose patch is a JSON object, where any key is just a JSON string.
 * - New values are never parsed by SQLite. Their JSON text, exactly as the
 *   engine serialized it, is appended to the object as text, so a number
 *   keeps all its digits, `[]` stays `[]`, and a string keeps its escapes.
 *   The members SQLite does re-render (those left alone) come out as their
 *   original text: SQLite keeps the text of numbers and of escaped strings.
 *
 * Parameters: ?1 clear (0/1), ?2 data keys to remove (a JSON object of nulls),
 * ?3 data members to append (`"k":json,…`, or ''), ?4 and ?5 the same for flash,
 * ?6 whether the expiry changes (0/1), ?7 the new expiry's JSON or NULL,
 * ?8 expiresAt, ?9 id, ?10 now.
 */
export function patchSql(table: string): string {
  const append = (object: string, members: string) =>
    `CASE WHEN ${members} = '' THEN ${object} WHEN ${object} = '{}' THEN '{' || ${members} || '}'
      ELSE substr(${object}, 1, length(${object}) - 1) || ',' || ${members} || '}' END`;
  return `UPDATE ${table} SET
    value = (
      SELECT '{"d":' || d || CASE WHEN f = '{}' THEN '' ELSE ',"f":' || f END || coalesce(',"x":' || x, '') || '}'
      FROM (
        SELECT ${append("d0", "?3")} AS d, ${append("f0", "?5")} AS f, x
        FROM (
          SELECT
            CASE WHEN ?1 THEN '{}' ELSE json_patch(${table}.value -> '$.d', ?2) END AS d0,
            CASE WHEN ?1 THEN '{}' ELSE json_patch(coalesce(${table}.value -> '$.f', '{}'), ?4) END AS f0,
            CASE WHEN ?6 THEN ?7 ELSE ${table}.value -> '$.x' END AS x
        )
      )
    ),
    version = version + 1,
    expires_at = ?8
  WHERE id = ?9 AND expires_at > ?10
    -- A value that is not the engine's payload reads as absent to the engine: "gone", never rewritten.
    AND CASE WHEN json_valid(value) THEN json_type(value, '$.d') = 'object' ELSE 0 END`;
}

/** ?1 to ?7 of {@link patchSql} for one request's changes. */
export function patchParameters(changes: SessionPatch): [number, string, string, string, string, number, string | null] {
  const data = splitChanges(changes.data);
  const flash = splitChanges(changes.flash);
  return [
    changes.clear ? 1 : 0,
    data.removals,
    data.members,
    flash.removals,
    flash.members,
    changes.expiry === undefined ? 0 : 1,
    changes.expiry ?? null,
  ];
}

/**
 * The keys to remove (every key changed, so a set replaces rather than
 * duplicates) and the members to append (the last set of each key, in order;
 * a key deleted last is only removed).
 */
function splitChanges(changes: SessionPatch["data"]): { removals: string; members: string } {
  const last = new Map<string, string | null>();
  for (const [key, json] of changes) {
    last.delete(key); // a key set again moves to the end, as the request's last change
    last.set(key, json);
  }
  const removals: string[] = [];
  const members: string[] = [];
  for (const [key, json] of last) {
    const label = JSON.stringify(key);
    removals.push(`${label}:null`);
    if (json !== null) members.push(`${label}:${json}`);
  }
  return { removals: `{${removals.join(",")}}`, members: members.join(",") };
}

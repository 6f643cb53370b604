/**
 * A bounded memo of cookie values that already passed verification, so a
 * returning visitor's read costs no crypto call at all.
 *
 * A memo may change only the cost of a verdict, never the verdict
 * (docs/design.md, "Input limits"). So an entry is found only by the exact
 * string that verified under the exact scope it verified with — the salt and
 * the list of secrets, or whatever else decides the verdict. The scope key is
 * `JSON.stringify(scope)`: unambiguous, unlike a join on a separator that a
 * salt or secret may itself contain ("shared\u0000" + S1 with [S2] is not
 * "shared" with [S1, S2]). A JSON array text is also self-delimiting, so the
 * scope key followed by the value cannot collide with another pair either.
 *
 * Each scope keeps its own entries in one shared least-recently-used map, so
 * two apps alternating in one isolate (other secrets, salts) do not clear each
 * other's entries; dropping a secret from a list changes the scope, so the old
 * entries are never consulted again and age out. Rejected values are never
 * remembered: a tampered cookie is verified every time, and cannot push valid
 * entries out faster than one verification each.
 * @example
 * const memo = new VerifiedMemo<string>(5_000);
 * const known = memo.get([salt, ...secrets], cookie) ?? (await verify(cookie));
 * memo.set([salt, ...secrets], cookie, known);
 */
export class VerifiedMemo<T> {
  readonly #entries = new Map<string, T>();

  /** `limit`: entries kept across all scopes, the least recently used evicted first. */
  constructor(readonly limit: number) {}

  /** The verified result for exactly `value` under exactly `scope`, or undefined. */
  get(scope: readonly string[], value: string): T | undefined {
    const key = this.#key(scope, value);
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map keeps insertion order, so the oldest entry is evicted first.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /** Remembers a value that verified under `scope`. */
  set(scope: readonly string[], value: string, verified: T): void {
    const key = this.#key(scope, value);
    this.#entries.delete(key);
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, verified);
  }

  #key(scope: readonly string[], value: string): string {
    return JSON.stringify(scope) + value;
  }
}

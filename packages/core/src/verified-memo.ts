/**
 * A bounded memo of cookie values that already passed signature verification,
 * so a returning visitor's read costs no WebCrypto call at all.
 *
 * Safe because only the exact string that verified hits it, under the exact
 * list of secrets it verified with (dropping a secret from the list drops its
 * entries). Rejected values are never remembered: a tampered cookie is
 * verified every time, and cannot push valid entries out faster than one
 * verification each.
 */
export class VerifiedMemo<T> {
  readonly #entries = new Map<string, T>();
  #secretsKey = "";

  constructor(readonly limit: number) {}

  get(secrets: readonly string[], value: string): T | undefined {
    this.#sync(secrets);
    const hit = this.#entries.get(value);
    if (hit !== undefined) {
      // Refresh recency: Map keeps insertion order, so the oldest entry is evicted first.
      this.#entries.delete(value);
      this.#entries.set(value, hit);
    }
    return hit;
  }

  set(secrets: readonly string[], value: string, verified: T): void {
    this.#sync(secrets);
    if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(value, verified);
  }

  /** One memo per secret list: a change of secrets (rotation, another app in the isolate) starts afresh. */
  #sync(secrets: readonly string[]): void {
    const key = secrets.length === 1 ? secrets[0]! : secrets.join("\u0000");
    if (key !== this.#secretsKey) {
      this.#entries.clear();
      this.#secretsKey = key;
    }
  }
}

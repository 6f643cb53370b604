import { expiresAt, expiresAtBrowserClose, expiryAge, toExpirySetting } from "./expiry.ts";
import type { SessionState } from "./session-state.ts";

/** The default shape of a session's data: keys to JSON values. Any object type (an interface too) may replace it. */
export type SessionData = Record<string, unknown>;

type Key<Data> = keyof Data & string;

/**
 * One request's view of a session, with Django's `SessionBase` semantics.
 * Every data method is async because the first one loads the session lazily:
 * a request that never calls one costs no cookie check and no store call.
 *
 * `accessed` turns true on any data access (the response then varies on
 * Cookie); `modified` only on a real change, which is what triggers a save.
 */
export class Session<Data extends object = SessionData> {
  readonly #state: SessionState;

  /** @internal Sessions are made by the engine (`startSession`) or a binding. */
  constructor(state: SessionState) {
    this.#state = state;
  }

  /** The session id (server stores, once loaded or saved); null for new sessions and cookie stores. */
  get id(): string | null {
    return this.#state.backend.id;
  }

  /** Whether any data method ran. */
  get accessed(): boolean {
    return this.#state.accessed;
  }

  /** Whether the data changed, so the session will be saved. */
  get modified(): boolean {
    return this.#state.modified;
  }

  /** The value, or undefined. A flash value is returned once and then removed. */
  async get<K extends Key<Data>>(key: K): Promise<Data[K] | undefined> {
    const payload = await this.#state.ready();
    const flash = this.#state.takeFlash(key);
    if (flash) return flash.value as Data[K];
    return (Object.hasOwn(payload.data, key) ? payload.data[key] : undefined) as Data[K] | undefined;
  }

  /** Stores a JSON value; throws SessionSerializationError for anything JSON would change. */
  async set<K extends Key<Data>>(key: K, value: Data[K]): Promise<void> {
    await this.#state.ready();
    this.#state.setData(key, value);
  }

  /** Whether the key holds a value or an unread flash value. */
  async has(key: Key<Data>): Promise<boolean> {
    const payload = await this.#state.ready();
    return Object.hasOwn(payload.data, key) || Object.hasOwn(payload.flash, key);
  }

  /** Removes the key; resolves to whether it existed. A missing key modifies nothing. */
  async delete(key: Key<Data>): Promise<boolean> {
    await this.#state.ready();
    return this.#state.deleteData(key);
  }

  /** Removes the key and returns its value, else `fallback`. */
  async pop<K extends Key<Data>>(key: K, fallback?: Data[K]): Promise<Data[K] | undefined> {
    const payload = await this.#state.ready();
    if (!Object.hasOwn(payload.data, key)) return fallback;
    const value = payload.data[key] as Data[K];
    this.#state.deleteData(key);
    return value;
  }

  /** The existing value, or `value` after storing it. An existing key modifies nothing. */
  async setDefault<K extends Key<Data>>(key: K, value: Data[K]): Promise<Data[K]> {
    const payload = await this.#state.ready();
    if (Object.hasOwn(payload.data, key)) return payload.data[key] as Data[K];
    this.#state.setData(key, value);
    return value;
  }

  /** Sets several keys. Like Django's `update`, always marks the session modified, even for `{}`. */
  async update(values: Partial<Data>): Promise<void> {
    await this.#state.ready();
    for (const [key, value] of Object.entries(values)) this.#state.setData(key, value);
    this.#state.modified = true;
  }

  /** The keys (flash values excluded). */
  async keys(): Promise<Key<Data>[]> {
    return Object.keys((await this.#state.ready()).data) as Key<Data>[];
  }

  /** The key/value pairs (flash values excluded). */
  async entries(): Promise<[Key<Data>, Data[Key<Data>]][]> {
    return Object.entries((await this.#state.ready()).data) as [Key<Data>, Data[Key<Data>]][];
  }

  /** A shallow copy of the data (flash values excluded). */
  async all(): Promise<Partial<Data>> {
    return { ...(await this.#state.ready()).data } as Partial<Data>;
  }

  /** Removes every key and flash value; the record stays (use `flush` to log out). */
  async clear(): Promise<void> {
    await this.#state.ready();
    this.#state.clear();
  }

  /** Whether the session holds no data and no flash values. */
  async isEmpty(): Promise<boolean> {
    await this.#state.ready();
    return this.#state.isEmpty();
  }

  /** Stores a value that the next `get` returns once, then forgets. */
  async flash<K extends Key<Data>>(key: K, value: Data[K]): Promise<void> {
    await this.#state.ready();
    this.#state.setFlash(key, value);
  }

  /** Logout: the data, the stored record (at once) and the cookie are gone. */
  async flush(): Promise<void> {
    this.#state.accessed = true;
    await this.#state.backend.kill();
    this.#state.reset();
    this.#state.killed = true;
  }

  /** Login: a new id for the same data; the old id is deleted from the store at once (no fixation). */
  async cycleKey(): Promise<void> {
    await this.#state.ready();
    await this.#state.backend.kill();
    this.#state.killed = true;
    this.#state.cycled = true;
    this.#state.modified = true;
  }

  /**
   * Seconds after the last save (a number), an instant (a Date), until the
   * browser closes (0), or the default (null) — Django's `set_expiry`.
   */
  async setExpiry(value: number | Date | null): Promise<void> {
    const setting = toExpirySetting(value);
    await this.#state.ready();
    this.#state.setExpiry(setting);
  }

  /** Seconds until the session expires if saved now. */
  async getExpiryAge(): Promise<number> {
    const payload = await this.#state.ready();
    const { backend } = this.#state;
    return expiryAge(payload.expiry, backend.now(), backend.maxAge);
  }

  /** When the session expires if saved now. */
  async getExpiryDate(): Promise<Date> {
    const payload = await this.#state.ready();
    const { backend } = this.#state;
    return new Date(expiresAt(payload.expiry, backend.now(), backend.maxAge));
  }

  /** Whether the cookie lasts only until the browser closes. */
  async getExpireAtBrowserClose(): Promise<boolean> {
    const payload = await this.#state.ready();
    return expiresAtBrowserClose(payload.expiry, this.#state.backend.expireAtBrowserClose);
  }
}

import { maskCsrfSecret } from "./csrf/mask.ts";
import { CSRF_SESSION_KEY, newCsrfSecret } from "./csrf/secret.ts";
import { normalizeCsrfSecret } from "./csrf/token-match.ts";
import type { Persistence } from "./engine/persistence.ts";
import { invalidValue } from "./engine/validation.ts";
import { expiresAt, expiresAtBrowserClose, expiryAge, toExpirySetting } from "./expiry.ts";
import type { JsonData } from "./json-types.ts";
import type { ResolvedOptions } from "./options.ts";
import type { SessionDraft } from "./session-draft.ts";

/**
 * The default shape of a session's data: keys to JSON values. Any object type (an interface too) may replace it.
 * @example
 * type Cart = { items?: string[] }; // any JSON-shaped object type may replace SessionData
 */
export type SessionData = Record<string, unknown>;

/** A key of the session data, as `get`/`set` take it. */
export type SessionKey<Data> = keyof Data & string;

/**
 * One request's view of a session, with Django's `SessionBase` semantics.
 * Every data method is async because the first one loads the session lazily:
 * a request that never calls one costs no cookie check and no store call.
 *
 * `accessed` turns true on any data access (the response then varies on
 * Cookie); `modified` only on a real change, which is what triggers a save.
 * @example
 * const cart = (await session.get("cart")) ?? [];
 * await session.set("cart", [...cart, "apple"]);
 */
export class Session<Data extends JsonData<Data> = SessionData> {
  readonly #state: SessionDraft;
  readonly #persistence: Persistence;
  readonly #options: ResolvedOptions;

  /** @internal Sessions are made by the engine (`startSession`) or a binding. */
  constructor(draft: SessionDraft, persistence: Persistence, options: ResolvedOptions) {
    this.#state = draft;
    this.#persistence = persistence;
    this.#options = options;
  }

  /** The session id (server stores, once loaded or saved); null for new sessions and cookie stores. */
  get id(): string | null {
    return this.#persistence.id;
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
  async get<K extends SessionKey<Data>>(key: K): Promise<Data[K] | undefined> {
    const payload = await this.#state.ready();
    const flash = this.#state.takeFlash(key);
    if (flash) return flash.value as Data[K];
    return (Object.hasOwn(payload.data, key) ? payload.data[key] : undefined) as Data[K] | undefined;
  }

  /** Stores a JSON value; throws SessionSerializationError for anything JSON would change. */
  async set<K extends SessionKey<Data>>(key: K, value: Data[K]): Promise<void> {
    const payload = await this.#state.ready();
    await this.#validate(payload.data, { [key]: value });
    this.#state.setData(key, value);
  }

  /** Whether the key holds a value or an unread flash value. */
  async has(key: SessionKey<Data>): Promise<boolean> {
    const payload = await this.#state.ready();
    return Object.hasOwn(payload.data, key) || Object.hasOwn(payload.flash, key);
  }

  /** Removes the key; resolves to whether it existed. A missing key modifies nothing. */
  async delete(key: SessionKey<Data>): Promise<boolean> {
    await this.#state.ready();
    return this.#state.deleteData(key);
  }

  /** Removes the key and returns its value, else `fallback`. */
  async pop<K extends SessionKey<Data>>(key: K, fallback?: Data[K]): Promise<Data[K] | undefined> {
    const payload = await this.#state.ready();
    if (!Object.hasOwn(payload.data, key)) return fallback;
    const value = payload.data[key] as Data[K];
    this.#state.deleteData(key);
    return value;
  }

  /** The existing value, or `value` after storing it. An existing key modifies nothing. */
  async setDefault<K extends SessionKey<Data>>(key: K, value: Data[K]): Promise<Data[K]> {
    const payload = await this.#state.ready();
    if (Object.hasOwn(payload.data, key)) return payload.data[key] as Data[K];
    await this.#validate(payload.data, { [key]: value });
    this.#state.setData(key, value);
    return value;
  }

  /** Sets several keys. Like Django's `update`, always marks the session modified, even for `{}`. */
  async update(values: Partial<Data>): Promise<void> {
    const payload = await this.#state.ready();
    if (Object.keys(values).length > 0) await this.#validate(payload.data, values as Record<string, unknown>);
    for (const [key, value] of Object.entries(values)) this.#state.setData(key, value);
    this.#state.modified = true;
  }

  /** The keys (flash values excluded). */
  async keys(): Promise<SessionKey<Data>[]> {
    return Object.keys((await this.#state.ready()).data) as SessionKey<Data>[];
  }

  /** The key/value pairs (flash values excluded). */
  async entries(): Promise<[SessionKey<Data>, Data[SessionKey<Data>]][]> {
    return Object.entries((await this.#state.ready()).data) as [SessionKey<Data>, Data[SessionKey<Data>]][];
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
  async flash<K extends SessionKey<Data>>(key: K, value: Data[K]): Promise<void> {
    const payload = await this.#state.ready();
    await this.#validate(payload.data, { [key]: value });
    this.#state.setFlash(key, value);
  }

  /** Logout: the data, the stored record (at once) and the cookie are gone. */
  async flush(): Promise<void> {
    this.#state.accessed = true;
    await this.#persistence.kill();
    this.#state.reset();
    this.#state.killed = true;
  }

  /** Login: a new id for the same data; the old id is deleted from the store at once (no fixation). */
  async cycleKey(): Promise<void> {
    const payload = await this.#state.ready();
    await this.#persistence.kill();
    this.#state.killed = true;
    this.#state.modified = true;
    // Django's rotate_token on login: a token seen before login is useless after it (docs/design.md, "CSRF").
    if (Object.hasOwn(payload.data, CSRF_SESSION_KEY)) this.#state.setData(CSRF_SESSION_KEY, newCsrfSecret());
  }

  /**
   * A fresh masked CSRF token for this session (64 characters, different on
   * every call, so a page leaks nothing to BREACH), made from the secret kept
   * under `_csrftoken` — created on first use, so a page that never asks sets
   * no cookie. Put it in forms as `csrfmiddlewaretoken` or send it as `X-CSRFToken`.
   * @example
   * `<input type="hidden" name="csrfmiddlewaretoken" value="${await session.csrfToken()}">`
   */
  async csrfToken(): Promise<string> {
    const payload = await this.#state.ready();
    let secret = normalizeCsrfSecret(payload.data[CSRF_SESSION_KEY]);
    // A usable stored value stays as it is, even Django 3.2's masked form, so a Django site sharing the session keeps reading it.
    if (secret === undefined) {
      secret = newCsrfSecret();
      this.#state.setData(CSRF_SESSION_KEY, secret);
    }
    return maskCsrfSecret(secret);
  }

  /**
   * Seconds after the last save (a number), an instant (a Date), until the
   * browser closes (0), or the default (null) — Django's `set_expiry`.
   */
  async setExpiry(value: number | Date | null): Promise<void> {
    const setting = toExpirySetting(value, this.#options.now());
    await this.#state.ready();
    this.#state.setExpiry(setting);
  }

  /** Seconds until the session expires if saved now. */
  async getExpiryAge(): Promise<number> {
    const payload = await this.#state.ready();
    return expiryAge(payload.expiry, this.#options.now(), this.#options.cookie.maxAge);
  }

  /** When the session expires if saved now. */
  async getExpiryDate(): Promise<Date> {
    const payload = await this.#state.ready();
    return new Date(expiresAt(payload.expiry, this.#options.now(), this.#options.cookie.maxAge));
  }

  /** Whether the cookie lasts only until the browser closes. */
  async getExpireAtBrowserClose(): Promise<boolean> {
    const payload = await this.#state.ready();
    return expiresAtBrowserClose(payload.expiry, this.#options.expireAtBrowserClose);
  }

  /** With a schema, refuses `changes` unless the data with them applied still validates (docs/design.md, "Validated data"). */
  async #validate(data: Record<string, unknown>, changes: Record<string, unknown>): Promise<void> {
    const { schema } = this.#options;
    if (!schema) return;
    const failure = await invalidValue(schema, { ...data, ...changes }, Object.keys(changes));
    if (failure) throw failure;
  }
}

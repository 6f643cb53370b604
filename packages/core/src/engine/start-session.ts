import { MAX_COOKIE_BYTES, type RequestCookie, readRequestCookie, serializeSetCookie } from "../cookie-header.ts";
import { SessionError, SessionInterruptedError, SessionStoreError, SessionTooLargeError } from "../errors.ts";
import { expiresAt, expiresAtBrowserClose, expiryAge } from "../expiry.ts";
import { type ResolvedOptions, resolveOptions, type SessionOptions } from "../options.ts";
import { emptyPayload, isEmptyPayload, parsePayload, serializePayload } from "../payload.ts";
import { sessionErrorResponse, withSessionHeaders } from "../response.ts";
import { Session, type SessionData } from "../session.ts";
import { newSessionId, signSessionId, verifySessionId } from "../session-id.ts";
import { type SessionBackend, SessionState } from "../session-state.ts";
import { isCookieStore, type SessionPayload, type SessionStore } from "../store.ts";

/** A session bound to one request, and the step that writes it onto the response. */
export interface SessionHandle<Data extends object = SessionData> {
  readonly session: Session<Data>;
  /**
   * With the `csrf` option, checks an unsafe request's origin and token before
   * the handler runs (throws `CsrfError`); resolves at once otherwise.
   */
  protect(): Promise<void>;
  /** Saves or deletes the session as needed and returns the response with its headers. */
  commit(response: Response): Promise<Response>;
  /**
   * The binding's answer to an error: for a session error the 400/403/503
   * response (reported to `onError` first, once); undefined for any other error.
   */
  fail(error: unknown): Response | undefined;
}

/**
 * Opens the session of `request`. Nothing is read until the handler touches
 * the session; `commit` then saves, deletes or leaves it, following Django's
 * SessionMiddleware (DESIGN.md semantics 1–9).
 */
export function startSession<Data extends object = SessionData>(request: Request, options: SessionOptions): SessionHandle<Data> {
  const resolved = resolveOptions(options);
  const active = new ActiveSession(request, resolved);
  return {
    session: new Session<Data>(active.state),
    protect: async () => {},
    commit: (response) => active.commit(response),
    fail: (error) => sessionErrorResponse(error),
  };
}

/** Conflicting writes re-read and re-apply this many times before giving up (semantic 8). */
const MAX_CONFLICT_RETRIES = 64;
const MAX_ID_ATTEMPTS = 3;

class ActiveSession implements SessionBackend {
  readonly state: SessionState;
  #cookie: RequestCookie | undefined;
  #id: string | null = null;
  /** The cookie value carrying `#id`, reused while the id stays the same (no re-signing). */
  #signedId: string | undefined;
  #version = 0;
  /** A live record was found for the request's cookie. */
  #found = false;
  /** When the loaded record was last saved (epoch ms): for rolling expiry. */
  #savedAt = 0;

  constructor(
    readonly request: Request,
    readonly options: ResolvedOptions,
  ) {
    this.state = new SessionState(this);
  }

  get id(): string | null {
    return this.#id;
  }
  get maxAge(): number {
    return this.options.cookie.maxAge;
  }
  get expireAtBrowserClose(): boolean {
    return this.options.expireAtBrowserClose;
  }
  now(): number {
    return this.options.now();
  }

  /** The request's session cookie, parsed on first need only. */
  get cookie(): RequestCookie {
    this.#cookie ??= readRequestCookie(this.request.headers.get("Cookie"), this.options.cookie.name);
    return this.#cookie;
  }

  async load(): Promise<SessionPayload> {
    const raw = this.cookie.value;
    if (raw === undefined) return emptyPayload();
    const { store, secrets, cookie } = this.options;
    const now = this.now();
    if (isCookieStore(store)) {
      const decoded = await store.decode(raw, { secrets, now });
      if (typeof decoded !== "object" || decoded === null) return emptyPayload();
      if (expiresAt(decoded.payload.expiry, decoded.issuedAt, cookie.maxAge) <= now) return emptyPayload();
      this.#found = true;
      this.#savedAt = decoded.issuedAt;
      return decoded.payload;
    }
    const verified = await verifySessionId(raw, secrets);
    if (verified === null) return emptyPayload(); // tampered or malformed: the store never sees it
    const { id } = verified;
    const stored = await storeCall("get", () => store.get(id));
    // An unknown or expired id is never adopted (no fixation): the next save gets a fresh id.
    if (!stored || stored.expiresAt <= now) return emptyPayload();
    const payload = parsePayload(stored.value);
    if (!payload) return emptyPayload();
    this.#id = id;
    // Signed with an old secret: re-sign with the current one at the next save (rotation).
    this.#signedId = verified.current ? raw : undefined;
    this.#version = stored.version;
    this.#found = true;
    this.#savedAt = stored.expiresAt - expiryAge(payload.expiry, now, cookie.maxAge) * 1000;
    return payload;
  }

  async kill(): Promise<void> {
    const { store, secrets } = this.options;
    if (!isCookieStore(store)) {
      // flush() does not need the data, only the verified id: no store read.
      const id = this.state.loaded ? this.#id : ((await verifySessionId(this.cookie.value ?? "", secrets))?.id ?? null);
      if (id !== null) await storeCall("delete", () => store.delete(id));
    }
    this.#id = null;
    this.#signedId = undefined;
    this.#found = false;
  }

  async commit(response: Response): Promise<Response> {
    const { state } = this;
    if (!state.accessed) return response; // semantic 1: untouched costs nothing
    const setCookies: string[] = [];
    const hadCookie = this.cookie.present;
    if (response.status >= 500) {
      // Django never saves on a server error. A killed id is dead already, so its cookie goes.
      if (state.killed && hadCookie) setCookies.push(this.#removalCookie());
    } else if (state.isEmpty()) {
      if (hadCookie) {
        await this.#deleteRecord();
        setCookies.push(this.#removalCookie());
      }
    } else if (state.modified) {
      const value = await this.#save();
      setCookies.push(value === null ? this.#removalCookie() : this.#sessionCookie(value));
    } else if (this.#refreshDue()) {
      const value = await this.#refresh();
      if (value !== null) setCookies.push(this.#sessionCookie(value));
    }
    return withSessionHeaders(response, true, setCookies);
  }

  /** Writes the session; returns the cookie value, or null when a merge left it empty and it was deleted. */
  async #save(): Promise<string | null> {
    const { store, secrets } = this.options;
    const now = this.now();
    let payload = this.state.payload;
    if (isCookieStore(store)) return this.#checkSize(await store.encode(payload, { secrets, now }));

    if (this.#id === null) {
      await this.#create(store, payload, now);
    } else {
      for (let attempt = 0; ; attempt++) {
        const result = await storeCall("update", () =>
          store.update(this.#id!, serializePayload(payload), this.#expiresAt(payload, now), this.#version),
        );
        if (result === "ok") {
          this.#version++;
          break;
        }
        if (result === "gone") throw interrupted();
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw new SessionStoreError(`gave up saving the session after ${MAX_CONFLICT_RETRIES} conflicting concurrent writes`);
        }
        // Another request saved first: re-read its record and re-apply only our own changes (semantic 8).
        const fresh = await storeCall("get", () => store.get(this.#id!));
        const base = fresh && fresh.expiresAt > now ? parsePayload(fresh.value) : null;
        if (!fresh || !base) throw interrupted();
        this.#version = fresh.version;
        payload = this.state.rebase(base);
        if (isEmptyPayload(payload)) {
          await this.#deleteRecord();
          return null;
        }
        await jitter(attempt);
      }
    }
    this.#signedId ??= await signSessionId(this.#id!, secrets);
    return this.#signedId;
  }

  async #create(store: SessionStore, payload: SessionPayload, now: number): Promise<void> {
    const value = serializePayload(payload);
    const expires = this.#expiresAt(payload, now);
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = newSessionId();
      if (await storeCall("create", () => store.create(id, value, expires))) {
        this.#id = id;
        this.#signedId = undefined;
        this.#version = 1;
        return;
      }
    }
    throw new SessionStoreError(`the store refused ${MAX_ID_ATTEMPTS} fresh random ids as taken`);
  }

  /** Rolling expiry (saveEveryRequest): due when the last save is older than touchAfter. */
  #refreshDue(): boolean {
    const { saveEveryRequest, touchAfter } = this.options;
    if (!saveEveryRequest || !this.#found || typeof this.state.payload.expiry === "object") return false;
    return this.now() - this.#savedAt >= touchAfter * 1000;
  }

  /** Extends the session without changing it; null when it vanished meanwhile (nothing to extend). */
  async #refresh(): Promise<string | null> {
    const { store, secrets } = this.options;
    const now = this.now();
    const payload = this.state.payload;
    if (isCookieStore(store)) return this.#checkSize(await store.encode(payload, { secrets, now }));
    const id = this.#id!;
    const expires = this.#expiresAt(payload, now);
    const ok = store.touch
      ? await storeCall("touch", () => store.touch!(id, expires))
      : (await storeCall("update", () => store.update(id, serializePayload(payload), expires, this.#version))) === "ok";
    // "gone" or "conflict": deleted (never resurrect) or just rewritten by another request, which extended it.
    return ok ? (this.#signedId ?? null) : null;
  }

  async #deleteRecord(): Promise<void> {
    const { store } = this.options;
    const id = this.#id;
    if (id !== null && !isCookieStore(store)) await storeCall("delete", () => store.delete(id));
    this.#id = null;
    this.#signedId = undefined;
  }

  #expiresAt(payload: SessionPayload, now: number): number {
    return expiresAt(payload.expiry, now, this.options.cookie.maxAge);
  }

  #checkSize(value: string): string {
    const size = this.options.cookie.name.length + 1 + value.length;
    if (size > MAX_COOKIE_BYTES) throw new SessionTooLargeError(size, MAX_COOKIE_BYTES);
    return value;
  }

  #sessionCookie(value: string): string {
    const { cookie } = this.options;
    const now = this.now();
    const { expiry } = this.state.payload;
    const atClose = expiresAtBrowserClose(expiry, this.options.expireAtBrowserClose);
    const age = atClose ? undefined : Math.max(0, expiryAge(expiry, now, cookie.maxAge));
    return serializeSetCookie(cookie.name, value, {
      ...cookie,
      maxAge: age,
      expires: age === undefined ? undefined : new Date(now + age * 1000),
    });
  }

  /** Removes the cookie: same name, path and domain, Max-Age=0 (RFC 6265 §3.1). */
  #removalCookie(): string {
    const { cookie } = this.options;
    return serializeSetCookie(cookie.name, "", { ...cookie, maxAge: 0, expires: new Date(0) });
  }
}

function interrupted(): SessionInterruptedError {
  return new SessionInterruptedError(
    "the session was deleted by a concurrent request (a logout?) while this request changed it; it is not saved again",
  );
}

/** Runs a store call; any failure becomes a SessionStoreError with the original as `cause` (semantic 11). */
async function storeCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SessionError) throw error;
    throw new SessionStoreError(`session store ${operation} failed`, { cause: error });
  }
}

/** Random backoff so that conflicting writers stop colliding in lockstep. */
function jitter(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(2 ** attempt, 32);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

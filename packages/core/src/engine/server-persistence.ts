import type { RequestCookie } from "../cookie-header.ts";
import { SessionCookieError, SessionError, SessionInterruptedError, SessionStoreError } from "../errors.ts";
import { expiresAt, expiryAge } from "../expiry.ts";
import type { ResolvedOptions } from "../options.ts";
import { emptyPayload, isEmptyPayload, parsePayload, serializePayload } from "../payload.ts";
import type { SessionDraft } from "../session-draft.ts";
import { newSessionId, signSessionId, verifySessionId } from "../session-id.ts";
import type { SessionPayload, SessionStore } from "../store.ts";
import type { Persistence, Reporter } from "./persistence.ts";
import { removalCookieLine, sessionCookieLine } from "./set-cookie.ts";
import { queued } from "./write-queue.ts";

/** Conflicting writes re-read and re-apply this many times before giving up (§8). */
const MAX_CONFLICT_RETRIES = 64;
/** A store that refuses this many fresh 192-bit ids as taken is broken, not unlucky. */
const MAX_ID_ATTEMPTS = 3;

/**
 * Persistence for server stores: the cookie holds `<id>.<signature>` (§3).
 * Verify the id, then get and parse the record; create under fresh ids;
 * patch, or compare-and-set with rebase; touch; delete.
 */
export function serverPersistence(store: SessionStore, cookie: RequestCookie, options: ResolvedOptions, report: Reporter): Persistence {
  let id: string | null = null;
  /** The cookie value carrying `id`, reused while the id stays the same (no re-signing). */
  let signedId: string | undefined;
  let version = 0;
  let savedAt: number | null = null;
  /** load() ran (or the record was killed): `id` is known to be the live record's, or null. */
  let known = false;

  /** The one place store failures are wrapped and reported (docs/design.md, "Policies: errors, clocks, expiry"). */
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SessionError) throw error;
      const failure = new SessionStoreError(`session store ${operation} failed`, { cause: error, operation });
      report(failure);
      throw failure;
    }
  };
  const interrupted = (): SessionInterruptedError => {
    const error = new SessionInterruptedError(
      "the session was deleted by a concurrent request (a logout?) while this request changed it; it is not saved again",
    );
    report(error);
    return error;
  };
  const refuse = (reason: SessionCookieError["reason"]): SessionPayload => {
    report(new SessionCookieError(reason));
    return emptyPayload();
  };
  const expiryOf = (payload: SessionPayload): number => expiresAt(payload.expiry, options.now(), options.cookie.maxAge);
  const forget = (): void => {
    known = true;
    id = null;
    signedId = undefined;
    savedAt = null;
  };
  const line = async (draft: SessionDraft): Promise<string[]> => {
    signedId ??= await signSessionId(id!, options.secrets);
    return [sessionCookieLine(options, options.cookie.name, signedId, draft.payload.expiry)];
  };
  const removal = (): string[] => [removalCookieLine(options, options.cookie.name)];

  const create = async (payload: SessionPayload): Promise<void> => {
    const value = serializePayload(payload);
    const expires = expiryOf(payload);
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const fresh = newSessionId();
      if (await call("create", () => store.create(fresh, value, expires))) {
        id = fresh;
        signedId = undefined;
        version = 1;
        return;
      }
    }
    const error = new SessionStoreError(`the store refused ${MAX_ID_ATTEMPTS} fresh random ids as taken`, { operation: "create" });
    report(error);
    throw error;
  };

  /** Compare-and-set; on a conflict re-read and re-apply only this request's changes (§8). False: the merge emptied it. */
  const compareAndSet = async (draft: SessionDraft, current: string): Promise<boolean> => {
    let payload = draft.payload;
    for (let attempt = 0; ; attempt++) {
      const result = await call("update", () => store.update(current, serializePayload(payload), expiryOf(payload), version));
      if (result === "ok") {
        version++;
        return true;
      }
      if (result === "gone") throw interrupted();
      if (attempt >= MAX_CONFLICT_RETRIES) {
        const error = new SessionStoreError(`gave up saving the session after ${MAX_CONFLICT_RETRIES} conflicting concurrent writes`, {
          operation: "update",
        });
        report(error);
        throw error;
      }
      const fresh = await call("get", () => store.get(current));
      const base = fresh && fresh.expiresAt > options.now() ? parsePayload(fresh.value) : null;
      if (!fresh || !base) throw interrupted();
      version = fresh.version;
      payload = draft.rebase(base);
      if (isEmptyPayload(payload)) {
        await call("delete", () => store.delete(current));
        forget();
        return false;
      }
      // The first retry is immediate: the queue leaves no writer of this isolate to collide with.
      if (attempt > 0) await backoff(attempt);
    }
  };

  return {
    get id() {
      return id;
    },
    hadCookie: cookie.present,
    get savedAt() {
      return savedAt;
    },

    async load(accept) {
      const raw = cookie.value;
      if (raw === undefined) return cookie.present ? refuse("malformed") : emptyPayload();
      const verified = await verifySessionId(raw, options.secrets);
      // Tampered or malformed: the store never sees it (§3, §13).
      if (typeof verified === "string") return refuse(verified);
      const stored = await call("get", () => store.get(verified.id));
      known = true;
      const now = options.now();
      // An unknown or expired id is never adopted (no fixation): the next save gets a fresh id.
      if (!stored || stored.expiresAt <= now) return refuse("expired");
      const payload = parsePayload(stored.value);
      if (!payload) return refuse("bad-payload");
      if (!(await accept(payload))) return emptyPayload();
      id = verified.id;
      // Signed with an old secret: re-sign with the current one at the next save (rotation).
      signedId = verified.current ? raw : undefined;
      version = stored.version;
      savedAt = stored.expiresAt - expiryAge(payload.expiry, now, options.cookie.maxAge) * 1000;
      return payload;
    },

    async kill() {
      // flush() needs no data, only the verified id: no store read.
      const current = known ? id : await verifiedIdOf(cookie, options);
      if (current !== null) await call("delete", () => store.delete(current));
      forget();
    },

    async save(draft) {
      if (id === null) {
        await create(draft.payload);
      } else if (store.patch) {
        const current = id;
        const result = await call("patch", () => store.patch!(current, draft.changes(), expiryOf(draft.payload)));
        if (result === "gone") throw interrupted();
      } else {
        const current = id;
        if (!(await queued(store, current, () => compareAndSet(draft, current)))) return removal();
      }
      return line(draft);
    },

    async refresh(draft) {
      const current = id!;
      const expires = expiryOf(draft.payload);
      const extended = store.touch
        ? await call("touch", () => store.touch!(current, expires))
        : (await call("update", () => store.update(current, serializePayload(draft.payload), expires, version))) === "ok";
      // Not extended: deleted (never resurrect) or rewritten meanwhile by another request, which extended it.
      return extended ? line(draft) : [];
    },

    async remove() {
      const current = id;
      if (current !== null) await call("delete", () => store.delete(current));
      forget();
      return removal();
    },

    removalCookies: removal,
  };
}

async function verifiedIdOf(cookie: RequestCookie, options: ResolvedOptions): Promise<string | null> {
  if (cookie.value === undefined) return null;
  const verified = await verifySessionId(cookie.value, options.secrets);
  return typeof verified === "string" ? null : verified.id;
}

/** Random backoff after repeated conflicts, so writers from other isolates stop colliding in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(2 ** attempt, 32);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

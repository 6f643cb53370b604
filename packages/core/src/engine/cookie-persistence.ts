import { MAX_COOKIE_BYTES, type RequestCookie, readRequestCookie } from "../cookie-header.ts";
import { SessionCookieError, SessionTooLargeError } from "../errors.ts";
import { expiresAt } from "../expiry.ts";
import type { ResolvedOptions } from "../options.ts";
import { emptyPayload } from "../payload.ts";
import type { CookieSessionStore, SessionPayload } from "../store.ts";
import type { Persistence, Reporter } from "./persistence.ts";
import { removalCookieLine, sessionCookieLine } from "./set-cookie.ts";

/**
 * Persistence for cookie stores: the cookie holds the whole session, encoded
 * by the store. No store calls; an expired cookie is refused by its signed
 * timestamp and stored expiry (§9, §12). A store with `maxChunks > 1` may
 * spread one value over `name`, `name.1`, … (docs/design.md, "Cookies"):
 * the value is verified only as a whole, so a missing, extra or reordered
 * chunk fails verification and reads as no session.
 */
export function cookiePersistence(
  store: CookieSessionStore,
  header: string | null,
  cookie: RequestCookie,
  options: ResolvedOptions,
  report: Reporter,
): Persistence {
  const { name } = options.cookie;
  const maxChunks = store.maxChunks ?? 1;
  const chunkName = (index: number): string => (index === 0 ? name : `${name}.${index}`);
  /** The chunks the request carried: `name`, then `name.1`, … while they are consecutive. */
  const received: RequestCookie[] = [cookie];
  if (maxChunks > 1 && cookie.present) {
    for (let index = 1; index < maxChunks; index++) {
      const chunk = readRequestCookie(header, chunkName(index));
      if (!chunk.present) break;
      received.push(chunk);
    }
  }
  let savedAt: number | null = null;

  const refuse = (reason: SessionCookieError["reason"]): SessionPayload => {
    report(new SessionCookieError(reason));
    return emptyPayload();
  };
  const context = () => ({ secrets: options.secrets, now: options.now() });

  /** Set-Cookie lines for `value`: one cookie, or chunks, and removals of chunks the request had beyond them. */
  const lines = (value: string, payload: SessionPayload): string[] => {
    const chunks = split(value, maxChunks, name, (index) => sessionCookieLine(options, chunkName(index), "", payload.expiry).length);
    const result = chunks.map((chunk, index) => sessionCookieLine(options, chunkName(index), chunk, payload.expiry));
    for (let index = chunks.length; index < received.length; index++) result.push(removalCookieLine(options, chunkName(index)));
    return result;
  };
  const removals = (): string[] => received.map((_, index) => removalCookieLine(options, chunkName(index)));
  const encode = async (payload: SessionPayload): Promise<string[]> => lines(await store.encode(payload, context()), payload);

  return {
    id: null,
    hadCookie: cookie.present,
    get savedAt() {
      return savedAt;
    },
    async load(accept) {
      if (!cookie.present) return emptyPayload();
      if (received.some((chunk) => chunk.value === undefined)) return refuse("malformed");
      const value = received.map((chunk) => chunk.value).join("");
      const decoded = await store.decode(value, context());
      if (typeof decoded !== "object" || decoded === null) return refuse(decoded ?? "malformed");
      if (expiresAt(decoded.payload.expiry, decoded.issuedAt, options.cookie.maxAge) <= options.now()) return refuse("expired");
      if (!(await accept(decoded.payload))) return emptyPayload();
      savedAt = decoded.issuedAt;
      return decoded.payload;
    },
    async kill() {
      savedAt = null; // nothing stored server-side: the cookie is replaced or removed at commit
    },
    save: (draft) => encode(draft.payload),
    refresh: (draft) => encode(draft.payload),
    async remove() {
      savedAt = null;
      return removals();
    },
    removalCookies: removals,
  };
}

/**
 * Splits a cookie value into at most `maxChunks` pieces. One cookie keeps
 * today's limit, 4096 bytes of name and value (what browsers count, RFC 6265
 * §6.1); chunks must each fit 4096 bytes with their attributes, so that no
 * browser drops one. `lineLength(i)` is the length of chunk i's line without value.
 */
function split(value: string, maxChunks: number, name: string, lineLength: (index: number) => number): string[] {
  if (name.length + 1 + value.length <= MAX_COOKIE_BYTES) return [value];
  if (maxChunks <= 1) throw new SessionTooLargeError(name.length + 1 + value.length, MAX_COOKIE_BYTES);
  const chunks: string[] = [];
  for (let offset = 0, index = 0; offset < value.length; index++) {
    if (index >= maxChunks) {
      throw new SessionTooLargeError(
        value.length,
        MAX_COOKIE_BYTES,
        `more than the ${maxChunks} cookies of 4096 bytes that maxChunks allows`,
      );
    }
    const budget = MAX_COOKIE_BYTES - lineLength(index);
    chunks.push(value.slice(offset, offset + budget));
    offset += budget;
  }
  return chunks;
}

import type { SessionError } from "../errors.ts";
import type { SessionDraft } from "../session-draft.ts";
import type { SessionPayload } from "../store.ts";

/**
 * How one request's session is read and written: `serverPersistence` for
 * server stores (the cookie holds a signed id) and `cookiePersistence` for
 * cookie stores (the cookie holds the session). The commit policy only ever
 * talks to this interface, so it never asks which kind of store it has
 * (docs/design.md, "The engine").
 */
export interface Persistence {
  /** The session id (server stores), once loaded or saved; null otherwise. */
  readonly id: string | null;
  /** The request carried this session's cookie, even a malformed one. */
  readonly hadCookie: boolean;
  /** When the loaded session was last saved (epoch ms); null when none was found. */
  readonly savedAt: number | null;
  /**
   * Reads the request's session. `accept` sees a loaded payload first (the
   * schema check); a refused one reads as no session. Empty when there is none.
   */
  load(accept: (payload: SessionPayload) => Promise<boolean>): Promise<SessionPayload>;
  /** Deletes the stored record now (flush, cycleKey); the next save uses a fresh id (§6). */
  kill(): Promise<void>;
  /** Writes a modified session; the Set-Cookie lines to send. */
  save(draft: SessionDraft): Promise<string[]>;
  /** Rolling expiry: extends an unmodified session; the Set-Cookie lines to send. */
  refresh(draft: SessionDraft): Promise<string[]>;
  /** Deletes the record of an emptied session; the lines that remove its cookie (§5). */
  remove(): Promise<string[]>;
  /** The lines that remove the cookie, with no store call (a killed session on a 5xx). */
  removalCookies(): string[];
}

/** Hands an error to the `onError` hook (docs/design.md, "Policies: errors, clocks, expiry"). */
export type Reporter = (error: SessionError) => void;

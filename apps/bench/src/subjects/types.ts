/**
 * A subject is one library wired into the same tiny app, the way its README
 * shows. Every subject answers the same five routes, so one set of cases and
 * correctness checks runs against all of them:
 *
 * - `GET /untouched`        → "ok", the session is never used
 * - `GET /write?id=N`       → stores user {id: N, name: "user-N"} and n = 1, answers "ok"
 * - `GET /read`             → JSON of the stored user, or "null"
 * - `GET /rw`               → reads user and n, stores n + 1, answers "<user.id>:<n>"
 */
export interface Subject {
  /** Stable id used in results.json, e.g. "edge-session/fetch+cookie". */
  readonly id: string;
  /** Human label for tables. */
  readonly label: string;
  readonly group: "baseline" | "edge-session" | "peer" | "reference";
  /** Which bare handler its overhead is measured against (same framework, no session). */
  readonly framework: Framework;
  /**
   * The session API is called per route (React Router, iron-session, h3): a
   * route that does not call it pays nothing by construction, so the
   * untouched case is not applicable.
   */
  readonly explicit: boolean;
  /**
   * Measured on "read (cold)": a cycle of more distinct valid cookies than
   * any memo holds. "other-isolate": the cookies are issued by another
   * isolate (cookie stores: the session is in the cookie);
   * "same-isolate": by this one (a server store holds its records here, and
   * the reference has no memo). Peers keep no memo: their read is cold.
   */
  readonly coldRead?: "other-isolate" | "same-isolate";
  /** Name of the session cookie, for reading it back and tampering with it. */
  readonly cookieName: string;
  /** The app: a fetch handler. */
  fetch(request: Request): Promise<Response>;
  /** Extra facts printed with the results (versions, options that matter). */
  readonly notes?: string;
}

export type Framework = "fetch" | "hono" | "h3";

/** The user object the app stores; small, like a real login session. */
export interface BenchUser {
  id: number;
  name: string;
}

export function benchUser(id: number): BenchUser {
  return { id, name: `user-${id}` };
}

/** One secret of 44 characters for every library (all require ≥ 32). */
export const SECRET = "bench-secret-0123456789-abcdefghijklmnopqrst";

/** Two weeks, Django's SESSION_COOKIE_AGE and iron-session's default ttl: every library gets the same lifetime. */
export const MAX_AGE_SECONDS = 1_209_600;

/** The `id` query parameter of /write. */
export function idParam(url: string): number {
  const q = url.indexOf("?id=");
  return q < 0 ? 0 : Number(url.slice(q + 4));
}

/** The route of a request URL without allocating a URL object (every subject uses the same routine). */
export function routeOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const q = url.indexOf("?", start);
  return q < 0 ? url.slice(start) : url.slice(start, q);
}

import { type ResolvedCsrfOptions, resolveCsrfOptions } from "./csrf/verify.ts";
import { SessionConfigError, type SessionError } from "./errors.ts";
import { MAX_COOKIE_AGE_SECONDS } from "./expiry.ts";
import type { JsonData } from "./json-types.ts";
import type { SessionData } from "./session.ts";
import type { StandardSchemaV1 } from "./standard-schema.ts";
import type { AnyStore, SessionStore } from "./store.ts";
import { isCookieStore } from "./store.ts";

/**
 * Cookie attributes. Secure by default: Secure, HttpOnly, SameSite=Lax.
 * @example
 * { name: "__Host-session", maxAge: 3600, sameSite: "Strict" }
 */
export interface CookieOptions {
  /** ["sessionid"] — Django's SESSION_COOKIE_NAME. */
  name?: string;
  /** Seconds [1209600, two weeks] — Django's SESSION_COOKIE_AGE. */
  maxAge?: number;
  domain?: string;
  /** ["/"] */
  path?: string;
  /** [true] */
  secure?: boolean;
  /** [true] */
  httpOnly?: boolean;
  /** ["Lax"] */
  sameSite?: "Strict" | "Lax" | "None";
}

/**
 * Sees every store failure, interrupted save, refused cookie and CSRF
 * failure, before the binding answers; for logging and metrics. It gets the
 * error (reason codes only: never a cookie value, token or session data) and
 * the request. Whatever it throws is ignored.
 * @example
 * onError: (error, request) => console.error(`${request.method} ${new URL(request.url).pathname}: ${error.code}`, error.cause)
 */
export type ErrorHook = (error: SessionError, request: Request) => void;

/**
 * The `csrf` option's settings (Django's CSRF_USE_SESSIONS, docs/design.md "CSRF").
 * @example
 * { csrf: { trustedOrigins: ["https://app.example.com"], headerName: "X-CSRFToken" } }
 */
export interface CsrfOptions {
  /** Origins besides the request's own that may send unsafe requests, e.g. `"https://app.example.com"` — Django's CSRF_TRUSTED_ORIGINS. */
  trustedOrigins?: readonly string[];
  /** The request header carrying the token [`"X-CSRFToken"`] — Django's CSRF_HEADER_NAME. */
  headerName?: string;
  /** The form field carrying the token [`"csrfmiddlewaretoken"`]. */
  fieldName?: string;
}

/**
 * Everything a binding needs to run sessions.
 * @example
 * const options: SessionOptions = { store: memoryStore(), secret: env.SESSION_SECRET };
 */
export interface SessionOptions<Data extends JsonData<Data> = SessionData> {
  /** Where sessions live: a server store or a cookie store. */
  store: AnyStore;
  /** ≥ 32 characters, or a list: the first signs, every one verifies (rotation). */
  secret: string | readonly string[];
  cookie?: CookieOptions;
  /** Cookie without Max-Age/Expires [false] — Django's SESSION_EXPIRE_AT_BROWSER_CLOSE. */
  expireAtBrowserClose?: boolean;
  /** Rolling expiry: each request that uses the session extends it and re-issues the cookie [false]. */
  saveEveryRequest?: boolean;
  /** With rolling expiry, skip the refresh while the last save is younger than this many seconds [maxAge / 2]. */
  touchAfter?: number;
  /** Clock in epoch ms, used for every expiry decision [Date.now]. */
  now?: () => number;
  /** Called with every store failure, interrupted save, refused cookie and CSRF failure. */
  onError?: ErrorHook;
  /** CSRF protection bound to the session: unsafe methods need the session's token [false]. */
  csrf?: boolean | CsrfOptions;
  /** A Standard Schema v1 validator (zod, valibot, arktype) for the session's data; `Data` is inferred from it. */
  schema?: StandardSchemaV1<unknown, Data>;
}

/**
 * Options after validation and defaults; what the engine runs on.
 * @example
 * const { cookie, secrets } = resolveOptions(options);
 */
export interface ResolvedOptions {
  readonly store: AnyStore;
  readonly secrets: readonly string[];
  readonly cookie: Required<Omit<CookieOptions, "domain">> & { domain: string | undefined };
  readonly expireAtBrowserClose: boolean;
  readonly saveEveryRequest: boolean;
  readonly touchAfter: number;
  readonly now: () => number;
  /** Never throws: a hook's own failure is swallowed (docs/design.md, "Policies: errors, clocks, expiry"). */
  readonly onError: ErrorHook | undefined;
  /** Undefined when CSRF protection is off. */
  readonly csrf: ResolvedCsrfOptions | undefined;
  readonly schema: StandardSchemaV1 | undefined;
}

/**
 * @example
 * if (secret.length < MIN_SECRET_LENGTH) throw new Error("secret too short");
 */
export const MIN_SECRET_LENGTH = 32;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/; // RFC 7230 token: a valid cookie name
const ATTRIBUTE_VALUE = /^[\x21-\x3a\x3c-\x7e]+$/; // no CTLs, spaces or ';' (RFC 6265 §4.1.1)

const resolved = new WeakMap<SessionOptions, ResolvedOptions>();

/**
 * Validates options and fills in defaults, once per options object: a binding
 * given a fixed object pays for this once; one given a function that builds
 * a new object per request pays a few property reads.
 * @example
 * resolveOptions(options); // at start-up: a bad secret fails before the first visitor
 */
export function resolveOptions(options: SessionOptions): ResolvedOptions {
  let result = resolved.get(options);
  if (!result) {
    result = validate(options);
    resolved.set(options, result);
  }
  return result;
}

function validate(options: SessionOptions): ResolvedOptions {
  if (!options || typeof options !== "object") throw new SessionConfigError("session options must be an object");
  const { store } = options;
  if (!store || typeof store !== "object") throw new SessionConfigError("options.store is required");
  if (!isCookieStore(store)) assertServerStore(store);

  const secrets = validateSecrets(options.secret);

  const c = options.cookie ?? {};
  const cookie = {
    name: c.name ?? "sessionid",
    maxAge: c.maxAge ?? 1_209_600,
    domain: c.domain,
    path: c.path ?? "/",
    secure: c.secure ?? true,
    httpOnly: c.httpOnly ?? true,
    sameSite: c.sameSite ?? "Lax",
  } as const;
  if (!TOKEN.test(cookie.name)) throw new SessionConfigError(`cookie.name "${cookie.name}" is not a valid cookie name`);
  if (!Number.isSafeInteger(cookie.maxAge) || cookie.maxAge <= 0) {
    throw new SessionConfigError("cookie.maxAge must be a positive whole number of seconds");
  }
  // Browsers cap cookie lifetimes at 400 days (docs/design.md, "Input limits").
  if (cookie.maxAge > MAX_COOKIE_AGE_SECONDS) {
    throw new SessionConfigError(`cookie.maxAge must be at most ${MAX_COOKIE_AGE_SECONDS} seconds (400 days), the browsers' cap`);
  }
  if (cookie.domain !== undefined && !ATTRIBUTE_VALUE.test(cookie.domain)) {
    throw new SessionConfigError("cookie.domain contains characters a cookie attribute cannot hold");
  }
  if (!ATTRIBUTE_VALUE.test(cookie.path)) throw new SessionConfigError("cookie.path contains characters a cookie attribute cannot hold");
  if (!["Strict", "Lax", "None"].includes(cookie.sameSite)) {
    throw new SessionConfigError('cookie.sameSite must be "Strict", "Lax" or "None"');
  }
  // Browsers reject SameSite=None without Secure (RFC 6265bis §4.1.2.7).
  if (cookie.sameSite === "None" && !cookie.secure) throw new SessionConfigError('cookie.sameSite "None" requires cookie.secure');

  const touchAfter = options.touchAfter ?? Math.floor(cookie.maxAge / 2);
  if (!Number.isFinite(touchAfter) || touchAfter < 0) throw new SessionConfigError("touchAfter must be a number of seconds ≥ 0");
  const now = options.now ?? Date.now;
  if (typeof now !== "function") throw new SessionConfigError("options.now must be a function returning epoch ms");

  return {
    store,
    secrets,
    cookie,
    expireAtBrowserClose: options.expireAtBrowserClose ?? false,
    saveEveryRequest: options.saveEveryRequest ?? false,
    touchAfter,
    now,
    onError: validateOnError(options.onError),
    csrf: resolveCsrfOptions(options.csrf, { cookieDomain: cookie.domain }),
    schema: validateSchema(options.schema),
  };
}

/** Names the entry and what is wrong with it: `secret[1] is missing`, `secret is 12 characters, needs at least 32`. */
function validateSecrets(secret: unknown): string[] {
  const list = Array.isArray(secret) ? (secret as unknown[]) : [secret];
  if (list.length === 0) throw new SessionConfigError("options.secret is an empty list: give at least one secret of 32 or more characters");
  return list.map((entry, index) => {
    const name = Array.isArray(secret) ? `options.secret[${index}]` : "options.secret";
    if (entry === undefined || entry === null || entry === "") {
      throw new SessionConfigError(`${name} is missing (${entry === "" ? "empty" : String(entry)}): is its environment variable set?`);
    }
    if (typeof entry !== "string") throw new SessionConfigError(`${name} is a ${typeof entry}, not a string`);
    if (entry.length < MIN_SECRET_LENGTH) {
      throw new SessionConfigError(`${name} is ${entry.length} characters, needs at least ${MIN_SECRET_LENGTH}`);
    }
    return entry;
  });
}

function validateOnError(hook: unknown): ErrorHook | undefined {
  if (hook === undefined) return undefined;
  if (typeof hook !== "function") throw new SessionConfigError("options.onError must be a function (error, request) => void");
  const report = hook as ErrorHook;
  return (error, request) => {
    try {
      report(error, request);
    } catch {
      // The hook is for observing; its own failure must not change the response.
    }
  };
}

function validateSchema(schema: unknown): StandardSchemaV1 | undefined {
  if (schema === undefined) return undefined;
  const standard = (schema as Partial<StandardSchemaV1> | null)?.["~standard"];
  if (!standard || standard.version !== 1 || typeof standard.validate !== "function") {
    throw new SessionConfigError("options.schema must be a Standard Schema v1 validator (zod 4, valibot 1, arktype 2)");
  }
  return schema as StandardSchemaV1;
}

function assertServerStore(store: SessionStore): void {
  for (const method of ["get", "create", "update", "delete"] as const) {
    if (typeof store[method] !== "function") throw new SessionConfigError(`the store has no ${method}() method`);
  }
  if (!store.capabilities || typeof store.capabilities.atomic !== "boolean") {
    throw new SessionConfigError("the store declares no capabilities");
  }
}

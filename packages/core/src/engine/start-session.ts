import { readRequestCookie } from "../cookie-header.ts";
import { CSRF_SESSION_KEY } from "../csrf/secret.ts";
import { isCsrfSafeMethod, verifyCsrfRequest } from "../csrf/verify.ts";
import { SessionError } from "../errors.ts";
import type { JsonData } from "../json-types.ts";
import { type ResolvedOptions, resolveOptions, type SessionOptions } from "../options.ts";
import { sessionErrorResponse } from "../response.ts";
import { Session, type SessionData } from "../session.ts";
import { SessionDraft } from "../session-draft.ts";
import { isCookieStore, type SessionPayload } from "../store.ts";
import { commitSession } from "./commit-policy.ts";
import { cookiePersistence } from "./cookie-persistence.ts";
import type { Persistence, Reporter } from "./persistence.ts";
import { serverPersistence } from "./server-persistence.ts";
import { invalidStoredData } from "./validation.ts";

/**
 * A session bound to one request, and the steps a binding runs around its
 * handler: `protect()` before, `commit(response)` after, `fail(error)` when
 * anything threw (docs/design.md, "Bindings").
 * @example
 * const handle = startSession(request, options);
 * try { await handle.protect(); return await handle.commit(await app(request, handle.session)); }
 * catch (error) { return handle.fail(error) ?? Promise.reject(error); }
 */
export interface SessionHandle<Data extends JsonData<Data> = SessionData> {
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
 * SessionMiddleware (docs/design.md §1–§9).
 * @example
 * const { session, commit } = startSession(request, { store: memoryStore(), secret });
 * await session.set("visits", 1);
 * return commit(new Response("ok"));
 */
export function startSession<Data extends JsonData<Data> = SessionData>(
  request: Request,
  options: SessionOptions<Data>,
): SessionHandle<Data> {
  const resolved = resolveOptions(options as SessionOptions);
  const reported = new WeakSet<SessionError>();
  const report: Reporter = (error) => {
    if (reported.has(error)) return;
    reported.add(error);
    resolved.onError?.(error, request);
  };
  const persistence = persistenceFor(request, resolved, report);
  const draft = new SessionDraft(() => persistence.load((payload) => accept(payload, resolved, report)));
  return {
    session: new Session<Data>(draft, persistence, resolved),
    async protect() {
      if (!resolved.csrf || isCsrfSafeMethod(request.method)) return;
      const { data } = await draft.ready();
      try {
        await verifyCsrfRequest(request, data[CSRF_SESSION_KEY] as string | undefined, resolved.csrf);
      } catch (error) {
        if (error instanceof SessionError) report(error);
        throw error;
      }
    },
    commit: (response) => commitSession(draft, persistence, response, resolved),
    fail(error) {
      const response = sessionErrorResponse(error);
      if (response && error instanceof SessionError) report(error);
      return response;
    },
  };
}

function persistenceFor(request: Request, options: ResolvedOptions, report: Reporter): Persistence {
  const header = request.headers.get("Cookie");
  const cookie = readRequestCookie(header, options.cookie.name);
  const { store } = options;
  return isCookieStore(store)
    ? cookiePersistence(store, header, cookie, options, report)
    : serverPersistence(store, cookie, options, report);
}

/** With a schema, stored data that no longer validates (an old deploy's shape) reads as no session (docs/design.md, "Validated data"). */
async function accept(payload: SessionPayload, options: ResolvedOptions, report: Reporter): Promise<boolean> {
  if (!options.schema) return true;
  const failure = await invalidStoredData(options.schema, payload);
  if (failure) report(failure);
  return failure === undefined;
}

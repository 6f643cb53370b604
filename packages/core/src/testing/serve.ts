import { startSession } from "../engine/start-session.ts";
import type { JsonData } from "../json-types.ts";
import { resolveOptions, type SessionOptions } from "../options.ts";
import type { Session, SessionData } from "../session.ts";
import type { Handler } from "./browser.ts";

/**
 * The smallest request-level binding, for store packages' tests: the flow
 * suite and store tests drive sessions through Request/Response with it, so a
 * store never depends on a binding package (docs/design.md, "Packages").
 * It runs a binding's steps: protect (CSRF), the app, commit; session errors become 400/403/503.
 * @example
 * const handler = serveSession(async (request, session) => { await session.set("n", 1); return new Response("ok"); }, { store, secret });
 * await handler(new Request("https://example.test/"));
 */
export function serveSession<Data extends JsonData<Data> = SessionData>(
  app: (request: Request, session: Session<Data>) => Response | Promise<Response>,
  options: SessionOptions<Data>,
): Handler {
  resolveOptions(options as SessionOptions); // a fixed options object fails now, not at the first request
  return async (request) => {
    const handle = startSession<Data>(request, options);
    try {
      await handle.protect();
      return await handle.commit(await app(request, handle.session));
    } catch (error) {
      const response = handle.fail(error);
      if (response) return response;
      throw error;
    }
  };
}

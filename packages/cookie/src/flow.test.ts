// The request-level conformance suite with this package's stores.
//
// The brief asked for this through withSession, but @edge-session/fetch devDepends on this
// package (to run the same suite), and depending back on it is a cycle turbo refuses for
// `build` (dependsOn ^build). So the binding here is the engine itself — startSession,
// commit, sessionErrorResponse — which is all withSession does besides passing env/ctx.
// The fetch and hono packages run the suite through their bindings with cookieStore too.
import { sessionErrorResponse, startSession } from "@edge-session/core";
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow } from "@edge-session/core/testing";
import { cookieStore } from "./cookie-store.ts";

const bind: Parameters<typeof describeSessionFlow>[1]["bind"] = (app, options) => {
  resolveOptions(options); // as withSession does: a bad secret fails at start-up, not on the first visitor
  return async (request) => {
    try {
      const { session, commit } = startSession(request, options);
      return await commit(await app(request, session));
    } catch (error) {
      const response = sessionErrorResponse(error);
      if (response) return response;
      throw error;
    }
  };
};

describeSessionFlow("engine + cookieStore()", { store: () => cookieStore(), bind });
describeSessionFlow("engine + cookieStore({ encrypt: true })", { store: () => cookieStore({ encrypt: true }), bind });

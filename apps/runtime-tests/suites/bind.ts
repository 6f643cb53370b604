// What every runtime's suite files share: the binding under test and where the test services are.
import type { FlowSetup } from "@edge-session/core/testing";
import { withSession } from "@edge-session/fetch";
import { type SessionEnv, session } from "@edge-session/hono";
import { Hono } from "hono";

/** The fetch binding, as a Deno.serve / Bun.serve / Workers app would use it. */
export const bind: FlowSetup["bind"] = (app, options) => {
  const handler = withSession(app, options);
  return (request) => handler(request, undefined, undefined);
};

/** The Hono middleware, the other binding: the same suite through `app.use(session(options))` and `c.var.session`. */
export const bindHono: FlowSetup["bind"] = (flowApp, options) => {
  const app = new Hono<SessionEnv>().use(session(options)).all("*", (c) => flowApp(c.req.raw, c.var.session));
  return async (request) => app.fetch(request);
};

/**
 * A variable set by the runner (scripts/run.ts): `process.env` exists on Node,
 * Bun and Deno 2, and inside workerd (nodejs_compat fills it from the bindings
 * the workerd config passes through).
 */
export function testEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === "" ? undefined : value;
}

// What every runtime's suite files share: the binding under test and where the test services are.
import type { FlowSetup } from "@edge-session/core/testing";
import { withSession } from "@edge-session/fetch";

/** The fetch binding, as a Deno.serve / Bun.serve / Workers app would use it. */
export const bind: FlowSetup["bind"] = (app, options) => {
  const handler = withSession(app, options);
  return (request) => handler(request, undefined, undefined);
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

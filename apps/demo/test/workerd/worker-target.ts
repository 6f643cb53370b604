// The deployed Worker as the demo flows see it: its exported fetch, with a
// per-store env (one env object per store, as a deployed Worker has one per isolate).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index.ts";
import type { StoreKind } from "../../src/settings.ts";
import type { DemoTarget } from "../demo-flows.ts";
import { LOCAL_ORIGIN } from "../demo-flows.ts";

export function workerTarget(store: StoreKind, overrides: Partial<Env> = {}): DemoTarget {
  const storeEnv: Env = { ...env, ...overrides, SESSION_STORE: store };
  return {
    store,
    serverSide: store !== "cookie",
    origin: LOCAL_ORIGIN,
    async fetch(request) {
      const ctx = createExecutionContext();
      const response = await worker.fetch(request, storeEnv, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    },
  };
}

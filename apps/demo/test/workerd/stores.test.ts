// The demo inside workerd, through the Worker's exported fetch, on every store it offers,
// with Miniflare's real KV namespace and D1 database from wrangler.jsonc.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index.ts";
import { STORE_KINDS } from "../../src/settings.ts";
import { describeDemo } from "../demo-flows.ts";

for (const store of STORE_KINDS) {
  // One env object per store, as a deployed Worker has one per isolate.
  const storeEnv: Env = { ...env, SESSION_STORE: store };
  describeDemo({
    store,
    async fetch(request) {
      const ctx = createExecutionContext();
      const response = await worker.fetch(request, storeEnv, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    },
  });
}

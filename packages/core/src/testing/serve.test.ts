import { memoryStore } from "../memory-store.ts";
import type { SessionStore } from "../store.ts";
import { describeSessionFlow } from "./describe-session-flow.ts";
import { serveSession } from "./serve.ts";

/** memoryStore without `patch`, so the flow suite also runs the compare-and-set path with rebase. */
function compareAndSetStore(): SessionStore {
  const { patch: _patch, ...store } = memoryStore();
  return store;
}

describeSessionFlow("serveSession + memoryStore (patch)", {
  store: () => memoryStore(),
  bind: (app, options) => serveSession(app, options),
});
describeSessionFlow("serveSession + memoryStore (compare-and-set)", {
  store: compareAndSetStore,
  bind: (app, options) => serveSession(app, options),
});

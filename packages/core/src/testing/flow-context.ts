import type { SessionOptions } from "../options.ts";
import type { AnyStore } from "../store.ts";
import type { Browser, Clock, Handler } from "./browser.ts";
import type { countingStore } from "./counting-store.ts";
import type { Gates } from "./flow-app.ts";

/** What each flow case starts from: a fresh store behind a counter, a clock, the bound app and a browser. */
export interface FlowContext {
  clock: Clock;
  counter: ReturnType<typeof countingStore<AnyStore>>;
  gates: Gates;
  options: SessionOptions;
  handler: Handler;
  /** The store keeps sessions server-side (the cookie holds an id). */
  server: boolean;
  atomic: boolean;
  /** The same app and store bound with more options. */
  rebind: (more: Partial<SessionOptions>) => Handler;
  browser: Browser;
}

/** Starts a flow case, with options over the suite's defaults. */
export type StartFlow = (overrides?: Partial<SessionOptions>) => Promise<FlowContext>;

/** An `onError` that records what it saw. */
export function errorLog(): {
  seen: { code: string; reason?: string; message: string; url: string }[];
  hook: NonNullable<SessionOptions["onError"]>;
} {
  const seen: { code: string; reason?: string; message: string; url: string }[] = [];
  return {
    seen,
    hook: (error, request) => {
      const reason = (error as { reason?: string }).reason;
      seen.push({ code: error.code, ...(reason ? { reason } : {}), message: error.message, url: request.url });
    },
  };
}

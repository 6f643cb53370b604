/**
 * @edge-session/core/testing — the conformance suites. They import only from
 * "vitest", so the same files run in Node and inside workerd.
 * @module
 */

export type { Handler, ParsedSetCookie } from "./browser.ts";
export { Browser, Clock, parseSetCookie } from "./browser.ts";
export type { CallCounts } from "./counting-store.ts";
export { countingStore } from "./counting-store.ts";
export type { FlowSetup } from "./describe-session-flow.ts";
/**
 * The request-level suite: every semantic of docs/design.md through Request/Response only.
 * @example
 * describeSessionFlow("withSession + memoryStore", { store: () => memoryStore(), bind: (app, options) => withSession(app, options) });
 */
export { describeSessionFlow } from "./describe-session-flow.ts";
export type { MakeStore } from "./describe-store.ts";
/**
 * The store conformance suite.
 * @example
 * describeStore("memoryStore", () => memoryStore());
 */
export { describeStore } from "./describe-store.ts";
export type { FlowApp } from "./flow-app.ts";
/**
 * The app the flow suite drives, a cookie-jar browser, a manual clock and a counting store wrapper.
 * @example
 * const browser = new Browser(handler); await browser.fetch("/");
 */
export { flowApp, Gates } from "./flow-app.ts";
/** The smallest request-level binding, so store packages test through Request/Response without depending on a binding. */
export { serveSession } from "./serve.ts";

/**
 * The demo as one fetch handler through `withSession`, for `Deno.serve` and `Bun.serve`.
 * @example
 * ```ts
 * Deno.serve(createDemoApp({ runtime: "Deno", ...settingsFromEnv((name) => Deno.env.get(name)) }));
 * ```
 */

export type { DemoAppOptions, DemoData } from "./app.ts";
export { createDemoApp, REMEMBER_SECONDS } from "./app.ts";
export type { DemoSettings, StoreKind } from "./settings.ts";
/**
 * The store and secret from `SESSION_STORE` (memory, cookie, cookie-encrypted, file), `SESSION_DIR` and `SESSION_SECRET`.
 * @example
 * ```ts
 * const settings = settingsFromEnv((name) => process.env[name]);
 * ```
 */
export { DEV_SECRET, STORE_KINDS, settingsFromEnv } from "./settings.ts";

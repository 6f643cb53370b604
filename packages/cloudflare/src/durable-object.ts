/**
 * @edge-session/cloudflare/durable-object — the `SessionObject` class that
 * `durableObjectStore` talks to. It has an entry of its own because it extends
 * `DurableObject` from `cloudflare:workers`, a module only the Workers runtime
 * provides: the stores in the main entry stay importable from Node, Deno and
 * Bun (tests, tooling), and a Worker imports this entry to export the class
 * (docs/design.md, "Durable Objects").
 * @module
 */

/**
 * The Durable Object that keeps one session: re-export it from the Worker's main module and bind it.
 * @example
 * ```ts
 * export { SessionObject } from "@edge-session/cloudflare/durable-object";
 * ```
 */
export { SessionObject } from "./session-object.ts";

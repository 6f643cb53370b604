/**
 * @edge-session/fs — sessions as files, for Node, Deno and Bun.
 * @module
 */

/**
 * Options of {@link fileStore} (`dir`, and optionally the file-name `prefix` and a clock `now`), and the store it returns.
 * @example
 * ```ts
 * const options: FileStoreOptions = { dir: "/var/lib/app/sessions", prefix: "sid-" };
 * ```
 */
export type { FileSessionStore, FileStoreOptions } from "./fileStore.ts";
/**
 * Sessions as files in a directory: atomic writes, compare-and-set within one process,
 * `clearExpired()` like Django's `clearsessions`.
 * @example
 * ```ts
 * import { fileStore } from "@edge-session/fs";
 * const store = fileStore({ dir: "./.sessions" });
 * ```
 */
export { fileStore } from "./fileStore.ts";

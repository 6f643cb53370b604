/**
 * Sessions as files in a directory, for Node, Deno and Bun: atomic writes,
 * compare-and-set within one process, `clearExpired()` like Django's `clearsessions`.
 * @example
 * ```ts
 * import { fileStore } from "@edge-session/fs";
 * const store = fileStore({ dir: "./.sessions" });
 * ```
 */
export { fileStore } from "./fileStore.ts";
/**
 * Options of {@link fileStore}: `dir`, and optionally the file-name `prefix` and a clock `now`.
 * @example
 * ```ts
 * const options: FileStoreOptions = { dir: "/var/lib/app/sessions", prefix: "sid-" };
 * ```
 */
export type { FileSessionStore, FileStoreOptions } from "./fileStore.ts";

/**
 * @edge-session/fs — sessions as files, for Node, Deno and Bun (Django's file backend).
 * @module
 */

export type { FileSessionStore, FileStoreOptions } from "./file-store.ts";
export { fileStore } from "./file-store.ts";

/**
 * @edge-session/postgres — sessions in PostgreSQL over postgres.js (Django's
 * database backend), with the table shipped as `migrations/0001_sessions.sql`.
 * @module
 */

export { createTable } from "./migrate.ts";
export type { PostgresSessionStore, PostgresStoreOptions } from "./postgres-store.ts";
export { postgresStore } from "./postgres-store.ts";
export { DEFAULT_TABLE, schemaSql } from "./schema.ts";

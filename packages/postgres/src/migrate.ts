import { SessionConfigError } from "@edge-session/core";
import type { Sql } from "postgres";
import { DEFAULT_TABLE, isTableName, schemaSql } from "./schema.ts";

/**
 * Creates the sessions table and its index if they do not exist (the same SQL
 * as `migrations/0001_sessions.sql`). Run it once at deploy time, or apply the
 * migration file with your own migration tool.
 * @example
 * ```ts
 * import postgres from "postgres";
 * import { createTable } from "@edge-session/postgres";
 * await createTable(postgres(process.env.DATABASE_URL!));
 * ```
 */
export async function createTable(sql: Sql, options: { table?: string } = {}): Promise<void> {
  const table = options.table ?? DEFAULT_TABLE;
  if (!isTableName(table)) throw new SessionConfigError("createTable: table must be name or schema.name ([A-Za-z0-9_])");
  await sql.unsafe(schemaSql(table));
}

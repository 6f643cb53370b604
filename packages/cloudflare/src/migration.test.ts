import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { d1Store } from "./d1-store.ts";

// EMPTY_DB starts with no tables (test/apply-migrations.ts only migrates DB), so this
// applies migrations/0001_sessions.sql the way `wrangler d1 migrations apply` does.
describe("migrations/0001_sessions.sql", () => {
  it("applies cleanly to an empty database, creates the table and its expires_at index, and re-applies as a no-op", async () => {
    const tables = async (): Promise<string[]> =>
      (
        await env.EMPTY_DB.prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name",
        ).all<{ name: string }>()
      ).results.map((r) => r.name);
    expect(await tables()).not.toContain("sessions");

    expect(env.TEST_MIGRATIONS.map((m) => m.name)).toEqual(["0001_sessions.sql"]);
    await applyD1Migrations(env.EMPTY_DB, env.TEST_MIGRATIONS);
    await applyD1Migrations(env.EMPTY_DB, env.TEST_MIGRATIONS);
    expect(await tables()).toEqual(["d1_migrations", "sessions"]);

    const columns = await env.EMPTY_DB.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info('sessions')").all();
    expect(columns.results).toEqual([
      { name: "id", type: "TEXT", notnull: 1, pk: 1 },
      { name: "value", type: "TEXT", notnull: 1, pk: 0 },
      { name: "version", type: "INTEGER", notnull: 1, pk: 0 },
      { name: "expires_at", type: "INTEGER", notnull: 1, pk: 0 },
    ]);
    const index = await env.EMPTY_DB.prepare(
      "SELECT i.name AS name, c.name AS column FROM pragma_index_list('sessions') i, pragma_index_info(i.name) c WHERE i.origin = 'c'",
    ).all();
    expect(index.results).toEqual([{ name: "sessions_expires_at", column: "expires_at" }]);

    // The statements themselves are idempotent too (IF NOT EXISTS), for hand-run set-ups.
    await env.EMPTY_DB.batch(env.TEST_MIGRATIONS.flatMap((m) => m.queries).map((q) => env.EMPTY_DB.prepare(q)));

    const store = d1Store(env.EMPTY_DB);
    expect(await store.create("a", "v", Date.now() + 60_000)).toBe(true);
    expect(await store.clearExpired()).toBe(0);
  });
});

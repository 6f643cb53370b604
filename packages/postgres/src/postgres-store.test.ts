import { readFile } from "node:fs/promises";
import { SessionConfigError, type SessionPatch } from "@edge-session/core";
import { applyPatch, serializePayload } from "@edge-session/core/kit";
import { describe, expect, it } from "vitest";
import { useCluster } from "../test/use-cluster.ts";
import { createTable } from "./migrate.ts";
import { postgresStore } from "./postgres-store.ts";
import { schemaSql } from "./schema.ts";

const fx = useCluster();
const HOUR = 3_600_000;
const json = (value: unknown): string => JSON.stringify(value);

describe("postgresStore against a real PostgreSQL", () => {
  it("ships the migration createTable runs, and createTable is idempotent", async () => {
    const file = await readFile(new URL("../migrations/0001_sessions.sql", import.meta.url), "utf8");
    expect(file).toContain(schemaSql("edge_sessions"));
    await createTable(fx.sql());
    await createTable(fx.sql());
    const [index] = await fx.sql()`SELECT indexdef FROM pg_indexes WHERE tablename = 'edge_sessions' AND indexname LIKE '%expires_at%'`;
    expect(index?.indexdef).toMatch(/\(expires_at\)/);
    await fx.sql()`CREATE SCHEMA IF NOT EXISTS app`;
    await createTable(fx.sql(), { table: "app.sessions" });
    const store = postgresStore({ sql: fx.sql(), table: "app.sessions" });
    expect(await store.create("x", '{"d":{}}', Date.now() + HOUR)).toBe(true);
    expect((await store.get("x"))?.value).toBe('{"d":{}}');
  });

  it("patch splices exactly what applyPatch computes, for awkward values and keys, in one statement", async () => {
    const table = await fx.table();
    const store = postgresStore({ sql: fx.sql(), table });
    const start = serializePayload({ data: { keep: [], z: 1, n: 0.1, s: "a\u0000b" }, flash: { f: "once" }, expiry: 60 });
    const changes: SessionPatch = {
      clear: false,
      data: [
        ["float", json(0.30000000000000004)],
        ["e21", json(1e21)],
        ["tiny", json(5e-324)],
        ["emptyArray", "[]"],
        ["emptyObject", "{}"],
        ["nul", json("\u0000")],
        ["\u0000key", json("nul key")],
        ["unicode", json("é ☃ 𝄞 \u2028 \ud800")],
        ['q"uote', json('"')],
        ["back\\slash", json("\\")],
        ["__proto__", json({ polluted: true })],
        ["z", json("z stays second")],
        ["keep", null],
        ["never-there", null],
        ["", json("empty key")],
      ],
      flash: [
        ["f", null],
        ["g", json({ a: '}{]["," ' })],
      ],
      expiry: json({ at: 1_900_000_000_000 }),
    };
    const expiresAt = Date.now() + HOUR;
    await store.create("a", start, expiresAt);
    expect(await store.patch("a", changes, expiresAt + 1)).toBe("ok");
    expect(await store.get("a")).toEqual({ value: applyPatch(start, changes), version: 2, expiresAt: expiresAt + 1 });
    // The row keeps the JSON text, not jsonb's numbers.
    const [row] = await fx.sql()`SELECT data FROM ${fx.sql()(table)} WHERE id = 'a'`;
    expect(row?.data['"e21"']).toEqual([expect.any(Number), "1e+21"]);
  });

  it("patch with clear, and patches that empty the flash or drop the expiry, give the engine's own layout", async () => {
    const store = postgresStore({ sql: fx.sql(), table: await fx.table() });
    const start = serializePayload({ data: { a: 1, b: 2 }, flash: { f: 1 }, expiry: 600 });
    await store.create("a", start, Date.now() + HOUR);
    const clear: SessionPatch = { clear: true, data: [["c", "3"]], flash: [], expiry: null };
    expect(await store.patch("a", clear, Date.now() + HOUR)).toBe("ok");
    expect((await store.get("a"))?.value).toBe('{"d":{"c":3}}');
    expect((await store.get("a"))?.value).toBe(applyPatch(start, clear));
    expect(await store.patch("a", { clear: false, data: [["a", "1"]], flash: [["n", '"hi"']] }, Date.now() + HOUR)).toBe("ok");
    expect((await store.get("a"))?.value).toBe('{"d":{"c":3,"a":1},"f":{"n":"hi"}}');
  });

  it('patch, update and touch answer "gone" past expiresAt by the store\'s clock; create may then take the id anew', async () => {
    let t = Date.now();
    const store = postgresStore({ sql: fx.sql(), table: await fx.table(), now: () => t });
    await store.create("a", '{"d":{"v":1}}', t + 1_000);
    expect(await store.create("a", '{"d":{"v":2}}', t + HOUR)).toBe(false);
    t += 1_000; // expiresAt is exclusive
    expect(await store.get("a")).toBeNull();
    expect(await store.patch("a", { clear: false, data: [["b", "1"]], flash: [] }, t + HOUR)).toBe("gone");
    expect(await store.update("a", '{"d":{}}', t + HOUR, 1)).toBe("gone");
    expect(await store.touch("a", t + HOUR)).toBe(false);
    expect(await store.create("a", '{"d":{"v":3}}', t + HOUR)).toBe(true);
    expect(await store.get("a")).toEqual({ value: '{"d":{"v":3}}', version: 1, expiresAt: t + HOUR });
  });

  it('an opaque value is kept byte for byte and never patched ("gone")', async () => {
    const store = postgresStore({ sql: fx.sql(), table: await fx.table() });
    const value = "é ☃ 𝄞 \u0000 \n\t\\";
    await store.create("a", value, Date.now() + HOUR);
    expect(await store.patch("a", { clear: false, data: [["b", "1"]], flash: [] }, Date.now() + HOUR)).toBe("gone");
    expect(await store.get("a")).toMatchObject({ value, version: 1 });
  });

  it("50 parallel writers to different sessions lose nothing: creates, then patches and updates", async () => {
    const store = postgresStore({ sql: fx.sql(), table: await fx.table() });
    const ids = Array.from({ length: 50 }, (_, i) => `w${i}`);
    expect(await Promise.all(ids.map((id) => store.create(id, '{"d":{}}', Date.now() + HOUR)))).toEqual(Array(50).fill(true));
    const patched = await Promise.all(
      ids.map((id, i) => store.patch(id, { clear: false, data: [["n", String(i)]], flash: [] }, Date.now() + HOUR)),
    );
    expect(patched).toEqual(Array(50).fill("ok"));
    const updated = await Promise.all(ids.map((id, i) => store.update(id, `{"d":{"n":${i},"m":${i}}}`, Date.now() + HOUR, 2)));
    expect(updated).toEqual(Array(50).fill("ok"));
    const read = await Promise.all(ids.map((id) => store.get(id)));
    expect(read.map((r) => r?.value)).toEqual(ids.map((_, i) => `{"d":{"n":${i},"m":${i}}}`));
    expect(read.every((r) => r?.version === 3)).toBe(true);
  });

  it("clearExpired deletes exactly the expired rows (Django's clearsessions), by the store's clock", async () => {
    let t = 1_000_000;
    const store = postgresStore({ sql: fx.sql(), table: await fx.table(), now: () => t });
    await store.create("old1", "x", t + 10);
    await store.create("old2", "x", t + 20);
    await store.create("live", "x", t + 1_000);
    t += 20;
    expect(await store.clearExpired()).toBe(2);
    expect(await store.clearExpired()).toBe(0);
    expect(await store.get("live")).toMatchObject({ value: "x" });
  });

  it("refuses unusable options with SessionConfigError, and lets database errors through unwrapped", async () => {
    expect(() => postgresStore({ sql: undefined as never })).toThrow(SessionConfigError);
    expect(() => postgresStore({ sql: fx.sql(), table: 'x"; DROP TABLE y; --' })).toThrow(SessionConfigError);
    await expect(createTable(fx.sql(), { table: "bad name" })).rejects.toThrow(SessionConfigError);
    const missing = postgresStore({ sql: fx.sql(), table: "no_such_table" });
    await expect(missing.get("a")).rejects.toMatchObject({ code: "42P01" }); // postgres.js's PostgresError, as it is
    const store = postgresStore({ sql: fx.sql(), table: await fx.table() });
    expect(store.capabilities).toEqual({ atomic: true, consistency: "strong" });
  });
});

import { env } from "cloudflare:workers";
import { SessionConfigError, SessionStoreError } from "@edge-session/core";
import { describeSessionFlow, describeStore, serveSession } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { freshTable } from "../test/fresh-table.ts";
import { d1Store } from "./d1-store.ts";

const inMinutes = (minutes: number): number => Date.now() + minutes * 60_000;
const freshId = (): string => crypto.randomUUID();

// The core conformance suites, inside workerd against Miniflare's D1 (the suites use ids of their own per test).
describeStore("d1Store", () => d1Store(env.DB));
describeSessionFlow("serveSession + d1Store", { store: () => d1Store(env.DB), bind: serveSession });

describe("d1Store (D1 in workerd)", () => {
  it("declares compare-and-set and strong consistency", () => {
    expect(d1Store(env.DB).capabilities).toEqual({ atomic: true, consistency: "strong" });
  });

  it("creates at version 1 and reads back value, version and the exact expiresAt", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    const expiresAt = inMinutes(30) + 123;
    expect(await store.get(id)).toBeNull();
    expect(await store.create(id, '{"n":1}', expiresAt)).toBe(true);
    expect(await store.get(id)).toEqual({ value: '{"n":1}', version: 1, expiresAt });
  });

  it("create never overwrites a live record", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    const expiresAt = inMinutes(30);
    expect(await store.create(id, "first", expiresAt)).toBe(true);
    expect(await store.create(id, "second", inMinutes(60))).toBe(false);
    expect(await store.get(id)).toEqual({ value: "first", version: 1, expiresAt });
  });

  it("create replaces an expired row that clearExpired has not removed yet, at version 1", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await env.DB.prepare("INSERT INTO sessions (id, value, version, expires_at) VALUES (?, 'old', 7, ?)")
      .bind(id, Date.now() - 1)
      .run();
    expect(await store.get(id)).toBeNull();
    const expiresAt = inMinutes(30);
    expect(await store.create(id, "new", expiresAt)).toBe(true);
    expect(await store.get(id)).toEqual({ value: "new", version: 1, expiresAt });
  });

  it("update tells 'ok', 'conflict' and 'gone' apart", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    expect(await store.update(id, "x", inMinutes(30), 1)).toBe("gone");
    expect(await store.get(id)).toBeNull(); // "gone" never writes

    await store.create(id, "v1", inMinutes(30));
    const expiresAt = inMinutes(40);
    expect(await store.update(id, "v2", expiresAt, 1)).toBe("ok");
    expect(await store.get(id)).toEqual({ value: "v2", version: 2, expiresAt });

    expect(await store.update(id, "stale", inMinutes(50), 1)).toBe("conflict");
    expect(await store.get(id)).toEqual({ value: "v2", version: 2, expiresAt });

    await store.delete(id);
    expect(await store.update(id, "v3", inMinutes(50), 2)).toBe("gone");
  });

  it("an expired row is absent: get is null, update is 'gone', touch is false", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    expect(await store.create(id, "v", Date.now() - 1)).toBe(true);
    expect(await store.get(id)).toBeNull();
    expect(await store.update(id, "w", inMinutes(30), 1)).toBe("gone");
    expect(await store.touch(id, inMinutes(30))).toBe(false);
  });

  it("touch extends the expiry without changing value or version", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, "v", inMinutes(30));
    const later = inMinutes(90);
    expect(await store.touch(id, later)).toBe(true);
    expect(await store.get(id)).toEqual({ value: "v", version: 1, expiresAt: later });
    expect(await store.touch(freshId(), later)).toBe(false);
  });

  it("delete removes the row and is idempotent", async () => {
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, "v", inMinutes(30));
    await store.delete(id);
    expect(await store.get(id)).toBeNull();
    await expect(store.delete(id)).resolves.toBeUndefined();
  });

  it("clearExpired deletes exactly the expired rows and returns how many", async () => {
    const store = d1Store(env.DB, { table: await freshTable() });
    const past = Date.now() - 1;
    for (const id of ["e1", "e2", "e3"]) await store.create(id, "old", past);
    for (const id of ["l1", "l2"]) await store.create(id, "live", inMinutes(30));
    expect(await store.clearExpired()).toBe(3);
    expect(await store.clearExpired()).toBe(0);
    expect(await store.get("l1")).not.toBeNull();
    expect(await store.get("l2")).not.toBeNull();
  });

  it("keeps sessions in the table it is given", async () => {
    const table = await freshTable();
    const store = d1Store(env.DB, { table });
    await store.create("a", "v", inMinutes(30));
    const row = await env.DB.prepare(`SELECT value, version FROM ${table} WHERE id = 'a'`).first();
    expect(row).toEqual({ value: "v", version: 1 });
    expect(await d1Store(env.DB).get("a")).toBeNull();
  });

  it("refuses a table name that is not a plain identifier (it is interpolated into SQL)", () => {
    for (const table of ["", "1sessions", "sessions; DROP TABLE x", 'a"b', "main.sessions", "s p", "é"]) {
      expect(() => d1Store(env.DB, { table })).toThrow(SessionConfigError);
    }
    expect(() => d1Store(env.DB, { table: "_Sessions_2" })).not.toThrow();
  });

  it("lets D1's errors (here: a missing table) propagate unwrapped; the engine wraps them and answers 503", async () => {
    const store = d1Store(env.DB, { table: "no_such_table" });
    const error = await store.get("a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SessionStoreError); // the engine is the one place that wraps
    expect(String(error)).toMatch(/no such table/);
    const handler = serveSession(
      async (_, session) => {
        await session.set("a", 1);
        return new Response("ok");
      },
      { store, secret: "d1-test-secret-at-least-32-characters-long" },
    );
    expect((await handler(new Request("https://example.com/"))).status).toBe(503);
  });

  it("judges expiry by its `now` option: get, update, touch, create and clearExpired", async () => {
    let clock = Date.now();
    const store = d1Store(env.DB, { table: await freshTable(), now: () => clock });
    const expiresAt = clock + 60_000;
    await store.create("a", "v", expiresAt);
    clock = expiresAt - 1;
    expect(await store.get("a")).not.toBeNull();
    expect(await store.clearExpired()).toBe(0);
    clock = expiresAt;
    expect(await store.get("a")).toBeNull();
    expect(await store.update("a", "w", clock + 60_000, 1)).toBe("gone");
    expect(await store.touch("a", clock + 60_000)).toBe(false);
    expect(await store.clearExpired()).toBe(1);
    expect(await store.create("a", "again", clock + 60_000)).toBe(true);
  });

  it("20 concurrent compare-and-set writers, each retrying on conflict, lose no change", async () => {
    // The store-level half of the guarantee; the engine-level half is in concurrent-writes.test.ts.
    const store = d1Store(env.DB);
    const id = freshId();
    await store.create(id, "{}", inMinutes(30));
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        for (;;) {
          const current = await store.get(id);
          if (current === null) throw new Error("record vanished");
          const data = { ...JSON.parse(current.value), [`k${i}`]: i };
          const result = await store.update(id, JSON.stringify(data), inMinutes(30), current.version);
          if (result === "ok") return;
          expect(result).toBe("conflict");
          conflicts++;
        }
      }),
    );
    const final = await store.get(id);
    expect(Object.keys(JSON.parse(final?.value ?? "{}"))).toHaveLength(20);
    expect(final?.version).toBe(21);
    expect(conflicts).toBeGreaterThan(0); // the writers really did overlap
  });
});

import { env } from "cloudflare:workers";
import type { Session } from "@edge-session/core";
import { cachedStore } from "@edge-session/core";
import { describeSessionFlow, describeStore, serveSession } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { countingKv, countingStore, failingKv } from "../test/counting.ts";
import { get, SECRET, sessionCookie } from "../test/http.ts";
import { d1Store } from "./d1-store.ts";
import { kvStore } from "./kv-store.ts";

// Django's cached_db on Cloudflare: Workers KV in front of D1.

const freshPrefix = (): string => `cached-test:${crypto.randomUUID()}:`;
const inMinutes = (minutes: number): number => Date.now() + minutes * 60_000;
// D1's "sessions" table is shared by every test file: each test uses ids of its own.
const freshId = (): string => crypto.randomUUID();

function kvOverD1(namespace: KVNamespace = env.SESSIONS, db: D1Database = env.DB) {
  const log: string[] = [];
  const created: string[] = [];
  const kv = kvStore(namespace, { prefix: freshPrefix() });
  const d1 = d1Store(db);
  const store = cachedStore({ cache: countingStore(kv, log, "kv"), store: countingStore(d1, log, "d1", created) });
  return { store, kv, d1, log, created };
}

/** A small app: GET /add?key=k&value=v sets a key, /all returns the data, /logout flushes. */
const app = async (request: Request, session: Session): Promise<Response> => {
  const url = new URL(request.url);
  if (url.pathname === "/add") await session.set(url.searchParams.get("key") ?? "k", url.searchParams.get("value"));
  if (url.pathname === "/logout") {
    await session.flush();
    return new Response("bye");
  }
  return Response.json(await session.all());
};

// The core conformance suites for KV over D1; a fresh KV prefix per test.
const makeStore = () => cachedStore({ cache: kvStore(env.SESSIONS, { prefix: freshPrefix() }), store: d1Store(env.DB) });
describeStore("cachedStore(kvStore over d1Store)", makeStore);
describeSessionFlow("serveSession + cachedStore(kvStore over d1Store)", {
  store: makeStore,
  bind: serveSession,
});

describe("cachedStore({ cache: kvStore, store: d1Store }) in workerd", () => {
  it("creates in D1 first, then fills KV", async () => {
    const { store, kv, d1, log } = kvOverD1();
    const id = freshId();
    const expiresAt = inMinutes(30);
    expect(await store.create(id, "v", expiresAt)).toBe(true);
    expect(log).toEqual(["d1.create", "kv.create"]);
    expect(await d1.get(id)).toEqual({ value: "v", version: 1, expiresAt });
    expect(await kv.get(id)).not.toBeNull();
  });

  it("reads from KV when it holds the session, without a D1 call", async () => {
    const { store, log } = kvOverD1();
    const id = freshId();
    const expiresAt = inMinutes(30);
    await store.create(id, "v", expiresAt);
    log.length = 0;
    expect(await store.get(id)).toEqual({ value: "v", version: 1, expiresAt });
    expect(log).toEqual(["kv.get"]);
  });

  it("falls back to D1 on a KV miss and fills KV for the next read", async () => {
    const { store, d1, log } = kvOverD1();
    const id = freshId();
    const expiresAt = inMinutes(30);
    await d1.create(id, "v", expiresAt); // written behind the cache's back
    expect(await store.get(id)).toEqual({ value: "v", version: 1, expiresAt });
    expect(log).toEqual(["kv.get", "d1.get", "kv.create"]);
    log.length = 0;
    expect(await store.get(id)).toEqual({ value: "v", version: 1, expiresAt });
    expect(log).toEqual(["kv.get"]);
  });

  it("updates D1 first (compare-and-set on D1's version), then KV", async () => {
    const { store, d1, log } = kvOverD1();
    const id = freshId();
    await store.create(id, "v1", inMinutes(30));
    log.length = 0;
    const expiresAt = inMinutes(40);
    expect(await store.update(id, "v2", expiresAt, 1)).toBe("ok");
    expect(log[0]).toBe("d1.update");
    expect(log.slice(1).every((call) => call.startsWith("kv."))).toBe(true);
    expect(await d1.get(id)).toEqual({ value: "v2", version: 2, expiresAt });
    expect(await store.get(id)).toEqual({ value: "v2", version: 2, expiresAt });
    // The store's compare-and-set holds through the cache: a stale version conflicts.
    expect(await store.update(id, "stale", expiresAt, 1)).toBe("conflict");
    expect(await store.get(id)).toMatchObject({ value: "v2", version: 2 });
  });

  it("a logout removes the session from D1 and leaves a tombstone in KV, so no late fill brings it back", async () => {
    const { store, kv, d1 } = kvOverD1();
    const id = freshId();
    await store.create(id, "v", inMinutes(30));
    await store.delete(id);
    expect(await d1.get(id)).toBeNull();
    expect(JSON.parse((await kv.get(id))?.value ?? "null")).toEqual({ deleted: true });
    expect(await store.get(id)).toBeNull();
  });

  it("a stale KV copy loses no change: the request's patch lands in D1 on top of the other location's change", async () => {
    const { store, d1, log, created } = kvOverD1();
    const fetch = serveSession(app, { store, secret: SECRET });
    const cookie = sessionCookie(await fetch(get("/add?key=a&value=1")));
    const [id] = created;
    if (id === undefined) throw new Error("no session was created");
    // Another location changes D1 directly; this location's KV copy is now stale (version 1).
    const stored = await d1.get(id);
    expect(stored?.version).toBe(1);
    const data = JSON.parse(stored?.value ?? "{}");
    const changed = JSON.stringify({ ...data, d: { ...data.d, b: "2" } });
    expect(await d1.update(id, changed, inMinutes(60), 1)).toBe("ok");

    log.length = 0;
    expect((await fetch(get("/add?key=c&value=3", cookie))).status).toBe(200);
    // Read from the stale copy; the write evicts it, patches D1 (only c: b survives), then
    // re-reads D1's record to fill KV with what D1 now holds.
    expect(log).toEqual(["kv.get", "kv.delete", "d1.patch", "d1.get", "kv.get", "kv.create"]);
    expect(JSON.parse((await d1.get(id))?.value ?? "{}")).toEqual({ d: { a: "1", b: "2", c: "3" } });
    expect(await (await fetch(get("/all", cookie))).json()).toEqual({ a: "1", b: "2", c: "3" });
  });

  describe("a KV failure never fails the request", () => {
    it("every KV call failing: sessions still work from D1 alone", async () => {
      const log: string[] = [];
      const store = cachedStore({
        cache: kvStore(countingKv(failingKv(), log)),
        store: d1Store(env.DB),
      });
      const fetch = serveSession(app, { store, secret: SECRET });
      const first = await fetch(get("/add?key=a&value=1"));
      expect(first.status).toBe(200);
      const cookie = sessionCookie(first);
      expect(cookie).toBeDefined();
      const second = await fetch(get("/add?key=b&value=2", cookie));
      expect(second.status).toBe(200);
      expect(await second.json()).toEqual({ a: "1", b: "2" });
      expect(await (await fetch(get("/all", cookie))).json()).toEqual({ a: "1", b: "2" });
      const logout = await fetch(get("/logout", cookie));
      expect(logout.status).toBe(200);
      expect(await (await fetch(get("/all", cookie))).json()).toEqual({});
      expect(log.length).toBeGreaterThan(0); // KV really was called, and really failed
    });

    it("KV reads working but writes failing (e.g. over 1 write/s/key): requests succeed, D1 has the truth", async () => {
      const writesFail = new Proxy(env.SESSIONS, {
        get(target, property) {
          if (property === "put" || property === "delete") {
            return () => Promise.reject(new Error("KV PUT failed: 429 Too Many Requests"));
          }
          const member: unknown = Reflect.get(target, property, target);
          return typeof member === "function" ? member.bind(target) : member;
        },
      });
      const log: string[] = [];
      const d1 = d1Store(env.DB);
      const store = cachedStore({ cache: kvStore(writesFail, { prefix: freshPrefix() }), store: countingStore(d1, log, "d1") });
      const fetch = serveSession(app, { store, secret: SECRET });
      const cookie = sessionCookie(await fetch(get("/add?key=a&value=1")));
      const response = await fetch(get("/add?key=b&value=2", cookie));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ a: "1", b: "2" });
      expect(log).toContain("d1.patch");
    });

    it("a D1 failure, unlike a KV one, is a 503 (a write is never silently dropped)", async () => {
      const store = cachedStore({
        cache: kvStore(env.SESSIONS, { prefix: freshPrefix() }),
        store: d1Store(env.DB, { table: "no_such_table" }),
      });
      const fetch = serveSession(app, { store, secret: SECRET });
      expect((await fetch(get("/add?key=a&value=1"))).status).toBe(503);
    });
  });
});

import { env } from "cloudflare:workers";
import { SessionStoreError } from "@edge-session/core";
import { describeSessionFlow, describeStore, serveSession } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { kvStore, kvTtlSeconds } from "./kv-store.ts";

// Each test arranges its own state under a fresh prefix: no shared clean-up.
const freshPrefix = (): string => `kv-test:${crypto.randomUUID()}:`;
const inMinutes = (minutes: number): number => Date.now() + minutes * 60_000;

// The core conformance suites, inside workerd against Miniflare's KV; a fresh prefix per test.
const makeStore = () => kvStore(env.SESSIONS, { prefix: freshPrefix() });
describeStore("kvStore", makeStore);
describeSessionFlow("serveSession + kvStore", { store: makeStore, bind: serveSession });

describe("kvStore (Workers KV in workerd)", () => {
  it("declares what KV can and cannot promise", () => {
    expect(kvStore(env.SESSIONS).capabilities).toEqual({ atomic: false, consistency: "eventual", minTtlSeconds: 60 });
  });

  it("creates at version 1 and reads back value, version and the exact expiresAt", async () => {
    const store = kvStore(env.SESSIONS, { prefix: freshPrefix() });
    const expiresAt = inMinutes(30) + 123; // not a whole second: must come back exactly
    expect(await store.get("a")).toBeNull();
    expect(await store.create("a", '{"n":1}', expiresAt)).toBe(true);
    expect(await store.get("a")).toEqual({ value: '{"n":1}', version: 1, expiresAt });
  });

  it("create does not overwrite a visible record", async () => {
    const store = kvStore(env.SESSIONS, { prefix: freshPrefix() });
    const expiresAt = inMinutes(30);
    expect(await store.create("a", "first", expiresAt)).toBe(true);
    expect(await store.create("a", "second", expiresAt + 1000)).toBe(false);
    expect(await store.get("a")).toEqual({ value: "first", version: 1, expiresAt });
  });

  it("update is last-write-wins: 'gone' when absent, otherwise 'ok' and stored version + 1", async () => {
    const store = kvStore(env.SESSIONS, { prefix: freshPrefix() });
    expect(await store.update("a", "x", inMinutes(30), 1)).toBe("gone");
    expect(await store.get("a")).toBeNull(); // "gone" never writes

    await store.create("a", "v1", inMinutes(30));
    expect(await store.update("a", "v2", inMinutes(40), 1)).toBe("ok");
    // A stale version still wins: KV cannot compare-and-set (capabilities.atomic is false).
    const expiresAt = inMinutes(50);
    expect(await store.update("a", "v3", expiresAt, 1)).toBe("ok");
    expect(await store.get("a")).toEqual({ value: "v3", version: 3, expiresAt });
  });

  it("delete removes the record and is idempotent", async () => {
    const store = kvStore(env.SESSIONS, { prefix: freshPrefix() });
    await store.create("a", "v", inMinutes(30));
    await store.delete("a");
    expect(await store.get("a")).toBeNull();
    await expect(store.delete("a")).resolves.toBeUndefined();
    expect(await store.update("a", "v", inMinutes(30), 1)).toBe("gone");
  });

  it("a record past its exact expiresAt is absent although KV still holds it (60 s floor)", async () => {
    const prefix = freshPrefix();
    const store = kvStore(env.SESSIONS, { prefix });
    expect(await store.create("a", "v", Date.now() - 1)).toBe(true);
    expect(await env.SESSIONS.get(`${prefix}a`)).toBe("v"); // KV keeps it for ≥ 60 s …
    expect(await store.get("a")).toBeNull(); // … but the store reports it absent
    expect(await store.update("a", "w", inMinutes(30), 1)).toBe("gone");
    expect(await store.create("a", "new", inMinutes(30))).toBe(true); // not "taken"
  });

  it("clamps the TTL sent to KV to 60 s and keeps longer TTLs as asked", async () => {
    const prefix = freshPrefix();
    const store = kvStore(env.SESSIONS, { prefix });
    const start = Math.floor(Date.now() / 1000);
    const shortAt = Date.now() + 5_000;
    await store.create("short", "v", shortAt); // 5 s: KV would refuse this TTL
    await store.create("long", "v", Date.now() + 3_600_000);
    const { keys } = await env.SESSIONS.list({ prefix });
    const expiration = Object.fromEntries(keys.map((k) => [k.name.slice(prefix.length), k.expiration ?? 0]));
    expect(expiration.short).toBeGreaterThanOrEqual(start + 60);
    expect(expiration.short).toBeLessThanOrEqual(start + 62);
    expect(expiration.long).toBeGreaterThanOrEqual(start + 3600);
    expect(expiration.long).toBeLessThanOrEqual(start + 3602);
    // The exact expiry still travels in the metadata.
    expect((await store.get("short"))?.expiresAt).toBe(shortAt);
  });

  it("computes the KV TTL in whole seconds, never below 60", () => {
    expect(kvTtlSeconds(10_000, 0)).toBe(60);
    expect(kvTtlSeconds(-5_000, 0)).toBe(60);
    expect(kvTtlSeconds(60_000, 0)).toBe(60);
    expect(kvTtlSeconds(60_001, 0)).toBe(61);
    expect(kvTtlSeconds(1_209_600_000, 0)).toBe(1_209_600);
  });

  it("uses prefix + id as the KV key, literally, and prefixes keep stores apart", async () => {
    const prefix = freshPrefix();
    const store = kvStore(env.SESSIONS, { prefix });
    await store.create("id/with:odd chars", "v", inMinutes(30));
    expect(await env.SESSIONS.get(`${prefix}id/with:odd chars`)).toBe("v");
    expect(await kvStore(env.SESSIONS, { prefix: freshPrefix() }).get("id/with:odd chars")).toBeNull();
  });

  it("treats an entry written without the store's metadata as absent", async () => {
    const prefix = freshPrefix();
    await env.SESSIONS.put(`${prefix}a`, "foreign");
    await env.SESSIONS.put(`${prefix}b`, "foreign", { metadata: { v: "1", e: "soon" } });
    const store = kvStore(env.SESSIONS, { prefix });
    expect(await store.get("a")).toBeNull();
    expect(await store.get("b")).toBeNull();
  });

  it("reads with a single getWithMetadata call", async () => {
    const calls: string[] = [];
    const counting = new Proxy(env.SESSIONS, {
      get(target, property, receiver) {
        const member = Reflect.get(target, property, receiver);
        if (typeof member !== "function") return member;
        return (...args: unknown[]) => {
          calls.push(String(property));
          return member.apply(target, args);
        };
      },
    });
    const store = kvStore(counting, { prefix: freshPrefix() });
    await store.create("a", "v", inMinutes(30));
    calls.length = 0;
    await store.get("a");
    expect(calls).toEqual(["getWithMetadata"]);
  });

  it("lets KV's errors propagate unwrapped; the engine wraps them and answers 503", async () => {
    const cause = new Error("KV PUT failed: 429 Too Many Requests");
    const broken = {
      getWithMetadata: () => Promise.reject(cause),
      put: () => Promise.reject(cause),
      delete: () => Promise.reject(cause),
    } as unknown as KVNamespace;
    const store = kvStore(broken);
    for (const attempt of [store.get("a"), store.create("a", "v", inMinutes(1)), store.delete("a")]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBe(cause); // the engine is the one place that wraps (docs/design.md, "Policies: errors, clocks, expiry")
      expect(error).not.toBeInstanceOf(SessionStoreError);
    }
    const handler = serveSession(
      async (_, session) => {
        await session.set("a", 1);
        return new Response("ok");
      },
      { store, secret: "kv-test-secret-at-least-32-characters-long" },
    );
    expect((await handler(new Request("https://example.com/"))).status).toBe(503);
  });

  it("judges expiry, and the TTL it asks of KV, by its `now` option", async () => {
    let clock = Date.now();
    const puts: { expirationTtl?: number }[] = [];
    const watched = new Proxy(env.SESSIONS, {
      get(target, property) {
        if (property === "put") {
          return (key: string, value: string, options: KVNamespacePutOptions) => {
            puts.push(options);
            return target.put(key, value, options);
          };
        }
        const member: unknown = Reflect.get(target, property, target);
        return typeof member === "function" ? member.bind(target) : member;
      },
    });
    const store = kvStore(watched, { prefix: freshPrefix(), now: () => clock });
    const expiresAt = Date.now() + 3_600_000;
    clock = expiresAt - 600_000; // the store's clock says ten minutes are left
    await store.create("a", "v", expiresAt);
    expect(puts[0]?.expirationTtl).toBe(600);
    expect(await store.get("a")).not.toBeNull();
    clock = expiresAt;
    expect(await store.get("a")).toBeNull();
    expect(await store.update("a", "w", expiresAt + 60_000, 1)).toBe("gone");
  });
});

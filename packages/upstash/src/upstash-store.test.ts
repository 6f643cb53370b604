import { describe, expect, it } from "vitest";
import { useFixture } from "../test/use-fixture.ts";
import { upstashStore } from "./upstash-store.ts";

const { fixture: fx, raw } = useFixture();

const HOUR = 3_600_000;

async function rawGet(key: string): Promise<string | null> {
  const [reply] = await raw().send([["get", key]]);
  return Buffer.isBuffer(reply) ? reply.toString("utf8") : null;
}

async function rawPttl(key: string): Promise<number> {
  const [reply] = await raw().send([["pttl", key]]);
  return reply as number;
}

describe("upstashStore against the REST test server and a real redis-server", () => {
  it("keeps one Redis string per session under prefix + id, with a TTL matching expiresAt", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    const expiresAt = Date.now() + HOUR;
    expect(await store.create("abc", '{"a":1}', expiresAt)).toBe(true);
    expect(await rawGet(`${prefix}abc`)).toBe(`${String(expiresAt).padStart(15, "0")}:1:{"a":1}`);
    const pttl = await rawPttl(`${prefix}abc`);
    expect(pttl).toBeGreaterThan(HOUR - 5_000);
    expect(pttl).toBeLessThanOrEqual(HOUR);
  });

  it("uses the default prefix session:", async () => {
    const id = fx().prefix();
    const store = upstashStore({ redis: fx().client() });
    await store.create(id, "v", Date.now() + HOUR);
    expect(await rawGet(`session:${id}`)).toMatch(/:1:v$/);
  });

  it("gives back values that look like JSON byte for byte, despite the client's deserialization", async () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    const values = ["7", "null", "true", '"quoted"', '{"n":1}', "[1,2]", "1e3", "", "T0s=", "OK", "ü ✓ 🎉", "a:b:c"];
    for (const [i, value] of values.entries()) {
      const expiresAt = Date.now() + HOUR;
      expect(await store.create(`id${i}`, value, expiresAt)).toBe(true);
      expect(await store.get(`id${i}`)).toEqual({ value, version: 1, expiresAt });
    }
  });

  it("uses ids literally, whatever characters they hold", async () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    for (const id of ["a b", "*", "x:y", "ключ", "\u0000", "../../etc", "%2F"]) {
      const expiresAt = Date.now() + HOUR;
      expect(await store.create(id, id, expiresAt)).toBe(true);
      expect(await store.get(id)).toEqual({ value: id, version: 1, expiresAt });
    }
    expect(await store.get("*x")).toBeNull();
  });

  it("create is SET NX: a taken id is refused and left unchanged", async () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    const expiresAt = Date.now() + HOUR;
    expect(await store.create("id", "first", expiresAt)).toBe(true);
    expect(await store.create("id", "second", expiresAt + 1)).toBe(false);
    expect(await store.get("id")).toEqual({ value: "first", version: 1, expiresAt });
  });

  it("update is a compare-and-set: of 20 concurrent updates from one version exactly one wins", async () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    const expiresAt = Date.now() + HOUR;
    await store.create("id", "v1", expiresAt);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.update("id", `w${i}`, expiresAt, 1)));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "conflict")).toHaveLength(19);
    const winner = results.indexOf("ok");
    expect(await store.get("id")).toEqual({ value: `w${winner}`, version: 2, expiresAt });
    expect(await store.update("gone", "x", expiresAt, 1)).toBe("gone");
  });

  it("update moves the TTL to the new expiresAt", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    await store.create("id", "v", Date.now() + HOUR);
    const later = Date.now() + 5 * HOUR;
    expect(await store.update("id", "w", later, 1)).toBe("ok");
    expect(await rawPttl(`${prefix}id`)).toBeGreaterThan(4 * HOUR);
    expect(await store.get("id")).toEqual({ value: "w", version: 2, expiresAt: later });
  });

  it("touch rewrites only the expiry: same value, same version, new expiresAt and TTL", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    const value = `{"big":"${"x".repeat(10_000)}"}`;
    await store.create("id", value, Date.now() + HOUR);
    expect(await store.update("id", value, Date.now() + HOUR, 1)).toBe("ok");
    expect(await store.touch("id", Date.now() + HOUR)).toBe(true); // loads the script into Redis
    const later = Date.now() + 10 * HOUR;
    fx().server.resetStats();
    expect(await store.touch("id", later)).toBe(true);
    // Only the script's sha and arguments cross the network, not the 10 kB value.
    expect(fx().server.stats.commands).toEqual(["evalsha"]);
    expect(fx().server.stats.bytesIn).toBeLessThan(200);
    expect(await store.get("id")).toEqual({ value, version: 2, expiresAt: later });
    expect(await rawPttl(`${prefix}id`)).toBeGreaterThan(9 * HOUR);
    expect(await store.touch("absent", later)).toBe(false);
    expect(await rawGet(`${prefix}absent`)).toBeNull();
  });

  it("treats a record past its expiresAt as absent in get, update and touch", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    // Written behind the store's back with a past expiresAt but a live TTL,
    // the state Redis is in during the last millisecond before it expires a key.
    const past = Date.now() - 1_000;
    await raw().send([["set", `${prefix}old`, `${String(past).padStart(15, "0")}:3:v`, "px", String(HOUR)]]);
    expect(await store.get("old")).toBeNull();
    expect(await store.update("old", "w", Date.now() + HOUR, 3)).toBe("gone");
    expect(await store.touch("old", Date.now() + HOUR)).toBe(false);
    expect(await rawGet(`${prefix}old`)).toBe(`${String(past).padStart(15, "0")}:3:v`);
  });

  it("lets Redis expire the key at expiresAt", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    const expiresAt = Date.now() + 1_000;
    await store.create("short", "v", expiresAt);
    expect(await store.get("short")).not.toBeNull();
    await new Promise((r) => setTimeout(r, expiresAt + 100 - Date.now()));
    expect(await store.get("short")).toBeNull();
    expect(await rawGet(`${prefix}short`)).toBeNull();
    // An expiresAt already past still writes with the minimum TTL of 1 ms, never PX 0 (an error).
    expect(await store.create("past", "v", Date.now() - 10)).toBe(true);
    expect(await store.get("past")).toBeNull();
  });

  it("ignores what it did not write under its prefix", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    await raw().send([["set", `${prefix}foreign`, '{"not":"a session"}']]);
    expect(await store.get("foreign")).toBeNull();
    expect(await store.update("foreign", "v", Date.now() + HOUR, 1)).toBe("gone");
    expect(await store.touch("foreign", Date.now() + HOUR)).toBe(false);
  });

  it("delete is DEL and idempotent", async () => {
    const prefix = fx().prefix();
    const store = upstashStore({ redis: fx().client(), prefix });
    await store.create("id", "v", Date.now() + HOUR);
    await store.delete("id");
    await store.delete("id");
    expect(await rawGet(`${prefix}id`)).toBeNull();
    expect(await store.get("id")).toBeNull();
    expect(await store.update("id", "v", Date.now() + HOUR, 1)).toBe("gone");
  });

  it("offers no clearExpired (Redis removes expired keys itself) and promises compare-and-set", () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    expect("clearExpired" in store).toBe(false);
    expect(store.capabilities).toEqual({ atomic: true, consistency: "strong" });
  });

  it("sends one HTTP request per operation (two for the first update after Redis lost its script cache)", async () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    const count = async (op: () => Promise<unknown>): Promise<{ requests: number; commands: string[] }> => {
      fx().server.resetStats();
      await op();
      return { requests: fx().server.stats.requests, commands: [...fx().server.stats.commands] };
    };
    const expiresAt = Date.now() + HOUR;
    await raw().send([["script", "flush"]]);
    expect(await count(() => store.create("id", "v", expiresAt))).toEqual({ requests: 1, commands: ["set"] });
    expect(await count(() => store.get("id"))).toEqual({ requests: 1, commands: ["get"] });
    // Cold script cache: EVALSHA answers NOSCRIPT, the client retries with EVAL.
    expect(await count(() => store.update("id", "w", expiresAt, 1))).toEqual({
      requests: 2,
      commands: ["evalsha", "eval"],
    });
    expect(await count(() => store.update("id", "x", expiresAt, 2))).toEqual({ requests: 1, commands: ["evalsha"] });
    expect(await count(() => store.touch("id", expiresAt + 1))).toEqual({ requests: 2, commands: ["evalsha", "eval"] });
    expect(await count(() => store.touch("id", expiresAt + 2))).toEqual({ requests: 1, commands: ["evalsha"] });
    expect(await count(() => store.delete("id"))).toEqual({ requests: 1, commands: ["del"] });
  });

  it("auto-pipelining batches concurrent operations of different sessions into one request", async () => {
    const store = upstashStore({ redis: fx().client(), prefix: fx().prefix() });
    const expiresAt = Date.now() + HOUR;
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.create(`s${i}`, `v${i}`, expiresAt)));
    fx().server.resetStats();
    const got = await Promise.all(Array.from({ length: 10 }, (_, i) => store.get(`s${i}`)));
    expect(got.map((g) => g?.value)).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`));
    expect(fx().server.stats.requests).toBe(1);
    expect(fx().server.stats.byPath).toEqual({ "/pipeline": 1 });
  });

  for (const [name, config] of [
    ["without auto-pipelining", { enableAutoPipelining: false }],
    ["without base64 responses", { responseEncoding: false }],
    ["without automatic deserialization", { automaticDeserialization: false }],
  ] as const) {
    it(`works with a client ${name}`, async () => {
      const store = upstashStore({ redis: fx().client(config), prefix: fx().prefix() });
      const expiresAt = Date.now() + HOUR;
      expect(await store.create("id", '{"a":"7"}', expiresAt)).toBe(true);
      expect(await store.create("id", "again", expiresAt)).toBe(false);
      expect(await store.get("id")).toEqual({ value: '{"a":"7"}', version: 1, expiresAt });
      expect(await store.update("id", "42", expiresAt, 1)).toBe("ok");
      expect(await store.update("id", "43", expiresAt, 1)).toBe("conflict");
      expect(await store.touch("id", expiresAt + 5)).toBe(true);
      expect(await store.get("id")).toEqual({ value: "42", version: 2, expiresAt: expiresAt + 5 });
      await store.delete("id");
      expect(await store.get("id")).toBeNull();
    });
  }
});

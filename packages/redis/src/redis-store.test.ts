import type { SessionPatch } from "@edge-session/core";
import { applyPatch, serializePayload } from "@edge-session/core/kit";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMES } from "../test/clients.ts";
import { useRedis } from "../test/use-redis.ts";
import { type RedisCommander, toCommander } from "./client.ts";
import { formatExpiresAt } from "./record.ts";
import { redisStore } from "./redis-store.ts";

const fx = useRedis();
const HOUR = 3_600_000;

async function rawGet(key: string): Promise<string | null> {
  const [reply] = await fx.raw().send([["get", key]]);
  return Buffer.isBuffer(reply) ? reply.toString("utf8") : null;
}

async function rawPttl(key: string): Promise<number> {
  const [reply] = await fx.raw().send([["pttl", key]]);
  return reply as number;
}

const json = (value: unknown): string => JSON.stringify(value);
const patchOf = (data: [string, unknown][], more: Partial<SessionPatch> = {}): SessionPatch => ({
  clear: false,
  data: data.map(([key, value]) => [key, value === undefined ? null : json(value)] as const),
  flash: [],
  ...more,
});

/** A commander that records every command name it sends. */
function recording(inner: RedisCommander): { commander: RedisCommander; names: string[] } {
  const names: string[] = [];
  return {
    names,
    commander: {
      command: (args) => {
        names.push(String(args[0]).toLowerCase());
        return inner.command(args);
      },
    },
  };
}

for (const name of CLIENT_NAMES) {
  describe(`redisStore with ${name} against a real redis-server`, () => {
    const client = () => fx.client(name).client;

    it("keeps one Redis string per session under prefix + id, with a TTL matching expiresAt", async () => {
      const prefix = fx.prefix();
      const store = redisStore({ client: client(), prefix });
      const expiresAt = Date.now() + HOUR;
      expect(await store.create("abc", '{"d":{"a":1}}', expiresAt)).toBe(true);
      expect(await rawGet(`${prefix}abc`)).toBe(`${formatExpiresAt(expiresAt)}:1:{"d":{"a":1}}`);
      const pttl = await rawPttl(`${prefix}abc`);
      expect(pttl).toBeGreaterThan(HOUR - 5_000);
      expect(pttl).toBeLessThanOrEqual(HOUR);
    });

    it('uses the default prefix "session:"', async () => {
      const id = fx.prefix();
      await redisStore({ client: client() }).create(id, "v", Date.now() + HOUR);
      expect(await rawGet(`session:${id}`)).toMatch(/:1:v$/);
    });

    it("patch splices exactly what applyPatch computes, byte for byte, for awkward values and keys", async () => {
      const prefix = fx.prefix();
      const store = redisStore({ client: client(), prefix });
      const start = serializePayload({
        data: { keep: [], 'x\\"y': { "": [{}] }, n: 0.1, big: 12345678901234567000, s: "a\u0000b", 7: "seven" },
        flash: { f: "once" },
        expiry: { at: 1_900_000_000_000.5 },
      });
      const changes: SessionPatch = {
        clear: false,
        data: [
          ["float", json(0.30000000000000004)],
          ["e21", json(1e21)],
          ["tiny", json(5e-324)],
          ["emptyArray", "[]"],
          ["emptyObject", "{}"],
          ["nul", json("\u0000")],
          ["unicode", json("é ☃ 𝄞 \u2028 \ud800")],
          ['q"uote', json('"')],
          ["back\\slash", json("\\")],
          ["__proto__", json({ polluted: true })],
          ["n", json(-0.0000001)],
          ["keep", null],
          ["never-there", null],
          ["", json("empty key")],
        ],
        flash: [
          ["f", null],
          ["g", json({ a: '}{][",' })],
        ],
        expiry: json(0),
      };
      const expiresAt = Date.now() + HOUR;
      expect(await store.create("a", start, expiresAt)).toBe(true);
      expect(await store.patch("a", changes, expiresAt + 1)).toBe("ok");
      const record = await store.get("a");
      expect(record?.value).toBe(applyPatch(start, changes));
      expect(record).toMatchObject({ version: 2, expiresAt: expiresAt + 1 });
      // And the numbers really are the engine's text, not cjson's 14-digit rounding.
      expect(record?.value).toContain('"float":0.30000000000000004');
      expect(record?.value).toContain('"e21":1e+21');
      expect(record?.value).toContain('"emptyArray":[]');
    });

    it("patch appends a new integer-like key where JavaScript would sort it first: the same object once parsed", async () => {
      const store = redisStore({ client: client(), prefix: fx.prefix() });
      const start = serializePayload({ data: { 7: "seven", b: 1 }, flash: {}, expiry: undefined });
      const changes = patchOf([
        ["10", "ten"],
        ["a", 2],
      ]);
      await store.create("a", start, Date.now() + HOUR);
      expect(await store.patch("a", changes, Date.now() + HOUR)).toBe("ok");
      const value = (await store.get("a"))!.value;
      expect(value).toBe('{"d":{"7":"seven","b":1,"10":"ten","a":2}}');
      const expected = JSON.parse(applyPatch(start, changes)!);
      expect(JSON.parse(value)).toEqual(expected);
      expect(Object.keys(JSON.parse(value).d)).toEqual(Object.keys(expected.d));
    });

    it("patch with clear, with flash emptied and with expiry dropped writes the engine's own layout", async () => {
      const store = redisStore({ client: client(), prefix: fx.prefix() });
      const start = serializePayload({ data: { a: 1 }, flash: { f: 1 }, expiry: 60 });
      await store.create("a", start, Date.now() + HOUR);
      const changes = patchOf([["b", 2]], { clear: true, expiry: null });
      expect(await store.patch("a", changes, Date.now() + HOUR)).toBe("ok");
      expect((await store.get("a"))?.value).toBe('{"d":{"b":2}}');
      expect((await store.get("a"))?.value).toBe(applyPatch(start, changes));
      const flashOnly = { clear: false, data: [], flash: [["note", '"hi"']] } as const satisfies SessionPatch;
      expect(await store.patch("a", flashOnly, Date.now() + HOUR)).toBe("ok");
      expect((await store.get("a"))?.value).toBe('{"d":{"b":2},"f":{"note":"hi"}}');
      const flashGone = { clear: false, data: [], flash: [["note", null]] } as const satisfies SessionPatch;
      expect(await store.patch("a", flashGone, Date.now() + HOUR)).toBe("ok");
      expect((await store.get("a"))?.value).toBe('{"d":{"b":2}}');
      expect((await store.get("a"))?.version).toBe(4);
    });

    it("patch reads values written with whitespace and keeps them as they are", async () => {
      const store = redisStore({ client: client(), prefix: fx.prefix() });
      await store.create("a", '{ "d" : { "a" : [ 1 , 2 ] , "b" : "x" } , "f" : { } }', Date.now() + HOUR);
      expect(await store.patch("a", patchOf([["b", "y"]]), Date.now() + HOUR)).toBe("ok");
      expect((await store.get("a"))?.value).toBe('{"d":{"a":[ 1 , 2 ],"b":"y"}}');
    });

    it('patch answers "gone" for a record past its expiresAt by the store\'s clock, for what it did not write, and never writes', async () => {
      const prefix = fx.prefix();
      let t = Date.now();
      const store = redisStore({ client: client(), prefix, now: () => t });
      await store.create("a", '{"d":{}}', t + 1_000);
      t += 1_000; // expiresAt is exclusive; Redis itself still holds the key
      expect(await store.get("a")).toBeNull();
      expect(await store.patch("a", patchOf([["b", 1]]), t + HOUR)).toBe("gone");
      expect(await store.update("a", "x", t + HOUR, 1)).toBe("gone");
      expect(await store.touch("a", t + HOUR)).toBe(false);
      expect(await rawGet(`${prefix}a`)).toBe(`${formatExpiresAt(t)}:1:{"d":{}}`);
      for (const foreign of ["not json", '{"x":1}', '{"d":[1]}', '{"d":{"a":1}', '{"d":{"a":}}']) {
        await fx.raw().send([["set", `${prefix}foreign`, `${formatExpiresAt(t + HOUR)}:1:${foreign}`]]);
        expect(await store.patch("foreign", patchOf([["b", 1]]), t + HOUR), foreign).toBe("gone");
        expect(await rawGet(`${prefix}foreign`)).toBe(`${formatExpiresAt(t + HOUR)}:1:${foreign}`);
      }
    });

    it("patch moves the TTL to the new expiresAt", async () => {
      const prefix = fx.prefix();
      const store = redisStore({ client: client(), prefix });
      await store.create("a", '{"d":{}}', Date.now() + HOUR);
      expect(await store.patch("a", patchOf([["b", 1]]), Date.now() + 5 * HOUR)).toBe("ok");
      expect(await rawPttl(`${prefix}a`)).toBeGreaterThan(4 * HOUR);
    });

    it("touch sends only the expiry and rewrites only the header", async () => {
      const prefix = fx.prefix();
      const { commander, names } = recording(toCommander(client()));
      const store = redisStore({ client: commander, prefix });
      const value = `{"d":{"big":"${"x".repeat(10_000)}"}}`;
      await store.create("a", value, Date.now() + HOUR);
      const later = Date.now() + 10 * HOUR;
      names.length = 0;
      expect(await store.touch("a", later)).toBe(true);
      expect(names.at(-1)).toBe("evalsha");
      expect(await store.get("a")).toEqual({ value, version: 1, expiresAt: later });
      expect(await rawPttl(`${prefix}a`)).toBeGreaterThan(9 * HOUR);
      expect(await store.touch("absent", later)).toBe(false);
    });

    it("after Redis lost its script cache, EVALSHA's NOSCRIPT is answered by one EVAL, then EVALSHA again", async () => {
      const { commander, names } = recording(toCommander(client()));
      const store = redisStore({ client: commander, prefix: fx.prefix() });
      await store.create("a", '{"d":{}}', Date.now() + HOUR);
      await fx.raw().send([["script", "flush"]]);
      names.length = 0;
      expect(await store.patch("a", patchOf([["n", 1]]), Date.now() + HOUR)).toBe("ok");
      expect(names).toEqual(["evalsha", "eval"]);
      names.length = 0;
      expect(await store.patch("a", patchOf([["n", 2]]), Date.now() + HOUR)).toBe("ok");
      expect(names).toEqual(["evalsha"]);
    });

    it("lets the client's errors through unwrapped (the engine wraps them)", async () => {
      const store = redisStore({ client: client(), prefix: fx.prefix() });
      await fx.raw().send([["set", "wrongtype", "x"]]);
      const failing: RedisCommander = {
        command: async () => {
          throw new Error("ERR boom");
        },
      };
      await expect(redisStore({ client: failing }).get("a")).rejects.toThrow(/^ERR boom$/);
      expect(store.capabilities).toEqual({ atomic: true, consistency: "strong" });
      expect("clearExpired" in store).toBe(false);
    });
  });
}

import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Session, SessionPatch, StoredSession } from "@edge-session/core";
import { describeSessionFlow, describeStore, serveSession } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { get, SECRET, sessionCookie } from "../test/http.ts";
import { durableObjectStore } from "./durable-object-store.ts";

// Real Durable Objects inside workerd: the SESSION_OBJECTS binding and its migration are in
// test/wrangler.jsonc, and test/worker.ts exports SessionObject.

const inMinutes = (minutes: number): number => Date.now() + minutes * 60_000;
const freshId = (): string => crypto.randomUUID();
const objectOf = (id: string) => env.SESSION_OBJECTS.get(env.SESSION_OBJECTS.idFromName(id));
/** What the session's own object holds: its stored record and its alarm. */
const inside = (id: string) =>
  runInDurableObject(objectOf(id), async (_, state) => ({
    record: state.storage.kv.get<StoredSession>("session") ?? null,
    alarm: await state.storage.getAlarm(),
    keys: [...state.storage.kv.list()].length,
  }));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const makeStore = () => durableObjectStore(env.SESSION_OBJECTS);
describeStore("durableObjectStore", makeStore);
describeSessionFlow("serveSession + durableObjectStore", { store: makeStore, bind: serveSession });

const patch = (changes: Partial<SessionPatch>): SessionPatch => ({ clear: false, data: [], flash: [], ...changes });

describe("durableObjectStore (Durable Objects in workerd)", () => {
  it("declares compare-and-set and strong consistency, and offers touch and patch but no clearExpired", () => {
    const store = makeStore();
    expect(store.capabilities).toEqual({ atomic: true, consistency: "strong" });
    expect(typeof store.touch).toBe("function");
    expect(typeof store.patch).toBe("function");
    expect("clearExpired" in store).toBe(false);
  });

  it("keeps each session in the object named by its id, and only there", async () => {
    const store = makeStore();
    const [a, b] = [freshId(), freshId()];
    const expiresAt = inMinutes(30) + 7;
    await store.create(a, "value-a", expiresAt);
    expect((await inside(a)).record).toEqual({ value: "value-a", version: 1, expiresAt });
    expect((await inside(b)).record).toBeNull();
  });

  it("update tells 'ok', 'conflict' and 'gone' apart", async () => {
    const store = makeStore();
    const id = freshId();
    expect(await store.update(id, "x", inMinutes(30), 1)).toBe("gone");
    expect((await inside(id)).keys).toBe(0); // "gone" writes nothing, not even an empty object
    await store.create(id, "v1", inMinutes(30));
    const expiresAt = inMinutes(40);
    expect(await store.update(id, "v2", expiresAt, 1)).toBe("ok");
    expect(await store.update(id, "stale", inMinutes(50), 1)).toBe("conflict");
    expect(await store.get(id)).toEqual({ value: "v2", version: 2, expiresAt });
    await store.delete(id);
    expect(await store.update(id, "v3", inMinutes(50), 2)).toBe("gone");
  });

  describe("patch, applied inside the object", () => {
    it("sets and deletes data and flash keys and the expiry, version + 1, expiresAt set", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{"keep":1,"drop":2},"f":{"old":true},"x":300}', inMinutes(30));
      const expiresAt = inMinutes(45);
      const changes = patch({
        data: [
          ["drop", null],
          ["new", '{"a":[1,2]}'],
        ],
        flash: [["msg", '"hi"']],
        expiry: null,
      });
      expect(await store.patch(id, changes, expiresAt)).toBe("ok");
      const record = await store.get(id);
      expect(record).toMatchObject({ version: 2, expiresAt });
      expect(JSON.parse(record?.value ?? "")).toEqual({ d: { keep: 1, new: { a: [1, 2] } }, f: { old: true, msg: "hi" } });
    });

    it("clear starts from no data and no flash, then applies the rest", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{"a":1},"f":{"b":2},"x":0}', inMinutes(30));
      expect(await store.patch(id, patch({ clear: true, data: [["c", "3"]] }), inMinutes(30))).toBe("ok");
      expect(JSON.parse((await store.get(id))?.value ?? "")).toEqual({ d: { c: 3 }, x: 0 });
    });

    it("answers 'gone' for a never-created, deleted or expired record, and never resurrects it", async () => {
      const store = makeStore();
      const [never, deleted, expired] = [freshId(), freshId(), freshId()];
      await store.create(deleted, '{"d":{}}', inMinutes(30));
      await store.delete(deleted);
      await store.create(expired, '{"d":{}}', Date.now() - 1);
      for (const id of [never, deleted, expired]) {
        expect(await store.patch(id, patch({ data: [["k", "1"]] }), inMinutes(30))).toBe("gone");
        expect(await store.get(id)).toBeNull();
      }
      expect((await inside(never)).keys).toBe(0);
    });

    it("a patch moves the version on, so a compare-and-set writer at the old version conflicts", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{}}', inMinutes(30));
      expect(await store.patch(id, patch({ data: [["a", "1"]] }), inMinutes(30))).toBe("ok");
      expect(await store.update(id, '{"d":{"b":2}}', inMinutes(30), 1)).toBe("conflict");
      expect(JSON.parse((await store.get(id))?.value ?? "")).toEqual({ d: { a: 1 } });
    });

    it("50 parallel patches of one session, each a different key: all land", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{}}', inMinutes(30));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.patch(id, patch({ data: [[`k${i}`, `${i}`]] }), inMinutes(30))),
      );
      expect(results).toEqual(Array(50).fill("ok"));
      const record = await store.get(id);
      expect(record?.version).toBe(51);
      expect(Object.keys(JSON.parse(record?.value ?? "").d)).toHaveLength(50);
    });

    it("patch racing delete: once deleted, no patch brings the session back", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{}}', inMinutes(30));
      const results = await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => store.patch(id, patch({ data: [[`a${i}`, "1"]] }), inMinutes(30))),
        store.delete(id).then(() => "deleted" as const),
        ...Array.from({ length: 10 }, (_, i) => store.patch(id, patch({ data: [[`b${i}`, "1"]] }), inMinutes(30))),
      ]);
      expect(results[10]).toBe("deleted");
      // Each call may arrive in any order (one stub per call), but one that arrives after the delete is "gone".
      expect(await store.get(id)).toBeNull();
      expect((await inside(id)).keys).toBe(0);
      expect(await store.patch(id, patch({ data: [["c", "1"]] }), inMinutes(30))).toBe("gone");
    });
  });

  it("touch moves the expiry without changing value or version", async () => {
    const store = makeStore();
    const id = freshId();
    await store.create(id, "v", inMinutes(30));
    const later = inMinutes(90);
    expect(await store.touch(id, later)).toBe(true);
    expect(await store.get(id)).toEqual({ value: "v", version: 1, expiresAt: later });
    expect(await store.touch(freshId(), later)).toBe(false);
  });

  it("judges expiry by its `now` option", async () => {
    let clock = Date.now();
    const store = durableObjectStore(env.SESSION_OBJECTS, { now: () => clock });
    const id = freshId();
    const expiresAt = clock + 60_000;
    await store.create(id, '{"d":{}}', expiresAt);
    clock = expiresAt - 1;
    expect(await store.get(id)).not.toBeNull();
    clock = expiresAt;
    expect(await store.get(id)).toBeNull();
    expect(await store.update(id, "x", clock + 60_000, 1)).toBe("gone");
    expect(await store.patch(id, patch({}), clock + 60_000)).toBe("gone");
    expect(await store.touch(id, clock + 60_000)).toBe(false);
    expect(await store.create(id, "again", clock + 60_000)).toBe(true); // an expired id is free again
  });

  describe("the alarm deletes the record at expiry", () => {
    it("every write sets the alarm to the record's expiry; delete removes record and alarm", async () => {
      const store = makeStore();
      const id = freshId();
      const first = inMinutes(30);
      await store.create(id, '{"d":{}}', first);
      expect((await inside(id)).alarm).toBe(first);
      const second = inMinutes(40);
      await store.update(id, '{"d":{"a":1}}', second, 1);
      expect((await inside(id)).alarm).toBe(second);
      const third = inMinutes(50);
      await store.patch(id, patch({ data: [["b", "2"]] }), third);
      expect((await inside(id)).alarm).toBe(third);
      const fourth = inMinutes(60);
      await store.touch(id, fourth);
      expect((await inside(id)).alarm).toBe(fourth);
      await store.delete(id);
      expect(await inside(id)).toEqual({ record: null, alarm: null, keys: 0 });
    });

    it("an alarm that runs before the expiry keeps the record and re-arms", async () => {
      const store = makeStore();
      const id = freshId();
      const expiresAt = inMinutes(30);
      await store.create(id, '{"d":{}}', expiresAt);
      expect(await runDurableObjectAlarm(objectOf(id))).toBe(true);
      expect(await inside(id)).toMatchObject({ record: { version: 1, expiresAt }, alarm: expiresAt });
    });

    it("at the expiry, the alarm fires by itself and leaves the object empty", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{"secret":1}}', Date.now() + 300);
      expect((await inside(id)).record).not.toBeNull();
      let state = await inside(id);
      for (let waited = 0; state.keys > 0 && waited < 5_000; waited += 100) {
        await sleep(100);
        state = await inside(id);
      }
      expect(state).toEqual({ record: null, alarm: null, keys: 0 });
      expect(await runDurableObjectAlarm(objectOf(id))).toBe(false); // nothing left scheduled
    });

    it("an expired record whose alarm is run deletes it", async () => {
      const store = makeStore();
      const id = freshId();
      await store.create(id, '{"d":{}}', inMinutes(30));
      // Expire it without waiting: move the stored expiry into the past, as time passing would.
      await runInDurableObject(objectOf(id), (_, state) => {
        const record = state.storage.kv.get<StoredSession>("session");
        state.storage.kv.put("session", { ...record, expiresAt: Date.now() - 1 });
      });
      expect(await runDurableObjectAlarm(objectOf(id))).toBe(true);
      expect(await inside(id)).toEqual({ record: null, alarm: null, keys: 0 });
    });
  });

  it("a create right after a delete is not undone by the delete's clean-up (storage, alarm)", async () => {
    const store = makeStore();
    for (let round = 0; round < 5; round++) {
      const id = freshId();
      await store.create(id, "old", inMinutes(30));
      await store.delete(id);
      const expiresAt = inMinutes(31);
      expect(await store.create(id, "new", expiresAt)).toBe(true);
      expect(await inside(id)).toEqual({ record: { value: "new", version: 1, expiresAt }, alarm: expiresAt, keys: 1 });
    }
  });

  describe("through the engine", () => {
    const app = async (request: Request, session: Session): Promise<Response> => {
      const url = new URL(request.url);
      const key = url.searchParams.get("key");
      if (url.pathname === "/logout") {
        await session.flush();
        return new Response("bye");
      }
      if (key !== null) await session.set(key, true);
      return Response.json(await session.all());
    };

    it("a logout is visible to the very next request, from any isolate", async () => {
      const here = serveSession(app, { store: makeStore(), secret: SECRET });
      // Another location: another store instance over the same namespace, nothing shared but the objects.
      const elsewhere = serveSession(app, { store: makeStore(), secret: SECRET });
      const cookie = sessionCookie(await here(get("/?key=user")));
      expect(await (await elsewhere(get("/", cookie))).json()).toEqual({ user: true });
      expect((await here(get("/logout", cookie))).status).toBe(200);
      expect(await (await elsewhere(get("/", cookie))).json()).toEqual({});
      // A write elsewhere with the old cookie does not bring the session back.
      await elsewhere(get("/?key=late", cookie));
      expect(await (await here(get("/", cookie))).json()).not.toHaveProperty("user");
    });

    it("20 concurrent requests writing different keys of one session lose nothing", async () => {
      const store = makeStore();
      const fetch = serveSession(app, { store, secret: SECRET });
      const cookie = sessionCookie(await fetch(get("/?key=start")));
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(get(`/?key=k${i}`, cookie))));
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
      const keys = Object.keys(await (await fetch(get("/", cookie))).json()).sort();
      expect(keys).toEqual(["start", ...Array.from({ length: 20 }, (_, i) => `k${i}`)].sort());
    });

    it("20 concurrent new visitors, each its own session and object, lose nothing", async () => {
      const fetch = serveSession(app, { store: makeStore(), secret: SECRET });
      const cookies = (await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(get(`/?key=v${i}`))))).map((r) => sessionCookie(r));
      expect(new Set(cookies).size).toBe(20);
      const read = await Promise.all(cookies.map(async (cookie) => (await fetch(get("/", cookie))).json()));
      expect(read).toEqual(Array.from({ length: 20 }, (_, i) => ({ [`v${i}`]: true })));
    });
  });
});

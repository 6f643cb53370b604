import { env } from "cloudflare:workers";
import type { Session, SessionStore } from "@edge-session/core";
import { cachedStore } from "@edge-session/core";
import { serveSession } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { countingStore } from "../test/counting.ts";
import { get, SECRET, sessionCookie } from "../test/http.ts";
import { d1Store } from "./d1-store.ts";
import { kvStore } from "./kv-store.ts";

// Concurrent requests that change different keys of one session all land, where the
// store can patch or compare-and-set (docs/design.md, "Concurrent writes"). 20 requests
// race on one session.
const WRITERS = 20;

const app = async (request: Request, session: Session): Promise<Response> => {
  const key = new URL(request.url).searchParams.get("key");
  if (key !== null) await session.set(key, true);
  return new Response("ok");
};

async function race(store: SessionStore, log: string[], created: string[]): Promise<{ id: string; cookie: string }> {
  const fetch = serveSession(app, { store, secret: SECRET });
  const cookie = sessionCookie(await fetch(get("/?key=start")));
  const [id] = created;
  if (cookie === undefined || id === undefined) throw new Error("no session was created");
  log.length = 0;
  const responses = await Promise.all(Array.from({ length: WRITERS }, (_, i) => fetch(get(`/?key=k${i}`, cookie))));
  expect(responses.map((r) => r.status)).toEqual(Array(WRITERS).fill(200));
  return { id, cookie };
}

const expectedKeys = ["start", ...Array.from({ length: WRITERS }, (_, i) => `k${i}`)].sort();
const keysOf = (value: string | undefined): string[] => Object.keys(JSON.parse(value ?? "{}").d ?? {}).sort();

describe(`${WRITERS} concurrent requests changing different keys of one session (through the engine)`, () => {
  it("d1Store: none is lost", async () => {
    const log: string[] = [];
    const created: string[] = [];
    const d1 = d1Store(env.DB);
    const { id } = await race(countingStore(d1, log, "d1", created), log, created);
    const record = await d1.get(id);
    expect(keysOf(record?.value)).toEqual(expectedKeys);
    expect(record?.version).toBe(1 + WRITERS);
    // Each request's changes are one patch statement: no conflict, no retry, no compare-and-set.
    expect(log.filter((call) => call === "d1.patch")).toHaveLength(WRITERS);
    expect(log).not.toContain("d1.update");
  });

  it("cachedStore(KV over D1): none is lost in D1, the store of record", async () => {
    const log: string[] = [];
    const created: string[] = [];
    const d1 = d1Store(env.DB);
    const store = cachedStore({
      cache: kvStore(env.SESSIONS, { prefix: `race:${crypto.randomUUID()}:` }),
      store: countingStore(d1, log, "d1", created),
    });
    const { id } = await race(store, log, created);
    const record = await d1.get(id);
    expect(keysOf(record?.value)).toEqual(expectedKeys);
    expect(record?.version).toBe(1 + WRITERS);
    if (store.patch) {
      expect(log.filter((call) => call === "d1.patch")).toHaveLength(WRITERS); // passed through to D1
    } else {
      expect(log.filter((call) => call === "d1.update").length).toBeGreaterThan(WRITERS); // conflicts did happen
    }
  });
});

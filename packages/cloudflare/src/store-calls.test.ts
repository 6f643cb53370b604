import { env } from "cloudflare:workers";
import type { Session, SessionStore } from "@edge-session/core";
import { cachedStore } from "@edge-session/core";
import { serveSession } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { countingD1, countingKv, countingNamespace, countingStore } from "../test/counting.ts";
import { get, SECRET, sessionCookie } from "../test/http.ts";
import { d1Store } from "./d1-store.ts";
import { durableObjectStore } from "./durable-object-store.ts";
import { kvStore } from "./kv-store.ts";

// What each kind of request costs, per store: the store calls the engine makes
// (counted by a wrapper store) and the round trips they cost in KV, D1 and
// Durable Objects (counted by wrappers on the bindings: one D1 entry per
// statement or batch, one DO entry per call on a stub, each one subrequest).
// The table below is asserted.

const TOUCH_AFTER = 60; // seconds

interface Cost {
  /** Store calls made by the engine, in order. */
  calls: string;
  /** Operations that reached Workers KV and D1 (one D1 entry per round trip). */
  backend: string;
}

type Scenario = {
  /** Whether the measured request carries the cookie of an existing session. */
  existing: boolean;
  path: string;
  /** Rolling expiry on (saveEveryRequest), and how far the clock moves before the measured request. */
  rolling?: { afterSeconds: number };
};

const scenarios: Record<string, Scenario> = {
  "untouched request (valid cookie)": { existing: true, path: "/untouched" },
  "read, no session yet": { existing: false, path: "/read" },
  "unmodified read": { existing: true, path: "/read" },
  "write, new session": { existing: false, path: "/write" },
  "write, existing session": { existing: true, path: "/write" },
  "rolling expiry, inside touchAfter": { existing: true, path: "/read", rolling: { afterSeconds: TOUCH_AFTER / 2 } },
  "rolling expiry, past touchAfter": { existing: true, path: "/read", rolling: { afterSeconds: TOUCH_AFTER * 2 } },
  "logout (flush)": { existing: true, path: "/logout" },
};

const app = async (request: Request, session: Session): Promise<Response> => {
  switch (new URL(request.url).pathname) {
    case "/untouched":
      return new Response("ok");
    case "/read":
      return Response.json((await session.get("n")) ?? 0);
    case "/write":
      await session.set("n", (((await session.get("n")) as number | undefined) ?? 0) + 1);
      return new Response("ok");
    case "/logout":
      await session.flush();
      return new Response("bye");
    default:
      return new Response("not found", { status: 404 });
  }
};

const stores: Record<string, (backend: string[]) => SessionStore> = {
  kvStore: (backend) => kvStore(countingKv(env.SESSIONS, backend), { prefix: `calls:${crypto.randomUUID()}:` }),
  d1Store: (backend) => d1Store(countingD1(env.DB, backend)),
  durableObjectStore: (backend) => durableObjectStore(countingNamespace(env.SESSION_OBJECTS, backend)),
  "cachedStore(KV over D1)": (backend) =>
    cachedStore({
      cache: kvStore(countingKv(env.SESSIONS, backend), { prefix: `calls:${crypto.randomUUID()}:` }),
      store: d1Store(countingD1(env.DB, backend)),
    }),
};

/** ["kv.getWithMetadata", "kv.put", "d1.batch", "do.get"] → "KV 1 get + 1 put; D1 1; DO 1" */
function describeBackend(backend: string[]): string {
  const kv = new Map<string, number>();
  for (const op of backend.filter((op) => op.startsWith("kv."))) {
    const name = op === "kv.getWithMetadata" ? "get" : op.slice("kv.".length);
    kv.set(name, (kv.get(name) ?? 0) + 1);
  }
  const d1 = backend.filter((op) => op.startsWith("d1.")).length;
  const objects = backend.filter((op) => op.startsWith("do.")).length;
  const parts = [
    kv.size > 0 ? `KV ${[...kv].map(([name, n]) => `${n} ${name}`).join(" + ")}` : "",
    d1 > 0 ? `D1 ${d1}` : "",
    objects > 0 ? `DO ${objects}` : "",
  ].filter(Boolean);
  return parts.join("; ") || "none";
}

async function measure(makeStore: (backend: string[]) => SessionStore, scenario: Scenario): Promise<Cost> {
  const calls: string[] = [];
  const backend: string[] = [];
  let clock = Date.now();
  const store = countingStore(makeStore(backend), calls, "store");
  const fetch = serveSession(app, {
    store,
    secret: SECRET,
    saveEveryRequest: scenario.rolling !== undefined,
    touchAfter: TOUCH_AFTER,
    now: () => clock,
  });
  let cookie: string | undefined;
  if (scenario.existing) {
    cookie = sessionCookie(await fetch(get("/write")));
    expect(cookie).toBeDefined();
  }
  clock += (scenario.rolling?.afterSeconds ?? 1) * 1000;
  calls.length = 0;
  backend.length = 0;
  const response = await fetch(get(scenario.path, cookie));
  expect(response.status).toBeLessThan(400);
  return {
    calls: calls.map((call) => call.slice("store.".length)).join(", ") || "none",
    backend: describeBackend(backend),
  };
}

const expected: Record<string, Record<string, Cost>> = {
  kvStore: {
    "untouched request (valid cookie)": { calls: "none", backend: "none" },
    "read, no session yet": { calls: "none", backend: "none" },
    "unmodified read": { calls: "get", backend: "KV 1 get" },
    "write, new session": { calls: "create", backend: "KV 1 get + 1 put" },
    "write, existing session": { calls: "get, update", backend: "KV 2 get + 1 put" },
    "rolling expiry, inside touchAfter": { calls: "get", backend: "KV 1 get" },
    "rolling expiry, past touchAfter": { calls: "get, update", backend: "KV 2 get + 1 put" },
    "logout (flush)": { calls: "delete", backend: "KV 1 delete" },
  },
  d1Store: {
    "untouched request (valid cookie)": { calls: "none", backend: "none" },
    "read, no session yet": { calls: "none", backend: "none" },
    "unmodified read": { calls: "get", backend: "D1 1" },
    "write, new session": { calls: "create", backend: "D1 1" },
    "write, existing session": { calls: "get, patch", backend: "D1 2" },
    "rolling expiry, inside touchAfter": { calls: "get", backend: "D1 1" },
    "rolling expiry, past touchAfter": { calls: "get, touch", backend: "D1 2" },
    "logout (flush)": { calls: "delete", backend: "D1 1" },
  },
  durableObjectStore: {
    "untouched request (valid cookie)": { calls: "none", backend: "none" },
    "read, no session yet": { calls: "none", backend: "none" },
    "unmodified read": { calls: "get", backend: "DO 1" },
    "write, new session": { calls: "create", backend: "DO 1" },
    "write, existing session": { calls: "get, patch", backend: "DO 2" },
    "rolling expiry, inside touchAfter": { calls: "get", backend: "DO 1" },
    "rolling expiry, past touchAfter": { calls: "get, touch", backend: "DO 2" },
    "logout (flush)": { calls: "delete", backend: "DO 1" },
  },
  "cachedStore(KV over D1)": {
    "untouched request (valid cookie)": { calls: "none", backend: "none" },
    "read, no session yet": { calls: "none", backend: "none" },
    "unmodified read": { calls: "get", backend: "KV 1 get" },
    "write, new session": { calls: "create", backend: "KV 1 get + 1 put; D1 1" },
    // patch: evict the KV copy, patch D1, re-read D1's record, fill KV if still absent.
    "write, existing session": { calls: "get, patch", backend: "KV 3 get + 1 delete + 1 put; D1 2" },
    "rolling expiry, inside touchAfter": { calls: "get", backend: "KV 1 get" },
    "rolling expiry, past touchAfter": { calls: "get, touch", backend: "KV 1 get + 1 delete; D1 1" },
    // delete: a tombstone written over the KV copy (read, compare, write), then the D1 row.
    "logout (flush)": { calls: "delete", backend: "KV 2 get + 1 put; D1 1" },
  },
};

describe("store calls per request, counted by wrappers (through the engine, touchAfter = 60 s)", () => {
  for (const [storeName, makeStore] of Object.entries(stores)) {
    it(storeName, async () => {
      const table: Record<string, Cost> = {};
      for (const [scenarioName, scenario] of Object.entries(scenarios)) {
        table[scenarioName] = await measure(makeStore, scenario);
      }
      expect(table).toEqual(expected[storeName]);
    });
  }
});

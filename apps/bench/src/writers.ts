import type { AnyStore } from "@edge-session/core";
import { memoryStore } from "@edge-session/core";
import { withSession } from "@edge-session/fetch";
import { ORIGIN } from "./cases.ts";
import { setCookieValue } from "./cookies.ts";
import { median } from "./stats.ts";
import { SECRET } from "./subjects/types.ts";

/**
 * Concurrent writers on ONE session: a page's parallel requests, each setting
 * a different key, through withSession and a server store. Each round makes
 * two fresh sessions and sends each 16 writes: one after the other (the lone
 * writer) and all 16 in flight. Cost per request = wall time / 16 (what the
 * 16 cost the server together, like µs/request elsewhere). Then every
 * session is read back: a key missing is a lost write.
 */
export const WRITERS = 16;

/** The server stores measured, in order. */
export const WRITER_STORE_IDS = ["memoryStore()", "upstashStore()", "d1Store()"];

export interface WritersResult {
  id: string;
  label: string;
  ok: boolean;
  error?: string;
  rounds: number;
  /** Median µs per request, one writer at a time. */
  loneUs?: number;
  /** Median µs per request, 16 in flight on one session. */
  concurrentUs?: number;
  /** concurrentUs / loneUs. */
  ratio?: number;
  /** Keys written in the concurrent batches, and how many of them were missing afterwards. */
  keys: number;
  lost: number;
  /** Non-200 answers among the writes (a write given up after conflicts). */
  failures: number;
}

/** A store to measure, and how to stop what it started. */
export interface WriterStore {
  id: string;
  label: string;
  store: AnyStore;
  /** Rounds for a full run (fewer for stores behind a network hop). */
  rounds: number;
  close(): Promise<void>;
}

type Handler = (request: Request) => Promise<Response>;

function app(store: AnyStore): Handler {
  const handler = withSession<unknown, Record<string, number>>(
    async (request, session) => {
      const url = new URL(request.url);
      if (url.pathname === "/keys") return Response.json(await session.keys());
      await session.set(url.searchParams.get("k")!, 1);
      return new Response("ok");
    },
    { store, secret: SECRET },
  );
  return (request) => handler(request, undefined, undefined);
}

async function freshSession(handler: Handler): Promise<string> {
  const response = await handler(new Request(`${ORIGIN}/set?k=first`));
  const cookie = setCookieValue(response, "sessionid");
  if (response.status !== 200 || !cookie) throw new Error(`the first write answered ${response.status} and set no cookie`);
  return cookie;
}

/** One batch of 16 writes on a fresh session; µs per request, and the keys missing afterwards. */
async function batch(handler: Handler, inFlight: 1 | 16, round: number): Promise<{ us: number; lost: number; failures: number }> {
  const cookie = await freshSession(handler);
  const headers = { cookie: `sessionid=${cookie}` };
  const keys = Array.from({ length: WRITERS }, (_, i) => `k${round}-${i}`);
  const requests = keys.map((k) => new Request(`${ORIGIN}/set?k=${k}`, { headers }));
  let failures = 0;
  const send = async (request: Request): Promise<void> => {
    const response = await handler(request);
    await response.arrayBuffer();
    if (response.status !== 200) failures++;
  };
  const start = performance.now();
  if (inFlight === 1) for (const request of requests) await send(request);
  else await Promise.all(requests.map(send));
  const us = ((performance.now() - start) * 1000) / WRITERS;
  const stored = new Set((await (await handler(new Request(`${ORIGIN}/keys`, { headers }))).json()) as string[]);
  const lost = keys.filter((k) => !stored.has(k)).length + (stored.has("first") ? 0 : 1);
  return { us, lost, failures };
}

/** Interleaved rounds of lone and concurrent batches, after `warmUp` rounds that are checked but not timed. */
export async function measureWriters(target: WriterStore, rounds = target.rounds, warmUp = 2): Promise<WritersResult> {
  const result: WritersResult = { id: target.id, label: target.label, ok: false, rounds, keys: 0, lost: 0, failures: 0 };
  try {
    const handler = app(target.store);
    const lone: number[] = [];
    const concurrent: number[] = [];
    for (let r = -warmUp; r < rounds; r++) {
      const order: (1 | 16)[] = r % 2 === 0 ? [1, 16] : [16, 1];
      for (const inFlight of order) {
        const b = await batch(handler, inFlight, r + warmUp);
        result.failures += b.failures;
        if (inFlight === 16) {
          result.keys += WRITERS;
          result.lost += b.lost;
        } else if (b.lost > 0) {
          throw new Error(`a lone writer lost ${b.lost} keys`);
        }
        if (r >= 0) (inFlight === 1 ? lone : concurrent).push(b.us);
      }
    }
    if (rounds > 0) {
      result.loneUs = median(lone);
      result.concurrentUs = median(concurrent);
      result.ratio = result.concurrentUs / result.loneUs;
    }
    result.ok = result.lost === 0 && result.failures === 0;
    if (!result.ok) result.error = `${result.lost} keys lost, ${result.failures} writes failed`;
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return result;
}

/**
 * The stores: memoryStore in process; upstashStore through the Upstash REST
 * test server in front of a real redis-server (started on free ports, stopped
 * by PID). A store that cannot start is reported, not measured.
 */
export async function openWriterStores(): Promise<{ stores: WriterStore[]; missing: { id: string; reason: string }[] }> {
  const stores: WriterStore[] = [
    { id: "memoryStore()", label: "withSession + memoryStore()", store: memoryStore(), rounds: 40, close: async () => {} },
  ];
  const missing: { id: string; reason: string }[] = [];
  try {
    const { startFixture } = await import("../../../packages/upstash/test/fixture.ts");
    const { upstashStore } = await import("@edge-session/upstash");
    const fixture = await startFixture();
    stores.push({
      id: "upstashStore()",
      label: "withSession + upstashStore() (REST test server + redis-server)",
      store: upstashStore({ redis: fixture.client(), prefix: fixture.prefix() }),
      rounds: 12,
      close: () => fixture.stop(),
    });
  } catch (error) {
    missing.push({ id: "upstashStore()", reason: error instanceof Error ? error.message : String(error) });
  }
  try {
    stores.push(await openD1());
  } catch (error) {
    missing.push({ id: "d1Store()", reason: error instanceof Error ? error.message : String(error) });
  }
  return { stores, missing };
}

/** d1Store on a real D1 (SQLite inside workerd, through Miniflare), its table made by the package's own migration. */
async function openD1(): Promise<WriterStore> {
  const { readFile } = await import("node:fs/promises");
  const { Miniflare } = await import("miniflare");
  const { d1Store } = await import("../../../packages/cloudflare/src/d1-store.ts");
  // BENCH_ROOT: on Node the bench runs as a bundle elsewhere (scripts/node.mjs), so import.meta.url is not here.
  const root = process.env.BENCH_ROOT ?? new URL("..", import.meta.url).pathname;
  const migration = `${root}/../../packages/cloudflare/migrations/0001_sessions.sql`;
  const mf = new Miniflare({
    modules: true,
    script: "export default { fetch: () => new Response(null) }",
    compatibilityDate: "2026-04-01",
    d1Databases: ["DB"],
  });
  try {
    const db = await mf.getD1Database("DB");
    const sql = (await readFile(migration, "utf8")).replace(/--.*$/gm, "");
    for (const statement of sql.split(";").map((x) => x.trim())) if (statement) await db.prepare(statement).run();
    return {
      id: "d1Store()",
      label: "withSession + d1Store() (D1 in workerd via Miniflare)",
      store: d1Store(db),
      rounds: 8,
      close: () => mf.dispose(),
    };
  } catch (error) {
    await mf.dispose();
    throw error;
  }
}

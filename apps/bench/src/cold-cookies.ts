import { parentPort, Worker } from "node:worker_threads";
import type { Fixture, Visitor } from "./cases.ts";
import { createVisitor, reserveVisitorIds } from "./fixtures.ts";
import { loadSubjects, type Subject } from "./subjects/index.ts";

/**
 * Valid cookies that this isolate has never seen, for the read-cold case.
 *
 * edge-session remembers values it verified — and values it signed itself —
 * in a per-isolate memo, so a cookie issued by the bench's own isolate is
 * never "cold". In production a returning visitor's cookie is often issued
 * by another isolate (another Worker instance, another region). A
 * worker_threads Worker is such an isolate: it sets up the same subjects
 * with the same secret, issues the cookies through each subject's own
 * /write route, and hands them over.
 */
interface ColdRequest {
  subject: string;
  start: number;
  count: number;
}
type ColdReply = { visitors: Visitor[] } | { error: string };

/** Where read-cold gets its cookies. */
export interface ColdSource {
  issue(subject: string, start: number, count: number): Promise<Visitor[]>;
  close(): Promise<void>;
}

/**
 * Cookies issued by the same isolate: fine for correctness (the smoke test
 * under vitest, which cannot start a worker from TypeScript), not for timing.
 */
export function sameIsolateColdSource(subjects: readonly Subject[]): ColdSource {
  return {
    async issue(id, start, count) {
      const subject = subjects.find((s) => s.id === id)!;
      const out: Visitor[] = [];
      for (let i = 0; i < count; i++) out.push(await createVisitor(subject, start + i));
      return out;
    },
    async close() {},
  };
}

export class ColdCookieSource implements ColdSource {
  readonly #worker: Worker;
  #pending: { resolve: (v: Visitor[]) => void; reject: (e: Error) => void } | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(entry: URL) {
    this.#worker = new Worker(entry);
    this.#worker.on("message", (reply: ColdReply) => {
      const pending = this.#pending;
      this.#pending = undefined;
      if ("error" in reply) pending?.reject(new Error(`cold-cookie worker: ${reply.error}`));
      else pending?.resolve(reply.visitors);
    });
    this.#worker.on("error", (error) => {
      this.#pending?.reject(error);
      this.#pending = undefined;
    });
  }

  /** `count` fresh cookies of `subject`, for user ids start, start + 1, … (one request at a time). */
  issue(subject: string, start: number, count: number): Promise<Visitor[]> {
    const next = this.#queue.then(
      () =>
        new Promise<Visitor[]>((resolve, reject) => {
          this.#pending = { resolve, reject };
          this.#worker.postMessage({ subject, start, count } satisfies ColdRequest);
        }),
    );
    this.#queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/**
 * Fills the fixture's cold-read cycle up to `size` distinct cookies: from the
 * other isolate for cookie stores, from this one for a server store (its
 * records live here) and for the reference (it has no memo).
 */
export async function fillColdCycle(fx: Fixture, size: number, source: ColdSource): Promise<void> {
  const missing = size - fx.cold.length;
  if (missing <= 0) return;
  const start = reserveVisitorIds(missing);
  if (fx.subject.coldRead === "other-isolate") {
    fx.cold.push(...(await source.issue(fx.subject.id, start, missing)));
    return;
  }
  fx.cold.push(...(await issueVisitors(fx.subject, start, missing)));
}

/** `count` first writes, 16 in flight, in id order. */
async function issueVisitors(subject: Subject, start: number, count: number): Promise<Visitor[]> {
  const visitors: Visitor[] = new Array(count);
  let next = 0;
  const work = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) visitors[i] = await createVisitor(subject, start + i);
  };
  await Promise.all(Array.from({ length: 16 }, work));
  return visitors;
}

/** The worker side: issue cookies on request, 16 first writes in flight. */
export async function serveColdCookies(): Promise<void> {
  console.error = () => {}; // as in the main isolate: @hono/session logs rejected cookies
  const { subjects } = await loadSubjects();
  parentPort!.on("message", async ({ subject: id, start, count }: ColdRequest) => {
    try {
      const subject = subjects.find((s) => s.id === id);
      if (!subject) throw new Error(`no subject ${id}`);
      parentPort!.postMessage({ visitors: await issueVisitors(subject, start, count) } satisfies ColdReply);
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ColdReply);
    }
  });
}

// The bench's smoke version, run by `pnpm test` (and so by CI): every library,
// every case, checked for correctness, then a few hundred requests per case with
// 1 and with 16 in flight, every one answered 200; every bundle builds. No timing.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { measureBundles } from "./bundle-size.ts";
import { applies, CASES, CONCURRENCIES, type Fixture } from "./cases.ts";
import { checkCase } from "./checks.ts";
import { fillColdCycle, sameIsolateColdSource } from "./cold-cookies.ts";
import { countSubtleCalls } from "./crypto-count.ts";
import { makeFixture } from "./fixtures.ts";
import { loadSubjects } from "./subjects/index.ts";
import { type Cell, runBatch } from "./timing.ts";
import { measureWriters, openWriterStores, WRITER_STORE_IDS, WRITERS } from "./writers.ts";

const REQUESTS = 300;
const MS_PER_CELL = 100;

console.error = () => {}; // @hono/session logs every rejected cookie
const { subjects, missing } = await loadSubjects();
const cold = sameIsolateColdSource(subjects);

describe("subjects", () => {
  it("every edge-session set-up loads", () => {
    expect(missing).toEqual([]);
    expect(subjects.filter((s) => s.group === "edge-session").map((s) => s.id)).toHaveLength(6);
  });
});

for (const subject of subjects) {
  describe(subject.id, () => {
    let fx: Fixture;
    beforeAll(async () => {
      fx = await makeFixture(subject);
      if (subject.coldRead) await fillColdCycle(fx, 48, cold);
    });
    for (const caseId of CASES.filter((c) => applies(subject, c))) {
      it(`${caseId}: correct, then a few hundred requests answered 200`, async () => {
        const check = await checkCase(fx, caseId);
        expect(check.ok, check.detail).toBe(true);
        for (const concurrency of CONCURRENCIES) {
          const cell: Cell = { fixture: fx, caseId, concurrency, count: 0, rounds: [], cpuRounds: [], failures: 0 };
          const start = performance.now();
          for (let done = 0; done < REQUESTS && performance.now() - start < MS_PER_CELL; done += concurrency * 2) {
            await runBatch(cell, concurrency * 2);
          }
          expect(cell.failures).toBe(0);
        }
      });
    }
  });
}

describe("edge-session's crypto.subtle use", () => {
  it("an untouched request makes no crypto.subtle call", async () => {
    for (const subject of subjects.filter((s) => s.group === "edge-session")) {
      const fx = await makeFixture(subject);
      const cell: Cell = { fixture: fx, caseId: "untouched", concurrency: 1, count: 0, rounds: [], cpuRounds: [], failures: 0 };
      const counts = await countSubtleCalls(async () => {
        await runBatch(cell, 8);
      });
      expect(counts, subject.id).toEqual({});
    }
  });
});

describe("the synchronous reference", () => {
  it("is a real signed cookie: a forged one reads as empty, a valid one as its user", async () => {
    const reference = subjects.find((s) => s.id === "reference/sync-hmac")!;
    const fx = await makeFixture(reference);
    expect((await checkCase(fx, "tampered")).ok).toBe(true);
    expect((await checkCase(fx, "read")).ok).toBe(true);
  });
});

describe("concurrent writers on one session", () => {
  it("16 writers in flight lose no key, on every server store", async () => {
    const { stores, missing: notStarted } = await openWriterStores();
    expect(notStarted).toEqual([]);
    expect(stores.map((s) => s.id)).toEqual(WRITER_STORE_IDS);
    for (const target of stores) {
      try {
        const result = await measureWriters(target, 1, 0);
        expect(result.error, target.id).toBeUndefined();
        expect(result.keys, target.id).toBe(WRITERS);
        expect(result.lost, target.id).toBe(0);
        expect(result.failures, target.id).toBe(0);
        expect(result.ratio, target.id).toBeGreaterThan(0);
      } finally {
        await target.close();
      }
    }
  }, 180_000);
});

describe("bundle sizes", () => {
  it("every Worker entry bundles", async () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const bundles = await measureBundles(root);
    for (const b of bundles) {
      expect(b.ok, `${b.id}: ${b.error}`).toBe(true);
      expect(b.gzipped).toBeGreaterThan(0);
    }
  });
});

import type { Session, SessionOptions } from "@edge-session/core";
import { readRequestCookie } from "@edge-session/core/kit";
import { countingStore } from "@edge-session/core/testing";
import { describe, expect, it } from "vitest";
import { type App, type Handler, stores } from "./bindings.ts";
import { fuzzHeader, type Shape } from "./headers.ts";
import { seeded } from "./random.ts";
import { referenceCookie } from "./reference-cookie.ts";

// docs/design.md, "Input limits" and "Cookies": whatever Cookie header arrives, the request
// neither throws nor answers 5xx; a changed cookie is never accepted; a rejected cookie never
// reaches a store (it is refused before any store call, by shape or by signature/tag).

const SEED = 0x10_2026;
/** Per binding × store: 2 bindings × 3 stores × 17,000 = 102,000 headers per run. */
const HEADERS_PER_TARGET = 17_000;
const SECRET = "fuzz-secret-0123456789abcdefghijklmnop";
const USERS = ["alice", "bob", "carol"];

/** Reads the session and answers who is logged in; /login?user=… writes. */
const app: App = async (request: Request, session: Session) => {
  const url = new URL(request.url);
  if (url.pathname === "/login") {
    await session.set("user", url.searchParams.get("user"));
    return new Response("in");
  }
  return new Response(JSON.stringify({ user: (await session.get("user")) ?? null }), { headers: { "Content-Type": "application/json" } });
};

const writes = (calls: Record<string, number>): number =>
  (calls.create ?? 0) + (calls.update ?? 0) + (calls.patch ?? 0) + (calls.delete ?? 0) + (calls.touch ?? 0) + (calls.encode ?? 0);

/**
 * The fuzz run for one binding over the memory, signed and encrypted stores
 * (one test file per binding, so the two run side by side).
 * @example
 * describeCookieFuzz("withSession", 0, (app, options) => withSession(app, options));
 */
export function describeCookieFuzz(bindingName: string, bindingIndex: number, bind: (app: App, options: SessionOptions) => Handler): void {
  describe(`fuzzed Cookie headers through ${bindingName}`, () => {
    const summary: string[] = [];
    let target = bindingIndex * stores.length;
    for (const [storeName, makeStore] of stores) {
      const seed = SEED + target++;
      it(`${bindingName} + ${storeName}: ${HEADERS_PER_TARGET} seeded headers (seed ${seed}), no throw, no 5xx, no accepted mutation, no store call for a rejected cookie`, async () => {
        const counter = countingStore(makeStore());
        const server = !("kind" in counter.store && counter.store.kind === "cookie");
        const handler = bind(app, { store: counter.store, secret: SECRET });
        // Real sessions: one cookie per user, from the binding itself.
        const valid = new Map<string, string>();
        for (const user of USERS) {
          const response = await handler(new Request(`https://fuzz.test/login?user=${user}`));
          const line = response.headers.getSetCookie()[0]!;
          valid.set(line.slice("sessionid=".length, line.indexOf(";")), user);
        }
        const values = [...valid.keys()];
        const random = seeded(seed);
        const counts: Record<Shape | "accepted" | "rejected", number> = {
          random: 0,
          bytes: 0,
          mutated: 0,
          valid: 0,
          duplicates: 0,
          percent: 0,
          parsing: 0,
          huge: 0,
          accepted: 0,
          rejected: 0,
        };
        const msByShape: Partial<Record<Shape, number>> = {};
        const began = performance.now();
        for (let index = 0; index < HEADERS_PER_TARGET; index++) {
          const t0 = performance.now();
          const { shape, header } = fuzzHeader(random, "sessionid", values);
          counts[shape]++;
          const where = `seed ${seed}, case ${index} (${shape}): ${header.length > 300 ? `${header.slice(0, 300)}… (${header.length} chars)` : header}`;
          const before = { total: counter.total(), writes: writes(counter.calls), decodes: counter.calls.decode ?? 0 };
          let response: Response;
          try {
            response = await handler(new Request("https://fuzz.test/", { headers: { Cookie: header } }));
          } catch (error) {
            throw new Error(`threw ${String(error)} at ${where}`);
          }
          if (response.status !== 200) expect.fail(`answered ${response.status} at ${where}`);
          const { user } = (await response.json()) as { user: string | null };
          // What a correct parser reads as our cookie; the only values that may log anyone in are real cookies.
          const reference = referenceCookie(header, "sessionid");
          const parsed = readRequestCookie(header, "sessionid");
          if (parsed.present !== reference.present || parsed.value !== reference.value) {
            expect.fail(`core's parser read ${JSON.stringify(parsed)}, the reference ${JSON.stringify(reference)} at ${where}`);
          }
          const seen = reference.value;
          const owner = seen === undefined ? undefined : valid.get(seen);
          if (user !== null) {
            counts.accepted++;
            if (owner === undefined || user !== owner || !header.includes(seen!)) {
              expect.fail(`accepted a cookie that is not a real session's (got ${user}) at ${where}`);
            }
          } else {
            counts.rejected++;
            if (owner !== undefined) expect.fail(`refused the real cookie of ${owner} at ${where}`);
            // Server stores: not one call. Cookie stores: decode is the verification itself, at most once, and no write.
            const calls = counter.total() - before.total;
            const decodes = (counter.calls.decode ?? 0) - before.decodes;
            if (server ? calls !== 0 : calls !== decodes || decodes > 1) {
              expect.fail(`a rejected cookie cost ${calls} store calls at ${where}: ${JSON.stringify(counter.calls)}`);
            }
          }
          if (writes(counter.calls) !== before.writes) expect.fail(`a read-only request wrote to the store at ${where}`);
          msByShape[shape] = (msByShape[shape] ?? 0) + performance.now() - t0;
        }
        const ms = performance.now() - began;
        summary.push(
          `${bindingName} + ${storeName}: ${HEADERS_PER_TARGET} headers in ${ms.toFixed(0)} ms, ${JSON.stringify(counts)}, ms by shape ${JSON.stringify(msByShape, (_k, v: unknown) => (typeof v === "number" ? Math.round(v) : v))}`,
        );
        expect(counts.accepted + counts.rejected).toBe(HEADERS_PER_TARGET);
        expect(counts.mutated).toBeGreaterThan(HEADERS_PER_TARGET / 4);
        expect(counts.accepted).toBeGreaterThan(HEADERS_PER_TARGET / 20); // the oracle also sees real cookies pass
      });
    }

    it("reports the run", () => {
      // The closing note of issue 10 quotes these lines.
      console.log(`fuzz summary (seeds from ${SEED + bindingIndex * stores.length}):\n${summary.join("\n")}`);
      expect(summary).toHaveLength(stores.length);
    });
  });
}

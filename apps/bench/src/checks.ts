import { applies, type CaseId, type Fixture, ORIGIN } from "./cases.ts";
import { setCookieValue } from "./cookies.ts";
import { createVisitor } from "./fixtures.ts";
import { benchUser } from "./subjects/types.ts";

/** The outcome of checking one case of one subject before it is timed. */
export interface CheckResult {
  ok: boolean;
  /** Why it failed, or facts worth reporting (e.g. "re-issues the cookie"). */
  detail: string;
}

const userJson = (id: number): string => JSON.stringify(benchUser(id));

/**
 * Checks that a subject does the case correctly: written values read back,
 * a read+write lands, a forged cookie is rejected. A subject that fails is
 * reported as failing and not timed on that case.
 */
export async function checkCase(fx: Fixture, caseId: CaseId): Promise<CheckResult> {
  const { subject } = fx;
  if (!applies(subject, caseId)) return { ok: true, detail: "n/a" };
  try {
    if (subject.group === "baseline") return await expectBody(subject.fetch(new Request(`${ORIGIN}/untouched`)), "ok");
    const notes: string[] = [];
    const cookieOf = (visitorIndex: number): HeadersInit => ({
      cookie: `${subject.cookieName}=${fx.pool[visitorIndex]!.cookie}`,
    });
    switch (caseId) {
      case "untouched": {
        const response = await subject.fetch(new Request(`${ORIGIN}/untouched`, { headers: cookieOf(0) }));
        const body = await expectBody(response, "ok");
        if (!body.ok) return body;
        const reissues = response.headers.getSetCookie().length > 0;
        if (subject.group === "edge-session") {
          // docs/design.md §1: no store call, no Set-Cookie, no Vary.
          if (reissues) return fail("sent Set-Cookie on an untouched request");
          if (response.headers.has("vary")) return fail("sent Vary on an untouched request");
        } else if (reissues) {
          notes.push("re-issues the cookie on untouched requests");
        }
        break;
      }
      case "first-write": {
        const visitor = await createVisitor(subject, 424242);
        const read = await expectBody(
          subject.fetch(new Request(`${ORIGIN}/read`, { headers: { cookie: `${subject.cookieName}=${visitor.cookie}` } })),
          userJson(424242),
        );
        if (!read.ok) return fail(`value did not read back: ${read.detail}`);
        break;
      }
      case "read": {
        for (let i = 0; i < fx.pool.length; i++) {
          const read = await expectBody(subject.fetch(new Request(`${ORIGIN}/read`, { headers: cookieOf(i) })), userJson(fx.pool[i]!.id));
          if (!read.ok) return read;
        }
        break;
      }
      case "read-cold": {
        // A cycle of distinct cookies (none a copy of another, or a memo could serve it), each reading back its own user.
        const cycle = fx.cold;
        if (cycle.length === 0) return fail("no cold cookies made");
        if (new Set(cycle.map((v) => v.cookie)).size !== cycle.length) return fail("cold cookies are not all distinct");
        if (new Set(cycle.map((v) => v.id)).size !== cycle.length) return fail("cold cookies do not all carry distinct data");
        for (const k of [0, Math.floor(cycle.length / 2), cycle.length - 1]) {
          const visitor = cycle[k]!;
          const headers = { cookie: `${subject.cookieName}=${visitor.cookie}` };
          const read = await expectBody(subject.fetch(new Request(`${ORIGIN}/read`, { headers })), userJson(visitor.id));
          if (!read.ok) return fail(`cold cookie ${k} of ${cycle.length}: ${read.detail}`);
        }
        notes.push(`cycle of ${cycle.length} cookies${subject.coldRead === "other-isolate" ? " from another isolate" : ""}`);
        break;
      }
      case "rw": {
        const visitor = fx.pool[1]!;
        const first = await subject.fetch(new Request(`${ORIGIN}/rw`, { headers: cookieOf(1) }));
        const body = await expectBody(first, `${visitor.id}:1`);
        if (!body.ok) return body;
        const next = setCookieValue(first, subject.cookieName);
        if (!next) return fail("read + write set no cookie");
        const headers = { cookie: `${subject.cookieName}=${next}` };
        const second = await expectBody(subject.fetch(new Request(`${ORIGIN}/rw`, { headers })), `${visitor.id}:2`);
        if (!second.ok) return fail(`the write did not land: ${second.detail}`);
        const read = await expectBody(subject.fetch(new Request(`${ORIGIN}/read`, { headers })), userJson(visitor.id));
        if (!read.ok) return fail(`other keys lost by the write: ${read.detail}`);
        break;
      }
      case "tampered": {
        if (fx.tampered[2]!.cookie === fx.pool[2]!.cookie) return fail("could not forge a cookie");
        const headers = { cookie: `${subject.cookieName}=${fx.tampered[2]!.cookie}` };
        const read = await expectBody(subject.fetch(new Request(`${ORIGIN}/read`, { headers })), "null");
        if (!read.ok) return fail(`forged cookie not rejected: ${read.detail}`);
        break;
      }
    }
    return { ok: true, detail: notes.join("; ") };
  } catch (error) {
    return fail(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

function fail(detail: string): CheckResult {
  return { ok: false, detail };
}

async function expectBody(pending: Promise<Response> | Response, expected: string): Promise<CheckResult> {
  const response = await pending;
  const body = await response.text();
  if (response.status !== 200) return fail(`status ${response.status}: ${body.slice(0, 120)}`);
  if (body !== expected) return fail(`expected ${expected}, got ${body.slice(0, 120)}`);
  return { ok: true, detail: "" };
}

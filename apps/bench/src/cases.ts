import { tamper } from "./cookies.ts";
import type { Subject } from "./subjects/index.ts";

/** The request kinds measured, in table order. */
export const CASES = ["untouched", "first-write", "read", "read-cold", "rw", "tampered"] as const;
export type CaseId = (typeof CASES)[number];

export const CASE_LABELS: Record<CaseId, string> = {
  untouched: "untouched request (valid cookie, session never used)",
  "first-write": "new visitor's first write (no cookie → Set-Cookie)",
  read: "read, valid cookie (returning visitor: a pool of 32 cookies, reused)",
  "read-cold": "cold read: a cycle of 24,576 distinct valid cookies, more than any memo holds",
  rw: "read + write, valid cookie (→ new Set-Cookie)",
  tampered: "tampered cookie (must be rejected → empty session)",
};

export const SHORT_LABELS: Record<CaseId, string> = {
  untouched: "untouched",
  "first-write": "first write",
  read: "read",
  "read-cold": "read (cold)",
  rw: "read+write",
  tampered: "tampered",
};

export const CONCURRENCIES = [1, 16] as const;
export type Concurrency = (typeof CONCURRENCIES)[number];

export const ORIGIN = "https://bench.example";

/** Returning visitors: this many distinct valid cookies per subject, cycled through. */
export const POOL_SIZE = 32;

/**
 * Cold reads cycle through this many distinct valid cookies (distinct data
 * each: equal data signed in the same second gives equal cookies), more than
 * any memo of edge-session holds (5,000 cookie values, 10,000 session ids),
 * so no read of the cycle is ever a memo hit.
 */
export const COLD_CYCLE = 24_576;

/** A valid cookie of one visitor and the user id it carries. */
export interface Visitor {
  id: number;
  cookie: string;
}

/** What a subject's requests are built from: its own valid cookies, and forgeries of them. */
export interface Fixture {
  subject: Subject;
  pool: Visitor[];
  tampered: Visitor[];
  /** The cold-read cycle: distinct valid cookies, sent in turn (see COLD_CYCLE). */
  cold: Visitor[];
  coldNext: number;
  /** Next id for first writes, so every new visitor is distinct. */
  nextId: number;
}

/** Whether the case applies to this subject at all. */
export function applies(subject: Subject, caseId: CaseId): boolean {
  if (caseId === "untouched") return !subject.explicit;
  // No peer keeps an in-process memo of verified cookies, so for them a cold read is the read case.
  if (caseId === "read-cold") return subject.group === "baseline" || subject.coldRead !== undefined;
  return true;
}

function cookieHeader(subject: Subject, value: string): HeadersInit {
  return { cookie: `${subject.cookieName}=${value}` };
}

/** The i-th request of a case for a subject. Baselines get the same routes with no cookie. */
export function buildRequest(fx: Fixture, caseId: CaseId, i: number): Request {
  const { subject } = fx;
  if (subject.group === "baseline") {
    const path = {
      untouched: "/untouched",
      "first-write": "/write?id=1",
      read: "/read",
      "read-cold": "/read",
      rw: "/rw",
      tampered: "/read",
    }[caseId];
    return new Request(ORIGIN + path);
  }
  const visitor = fx.pool[i % fx.pool.length]!;
  switch (caseId) {
    case "untouched":
      return new Request(`${ORIGIN}/untouched`, { headers: cookieHeader(subject, visitor.cookie) });
    case "first-write":
      return new Request(`${ORIGIN}/write?id=${fx.nextId++}`);
    case "read":
      return new Request(`${ORIGIN}/read`, { headers: cookieHeader(subject, visitor.cookie) });
    case "read-cold": {
      const fresh = fx.cold[fx.coldNext++ % fx.cold.length];
      if (!fresh) throw new Error(`${subject.id}: no cold cookies made`);
      return new Request(`${ORIGIN}/read`, { headers: cookieHeader(subject, fresh.cookie) });
    }
    case "rw":
      return new Request(`${ORIGIN}/rw`, { headers: cookieHeader(subject, visitor.cookie) });
    case "tampered":
      return new Request(`${ORIGIN}/read`, { headers: cookieHeader(subject, fx.tampered[i % fx.tampered.length]!.cookie) });
  }
}

export function tamperedVisitors(pool: readonly Visitor[]): Visitor[] {
  return pool.map((v) => ({ id: v.id, cookie: tamper(v.cookie) }));
}

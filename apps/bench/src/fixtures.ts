import { type Fixture, ORIGIN, POOL_SIZE, tamperedVisitors, type Visitor } from "./cases.ts";
import { setCookieValue } from "./cookies.ts";
import type { Subject } from "./subjects/index.ts";

/**
 * User ids unique across every subject: signed cookies are deterministic
 * (same data, same second, same secret → same bytes), and edge-session's memo
 * of verified values is shared by every app in the isolate, so two subjects
 * must never be handed the same cookie — or one's "never seen" cookie would
 * already be known from the other's.
 */
let nextVisitorId = 1;
export function reserveVisitorIds(count: number): number {
  const first = nextVisitorId;
  nextVisitorId += count;
  return first;
}

/** A new visitor's first write: the cookie it is given, checked to be there. */
export async function createVisitor(subject: Subject, id: number): Promise<Visitor> {
  const response = await subject.fetch(new Request(`${ORIGIN}/write?id=${id}`));
  if (response.status !== 200) throw new Error(`/write answered ${response.status}`);
  const cookie = setCookieValue(response, subject.cookieName);
  if (!cookie) throw new Error(`/write set no "${subject.cookieName}" cookie`);
  return { id, cookie };
}

/** Each subject's returning visitors and their forgeries. Baselines need none. */
export async function makeFixture(subject: Subject): Promise<Fixture> {
  const pool: Visitor[] = [];
  if (subject.group !== "baseline") {
    const first = reserveVisitorIds(POOL_SIZE);
    for (let i = 0; i < POOL_SIZE; i++) pool.push(await createVisitor(subject, first + i));
  }
  return { subject, pool, tampered: tamperedVisitors(pool), cold: [], coldNext: 0, nextId: 1_000_000_000 };
}

import { bareFetch, bareH3, bareHono } from "./baselines.ts";
import { h3Session } from "./h3.ts";
import { honoSession } from "./hono-session.ts";
import { honoSessions } from "./hono-sessions.ts";
import { ironSession } from "./iron-session.ts";
import { reactRouter } from "./react-router.ts";
import { syncReference } from "./sync-reference.ts";
import type { Subject } from "./types.ts";

export type { Subject } from "./types.ts";

/** A subject that could not be set up (its package missing or broken): reported, never timed. */
export interface MissingSubject {
  id: string;
  reason: string;
}

/**
 * Every subject, baselines first. edge-session's packages are imported
 * dynamically so that a package still being written shows up as "missing"
 * in the results instead of stopping the whole bench.
 */
export async function loadSubjects(): Promise<{ subjects: Subject[]; missing: MissingSubject[] }> {
  const subjects: Subject[] = [bareFetch(), bareHono(), bareH3(), syncReference()];
  const missing: MissingSubject[] = [];
  const tryAdd = async (ids: string[], make: () => Promise<Subject[]>): Promise<void> => {
    try {
      subjects.push(...(await make()));
    } catch (error) {
      for (const id of ids) missing.push({ id, reason: errorText(error) });
    }
  };

  await tryAdd(["edge-session/fetch+cookieStore()", "edge-session/hono+cookieStore()"], async () => {
    const { edgeSessionFetch, edgeSessionHono } = await import("./edge-session.ts");
    const { cookieStore } = await import("@edge-session/cookie");
    return [edgeSessionFetch("cookieStore()", cookieStore()), edgeSessionHono("cookieStore()", cookieStore())];
  });
  await tryAdd(["edge-session/fetch+encryptedCookieStore()", "edge-session/hono+encryptedCookieStore()"], async () => {
    const { edgeSessionFetch, edgeSessionHono } = await import("./edge-session.ts");
    const { encryptedCookieStore } = await import("@edge-session/cookie/encrypted");
    return [
      edgeSessionFetch("encryptedCookieStore()", encryptedCookieStore()),
      edgeSessionHono("encryptedCookieStore()", encryptedCookieStore()),
    ];
  });
  await tryAdd(["edge-session/fetch+memoryStore()", "edge-session/hono+memoryStore()"], async () => {
    const { edgeSessionFetch, edgeSessionHono } = await import("./edge-session.ts");
    const { memoryStore } = await import("@edge-session/core");
    return [edgeSessionFetch("memoryStore()", memoryStore()), edgeSessionHono("memoryStore()", memoryStore())];
  });

  subjects.push(reactRouter(), honoSession(), ironSession(), honoSessions(), h3Session());
  return { subjects, missing };
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

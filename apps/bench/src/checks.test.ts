import { describe, expect, it } from "vitest";
import { type CaseId, ORIGIN } from "./cases.ts";
import { checkCase } from "./checks.ts";
import { makeFixture } from "./fixtures.ts";
import { benchUser, idParam, routeOf, type Subject } from "./subjects/types.ts";

/**
 * Deliberately broken libraries: the checks must catch each defect, or a
 * library with that defect would be timed as if it worked.
 * The cookie is "u<id>n<n>-<padding>": only the prefix is read, so a forged
 * padding character goes unnoticed unless the library checks a signature.
 */
function fakeLibrary(defects: { acceptsForgery?: boolean; dropsWrites?: boolean; touchesUntouched?: boolean }): Subject {
  const cookie = (id: number, n: number): string => `u${id}n${n}-${"x".repeat(40)}`;
  const parse = (request: Request): { id: number; n: number; intact: boolean } | null => {
    const m = /fake=u(\d+)n(\d+)-(\w+)/.exec(request.headers.get("cookie") ?? "");
    if (!m) return null;
    return { id: Number(m[1]), n: Number(m[2]), intact: /^x+$/.test(m[3]!) };
  };
  return {
    id: "fake",
    label: "fake",
    group: "edge-session",
    framework: "fetch",
    explicit: false,
    cookieName: "fake",
    async fetch(request) {
      const route = routeOf(request.url);
      const state = parse(request);
      const valid = state && (state.intact || defects.acceptsForgery) ? state : null;
      const headers = new Headers();
      if (route === "/untouched") {
        if (defects.touchesUntouched) headers.set("Set-Cookie", `fake=${cookie(valid?.id ?? 0, valid?.n ?? 0)}`);
        return new Response("ok", { headers });
      }
      if (route === "/write") {
        headers.set("Set-Cookie", `fake=${cookie(idParam(request.url), 1)}`);
        return new Response("ok", { headers });
      }
      if (route === "/rw") {
        const n = valid?.n ?? 0;
        headers.set("Set-Cookie", `fake=${cookie(valid?.id ?? 0, defects.dropsWrites ? n : n + 1)}`);
        return new Response(`${valid?.id}:${n}`, { headers });
      }
      return new Response(JSON.stringify(valid ? benchUser(valid.id) : null));
    },
  };
}

async function check(subject: Subject, caseId: CaseId): Promise<boolean> {
  return (await checkCase(await makeFixture(subject), caseId)).ok;
}

describe("checkCase", () => {
  it("passes a library without defects on every case", async () => {
    const sound = fakeLibrary({});
    for (const caseId of ["untouched", "first-write", "read", "read-cold", "rw", "tampered"] as const) {
      expect(await check(sound, caseId), caseId).toBe(true);
    }
  });
  it("fails a library that accepts a forged cookie", async () => {
    expect(await check(fakeLibrary({ acceptsForgery: true }), "tampered")).toBe(false);
  });
  it("fails a library whose write does not land", async () => {
    expect(await check(fakeLibrary({ dropsWrites: true }), "rw")).toBe(false);
  });
  it("fails an edge-session set-up that sends Set-Cookie on an untouched request", async () => {
    expect(await check(fakeLibrary({ touchesUntouched: true }), "untouched")).toBe(false);
  });
  it("builds requests on the bench origin", () => {
    expect(routeOf(`${ORIGIN}/write?id=3`)).toBe("/write");
    expect(idParam(`${ORIGIN}/write?id=3`)).toBe(3);
  });
});

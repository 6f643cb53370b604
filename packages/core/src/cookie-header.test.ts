import { describe, expect, it } from "vitest";
import { readRequestCookie, serializeSetCookie } from "./cookie-header.ts";

describe("readRequestCookie", () => {
  it("finds a cookie among others, trimming optional whitespace", () => {
    expect(readRequestCookie("a=1;  sessionid=abc.def ; b=2", "sessionid")).toEqual({ present: true, value: "abc.def" });
    expect(readRequestCookie("a=1", "sessionid")).toEqual({ present: false, value: undefined });
    expect(readRequestCookie(null, "sessionid")).toEqual({ present: false, value: undefined });
  });

  it("does not match a cookie whose name merely contains ours", () => {
    expect(readRequestCookie("xsessionid=1; sessionidx=2", "sessionid").present).toBe(false);
  });

  it("removes the optional DQUOTEs of RFC 6265 §4.1.1", () => {
    expect(readRequestCookie('sessionid="abc"', "sessionid").value).toBe("abc");
  });

  it("takes the first of duplicate cookies", () => {
    expect(readRequestCookie("sessionid=first; sessionid=second", "sessionid").value).toBe("first");
  });

  it("marks malformed values present but unusable", () => {
    for (const bad of [
      "sessionid=",
      "sessionid=a b",
      "sessionid=caf\u00e9",
      'sessionid=a"b',
      "sessionid=a\\b",
      "sessionid=a,b",
      `sessionid=${"x".repeat(4097)}`,
    ]) {
      expect(readRequestCookie(bad, "sessionid")).toEqual({ present: true, value: undefined });
    }
  });

  it("keeps a value of exactly 4096 bytes", () => {
    expect(readRequestCookie(`sessionid=${"x".repeat(4096)}`, "sessionid").value).toHaveLength(4096);
  });

  it("finds a cookie after pairs without '=' and after a value holding '='", () => {
    expect(readRequestCookie(";;; flag; a=b=c; sessionid=x", "sessionid").value).toBe("x");
    expect(readRequestCookie("=v; sessionid=y", "sessionid").value).toBe("y");
    expect(readRequestCookie("flag; other", "sessionid").present).toBe(false);
    expect(readRequestCookie("\u00a0sessionid\t=z", "sessionid").value).toBe("z"); // trimmed as String.prototype.trim does
  });

  // docs/design.md, "Input limits": parsing is linear in the header's length for every shape.
  // Regression for issue 10 defect 2: `indexOf("=")` was not bounded by the pair's end, so
  // ";".repeat(32768) cost 13.6× a benign header of the same scanned length.
  it("costs at most a small constant factor more per byte for the worst shapes than for a benign header (linear parsing)", () => {
    // A header from the network is one flat string; JSON.parse gives that (String.repeat builds a rope).
    const flat = (text: string): string => JSON.parse(JSON.stringify(text)) as string;
    const benign = flat("visitor=abcdefghij0123456789; ".repeat(Math.ceil(65_536 / 30)).slice(0, 65_536));
    const shapes = [";", "a;", " ;", "=;", "a=;", "sessionidx=;", " sessionid;", "x"].map((unit) =>
      flat(unit.repeat(Math.ceil(65_536 / unit.length))),
    );
    const perByte = (header: string): number => {
      const runs: number[] = [];
      for (let run = 0; run < 9; run++) {
        const began = performance.now();
        for (let i = 0; i < 20; i++) readRequestCookie(header, "sessionid");
        runs.push((performance.now() - began) / Math.min(header.length, 32_768));
      }
      // The fastest run: a neighbour on a shared machine only ever adds time, so the minimum is the parser's own cost.
      return Math.min(...runs);
    };
    perByte(benign); // warm up the JIT for both paths
    for (const shape of shapes) perByte(shape);
    // Each shape against a benign run measured right beside it, so a burst of load hits both sides alike.
    const ratios = shapes.map((shape) => perByte(shape) / perByte(benign));
    expect(Math.max(...ratios)).toBeLessThan(4);
  });

  it("stops scanning a huge header at 32 KiB instead of walking all of it", () => {
    const header = `${"a=b; ".repeat(10_000)}sessionid=late`;
    expect(readRequestCookie(header, "sessionid").present).toBe(false);
  });
});

describe("serializeSetCookie", () => {
  it("writes the attributes in a fixed order", () => {
    expect(
      serializeSetCookie("sid", "v", {
        maxAge: 60,
        expires: new Date(Date.UTC(2026, 10, 22, 1, 2, 3)),
        domain: "example.com",
        path: "/",
        httpOnly: true,
        secure: true,
        sameSite: "Lax",
      }),
    ).toBe("sid=v; Max-Age=60; Expires=Sun, 22 Nov 2026 01:02:03 GMT; Domain=example.com; Path=/; HttpOnly; Secure; SameSite=Lax");
  });

  it("omits what is not set", () => {
    expect(serializeSetCookie("sid", "v", { path: "/x", httpOnly: false, secure: false, sameSite: "Strict" })).toBe(
      "sid=v; Path=/x; SameSite=Strict",
    );
  });
});

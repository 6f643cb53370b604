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

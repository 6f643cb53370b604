import { describe, expect, it } from "vitest";
import { fileNameFor, isRecordName, MAX_HEX_ID_BYTES } from "./filename.ts";

describe("fileNameFor", () => {
  it("names a record by the hex of its id's UTF-8 bytes", async () => {
    expect(await fileNameFor("s-", "ab/")).toBe("s-x61622f.json");
    expect(await fileNameFor("", "")).toBe("x.json");
    expect(await fileNameFor("", "é")).toBe("xc3a9.json");
  });

  it("never lets a path character through", async () => {
    for (const id of ["../../etc/passwd", "..\\..\\boot.ini", "a/b", "*?[:%", "\u0000", "C:\\x", "%2e%2e%2f"]) {
      const name = await fileNameFor("s-", id);
      expect(name).toMatch(/^s-x[0-9a-f]*\.json$/);
    }
  });

  it("gives distinct ids distinct names, also when only their case differs", async () => {
    const names = await Promise.all(["abc", "ABC", "aBc", "abc "].map((id) => fileNameFor("", id)));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
  });

  it("hashes ids too long to fit a 255-byte file name", async () => {
    const long = "z".repeat(MAX_HEX_ID_BYTES + 1);
    const name = await fileNameFor("session-", long);
    expect(name).toMatch(/^session-h[0-9a-f]{64}\.json$/);
    expect(name.length).toBeLessThan(255);
    expect(await fileNameFor("session-", `${long}y`)).not.toBe(name);
    expect(await fileNameFor("", "z".repeat(MAX_HEX_ID_BYTES))).toMatch(/^x[0-9a-f]{200}\.json$/);
  });
});

describe("isRecordName", () => {
  it("accepts exactly the names fileNameFor writes", async () => {
    expect(isRecordName("s-", await fileNameFor("s-", "id"))).toBe(true);
    expect(isRecordName("s-", await fileNameFor("s-", "q".repeat(500)))).toBe(true);
    expect(isRecordName("s-", "s-x.json")).toBe(true);
    for (const name of ["s-xZZ.json", "t-x61.json", "s-x61.txt", ".tmp-abc", "s-h61.json", "s-y61.json", "notes.txt"]) {
      expect(isRecordName("s-", name)).toBe(false);
    }
  });
});

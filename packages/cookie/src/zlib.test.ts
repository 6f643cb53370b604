import { expect, test } from "vitest";
import { zlibCompress, zlibDecompress } from "./zlib.ts";

const text = new TextEncoder().encode('{"items":["apple","apple","apple","apple","apple","apple"]}');

test("writes a zlib stream (RFC 1950 header 0x78, not raw deflate) that reads back", async () => {
  const compressed = await zlibCompress(text);
  expect(compressed![0]).toBe(0x78);
  expect(((compressed![0]! << 8) | compressed![1]!) % 31).toBe(0); // RFC 1950 §2.2 FCHECK
  expect(await zlibDecompress(compressed!, 1024)).toEqual(text);
});

test("output exactly at the cap is allowed; one byte over is refused", async () => {
  const compressed = await zlibCompress(text);
  expect(await zlibDecompress(compressed!, text.length)).toEqual(text);
  expect(await zlibDecompress(compressed!, text.length - 1)).toBeNull();
});

test("a zip bomb stops at the cap: 8 MiB of zeros against a 64 KiB limit", async () => {
  const bomb = await zlibCompress(new Uint8Array(8 * 1024 * 1024));
  expect(bomb!.length).toBeLessThan(10_000);
  expect(await zlibDecompress(bomb!, 64 * 1024)).toBeNull();
});

test("corrupt, truncated and raw-deflate input reads as null", async () => {
  const compressed = (await zlibCompress(text))!;
  const flipped = compressed.slice();
  flipped[flipped.length - 1]! ^= 0xff; // Adler-32 checksum
  expect(await zlibDecompress(flipped, 1024)).toBeNull();
  expect(await zlibDecompress(compressed.slice(0, compressed.length - 3), 1024)).toBeNull();
  expect(await zlibDecompress(compressed.slice(2), 1024)).toBeNull(); // no zlib header
  expect(await zlibDecompress(new Uint8Array([1, 2, 3, 4, 5]), 1024)).toBeNull();
  expect(await zlibDecompress(new Uint8Array(), 1024)).toBeNull();
});

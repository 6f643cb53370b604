import { SessionError } from "@edge-session/core";
import { Browser } from "@edge-session/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type App, bindings, stores } from "./bindings.ts";

// docs/design.md, "Values and serialization": a value either survives JSON unchanged — and then
// reads back deep-equal, across requests, from every store — or `set()` refuses it with
// SessionSerializationError naming the key. -0 is refused (JSON would turn it into 0).

const SECRET = "values-secret-0123456789abcdefghijklmn";
const SEED = 0x7a1_2026;

/** The app keeps what it read in memory, so the comparison sees the session's value and not a re-encoding. */
function valueApp(): { app: App; next: { value: unknown }; read: { value: unknown; has: boolean } } {
  const next = { value: undefined as unknown };
  const read = { value: undefined as unknown, has: false };
  const app: App = async (request, session) => {
    const path = new URL(request.url).pathname;
    if (path === "/set") {
      try {
        await session.set("v", next.value);
        return new Response("ok");
      } catch (error) {
        const code = error instanceof SessionError ? error.code : `${(error as Error).name}: ${(error as Error).message}`;
        return new Response(code, { status: 422 });
      }
    }
    read.has = await session.has("v");
    read.value = await session.get("v");
    return new Response("read");
  };
  return { app, next, read };
}

/** fast-check's JSON values include -0, which JSON would turn into 0; the round-trip property is about the rest. */
function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(out, key, { value: withoutNegativeZero(item), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

const fitsCookie = (value: unknown): boolean => JSON.stringify(value).length <= 1_500;
const jsonValues = fc.jsonValue({ maxDepth: 4 }).map(withoutNegativeZero).filter(fitsCookie);

const [bindingName, bind] = bindings[0]!;

describe(`${bindingName}: any JSON value round-trips through set and get across requests`, () => {
  for (const [storeName, makeStore] of stores) {
    it(`${storeName}: 120 fast-check JSON values read back deep-equal on the next request`, async () => {
      const { app, next, read } = valueApp();
      const browser = new Browser(bind(app, { store: makeStore(), secret: SECRET }));
      await fc.assert(
        fc.asyncProperty(jsonValues, async (value) => {
          next.value = value;
          const set = await browser.fetch("/set");
          expect(set.status, await set.clone().text()).toBe(200);
          await browser.fetch("/get");
          expect(read.has).toBe(true);
          expect(read.value).toEqual(value);
          expect(JSON.stringify(read.value)).toBe(JSON.stringify(value)); // same keys in the same order, same digits
        }),
        { seed: SEED, numRuns: 120 },
      );
    });
  }
});

class Cart {
  items = [1];
}

/** Things JSON would drop, change or choke on, each with the path it hides at. */
const altered: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(-0),
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.bigInt().map((n) => n),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
  fc.date({ noInvalidDate: true }),
  fc.constant(new Map([[1, 2]])),
  fc.constant(new Set([1])),
  fc.constant(new Cart()),
  fc.constant(new Uint8Array([1, 2])),
  fc.constant(Object("boxed")),
  fc.nat({ max: 5 }).map((n) => {
    const sparse: unknown[] = [1];
    sparse.length = n + 2; // holes become null
    return sparse;
  }),
  fc.string().map((key) => Object.assign([1, 2], { [`extra${key}`]: 3 })),
  fc.string().map((key) => Object.defineProperty({ a: 1 }, `hidden${key}`, { value: 2, enumerable: false })),
  fc.constant({ [Symbol("k")]: 1 }),
  fc.integer({ min: 513, max: 20_000 }).map((depth) => {
    let deep: unknown = 1;
    for (let i = 0; i < depth; i++) deep = i % 2 ? [deep] : { d: deep };
    return deep;
  }),
  fc.constant(null).map(() => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    return cyclic;
  }),
  fc.constant({ toJSON: () => "changed" }),
);

/** A JSON value with one altered thing hidden somewhere inside it (or at the top). */
const hidden = fc.tuple(fc.jsonValue({ maxDepth: 2 }).map(withoutNegativeZero), altered, fc.nat({ max: 3 })).map(([base, bad, where]) => {
  switch (where) {
    case 0:
      return bad;
    case 1:
      return [base, bad];
    case 2:
      return { base, nested: { bad } };
    default:
      return [{ list: [base, [bad]] }];
  }
});

describe(`${bindingName}: any value JSON would alter fails with SessionSerializationError`, () => {
  for (const [storeName, makeStore] of stores) {
    it(`${storeName}: 150 fast-check values with something JSON alters are refused, never stored, never a RangeError`, async () => {
      const { app, next, read } = valueApp();
      const browser = new Browser(bind(app, { store: makeStore(), secret: SECRET }));
      next.value = "before";
      await browser.fetch("/set");
      await fc.assert(
        fc.asyncProperty(hidden, async (value) => {
          next.value = value;
          const set = await browser.fetch("/set");
          expect(set.status).toBe(422);
          expect(await set.text()).toBe("ERR_SESSION_SERIALIZATION");
          await browser.fetch("/get");
          expect(read.value).toBe("before"); // the refused value was never stored
        }),
        { seed: SEED + 1, numRuns: 150 },
      );
    });
  }
});

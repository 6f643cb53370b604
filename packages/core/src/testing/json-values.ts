/**
 * A small seeded generator of JSON values — every value survives
 * `JSON.parse(JSON.stringify(value))` deep-equal (docs/design.md, "Values and
 * serialization") — for the flow suite, which may import only from vitest.
 * Same seed, same values, on every runtime.
 */

/** Options for {@link jsonValues}. */
export interface JsonValueOptions {
  /** Longest JSON text of one value, so a value fits a 4 KB signed cookie [600]. */
  maxLength?: number;
  /** Deepest nesting of arrays and objects [4]. */
  maxDepth?: number;
}

/**
 * A deterministic PRNG (mulberry32): numbers in [0, 1) from a 32-bit seed.
 * @example
 * const random = seededRandom(42); random(); // the same sequence every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// What JSON must carry exactly: escapes, control characters, the JS line separators, astral
// characters (surrogate pairs), lone surrogates (escaped by JSON.stringify), a BOM, non-ASCII.
const CHARACTERS = [..."aZ09 _-.~", '"', "\\", "/", "\u0000", "\u0007", "\b", "\t", "\n", "\r", "\u001f", "\u007f"].concat([
  "\u00e9",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\u4e2d",
  "\ud83d\ude00",
  "\ud800",
  "\udfff",
  "{",
  "}",
  "[",
  ":",
  ",",
]);
const KEYS = ["", "a", "key", "__proto__", "constructor", "toString", "0", "1e3", "d", "f", "x", "é", "\u2028", "\ud83d\ude00"];
const NUMBERS = [
  0,
  1,
  -1,
  0.1,
  0.1 + 0.2,
  1e21,
  1e-7,
  5e-324,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  2 ** 53 - 1,
  -(2 ** 53),
  123_456.789,
];

/**
 * `count` JSON values from `seed`: nested arrays and objects (own keys such as
 * "__proto__" included), awkward strings, and numbers at the edges of double
 * precision. Never `-0`, which JSON turns into `0` and `set()` refuses.
 * @example
 * for (const value of jsonValues(7, 20)) await session.set("v", value);
 */
export function jsonValues(seed: number, count: number, options: JsonValueOptions = {}): unknown[] {
  const random = seededRandom(seed);
  const maxLength = options.maxLength ?? 600;
  const maxDepth = options.maxDepth ?? 4;
  const below = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;

  const text = (): string => {
    let out = "";
    for (let i = below(12); i > 0; i--) out += pick(CHARACTERS);
    return out;
  };
  const number = (): number => {
    switch (below(4)) {
      case 0:
        return pick(NUMBERS);
      case 1:
        return below(2_000_001) - 1_000_000 || 7;
      case 2:
        return (random() - 0.5) * 10 ** (below(40) - 20) || 1;
      default:
        return Number.parseFloat(random().toPrecision(1 + below(17))) || 0.5;
    }
  };
  const value = (depth: number): unknown => {
    const kind = below(depth >= maxDepth ? 4 : 6);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return random() < 0.5;
      case 2:
        return number();
      case 3:
        return text();
      case 4:
        return Array.from({ length: below(5) }, () => value(depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = below(5); i > 0; i--) {
          const key = random() < 0.6 ? pick(KEYS) : text();
          // defineProperty, so "__proto__" is an own key (as JSON.parse makes it), not the prototype.
          Object.defineProperty(object, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        }
        return object;
      }
    }
  };

  const values: unknown[] = [];
  while (values.length < count) {
    const candidate = value(0);
    if (JSON.stringify(candidate).length <= maxLength) values.push(candidate);
  }
  return values;
}

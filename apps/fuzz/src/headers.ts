import type { Random } from "./random.ts";

// Cookie header shapes for the fuzzer (docs/design.md, "Input limits"). Every header is a
// value `new Headers()` accepts: bytes 0x01-0xFF except CR and LF, no leading or trailing
// whitespace (Headers would strip it). Anything else never reaches a binding.

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const SEPARATORS = '.:;=, \t"\\%';
const CONTROL = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).filter((c) => c !== "\r" && c !== "\n");
const HIGH = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i + 128));
const PERCENT = ["%", "%Z", "%ZZ", "%E0%A4%A", "%ED%A0%80", "%F0%9F%98", "%00", "%C0%AF", "%25", "%FF%FE", "%u0041"];

function randomText(random: Random, length: number, alphabet: readonly string[]): string {
  let text = "";
  for (let i = 0; i < length; i++) text += random.pick(alphabet);
  return text;
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(i + 32));
const ANY_BYTE = [...PRINTABLE, ...CONTROL, ...HIGH];

/** Edits one valid cookie value so that it differs from it, in one of the ways an attacker would try. */
export function mutate(random: Random, value: string, others: readonly string[]): string {
  for (;;) {
    const at = random.below(value.length + 1);
    const char = random.chance(0.8) ? random.pick([...BASE64URL]) : random.pick([...SEPARATORS, ...HIGH.slice(0, 4)]);
    let out: string;
    switch (random.below(11)) {
      case 0:
        out = value.slice(0, at) + char + value.slice(at + 1); // replace one character
        break;
      case 1:
        out = value.slice(0, at) + value.slice(at + 1); // delete one
        break;
      case 2:
        out = value.slice(0, at) + char + value.slice(at); // insert one
        break;
      case 3:
        out = value.slice(0, at); // truncate
        break;
      case 4:
        out = value + randomText(random, 1 + random.below(8), [...BASE64URL]); // append
        break;
      case 5:
        out = value.slice(0, at) + (value[at + 1] ?? "") + (value[at] ?? "") + value.slice(at + 2); // swap neighbours
        break;
      case 6:
        out = value.slice(0, at) + value.slice(at).replace(/[a-z]/, (c) => c.toUpperCase()); // one letter's case
        break;
      case 7: {
        // splice: this value's head with another valid value's tail (another session's signature or tag)
        const other = random.pick(others);
        const cut = random.below(Math.min(value.length, other.length));
        out = value.slice(0, cut) + other.slice(cut);
        break;
      }
      case 8: {
        // drop, repeat or swap a whole segment between separators
        const parts = value.split(/([.:])/);
        const i = random.below(parts.length);
        const choice = random.below(3);
        if (choice === 0) parts.splice(i, 1);
        else if (choice === 1) parts.splice(i, 0, parts[i]!);
        else parts.reverse();
        out = parts.join("");
        break;
      }
      case 9:
        out = value.slice(0, at) + random.pick(PERCENT) + value.slice(at); // percent-encoding garbage
        break;
      default: {
        // flip one bit of one character, staying in the cookie alphabet's neighbourhood
        const code = value.charCodeAt(Math.min(at, value.length - 1)) ^ (1 << random.below(7));
        const i = Math.min(at, value.length - 1);
        out = value.slice(0, i) + String.fromCharCode(code === 13 || code === 10 || code === 0 ? 65 : code) + value.slice(i + 1);
      }
    }
    if (out !== value) return out;
  }
}

/** Other cookies around ours: what real browsers send, plus noise. */
function neighbours(random: Random): string {
  const count = random.below(4);
  const list: string[] = [];
  for (let i = 0; i < count; i++)
    list.push(`${random.pick(["csrftoken", "theme", "_ga", "sessionid.1", "a"])}=${randomText(random, random.below(20), [...BASE64URL])}`);
  return list.join("; ");
}

const joinPairs = (...pairs: string[]): string => pairs.filter((pair) => pair !== "").join("; ");

/** Removes what Headers would strip, so the header the binding sees is the one we reason about. */
function asHeaderValue(text: string): string {
  return text.replace(/[\r\n]/g, "x").replace(/^[\t ]+|[\t ]+$/g, "");
}

/** The kinds of header the fuzzer sends, by how often. */
export type Shape = "random" | "bytes" | "mutated" | "valid" | "duplicates" | "percent" | "parsing" | "huge";

/**
 * One fuzzed Cookie header for the cookie `name`, built around `valid` (the
 * cookies of real sessions): random bytes, every kind of mutation of a valid
 * value, valid values among noise, thousands of duplicates, bad
 * percent-encoding, parser edge shapes and, rarely, a 1.5 MB header.
 */
export function fuzzHeader(random: Random, name: string, valid: readonly string[]): { shape: Shape; header: string } {
  const value = random.pick(valid);
  const roll = random.below(1000);
  if (roll === 0) {
    // A 1.5 MB header: the valid cookie sits past the 32 KiB scan cap, so it must not be found.
    const unit = random.pick([";", "a=b; ", "=;", `${name}; `, "x"]);
    return { shape: "huge", header: asHeaderValue(`${unit.repeat(Math.ceil(1_500_000 / unit.length))}; ${name}=${value}`) };
  }
  if (roll < 120)
    return { shape: "random", header: asHeaderValue(randomText(random, random.below(random.chance(0.05) ? 8192 : 200), PRINTABLE)) };
  if (roll < 220) {
    const text = randomText(random, random.below(300), ANY_BYTE);
    return { shape: "bytes", header: asHeaderValue(random.chance(0.5) ? `${name}=${text}` : text) };
  }
  if (roll < 620) {
    const mutated = mutate(random, value, valid);
    const header = random.chance(0.5) ? `${name}=${mutated}` : joinPairs(neighbours(random), `${name}=${mutated}`, neighbours(random));
    return { shape: "mutated", header: asHeaderValue(header) };
  }
  if (roll < 720) {
    const quoted = random.chance(0.2) ? `"${value}"` : value;
    return { shape: "valid", header: asHeaderValue(joinPairs(neighbours(random), `${name}=${quoted}`, neighbours(random))) };
  }
  if (roll < 780) {
    // Thousands of duplicate names: the first one wins (RFC 6265 §5.4), whatever follows.
    const first = random.chance(0.5) ? value : mutate(random, value, valid);
    const later = random.chance(0.2) ? value : randomText(random, 1 + random.below(12), [...BASE64URL]);
    const rest = `${name}=${later}; `.repeat(random.chance(0.1) ? 1000 + random.below(4000) : random.below(1000));
    return { shape: "duplicates", header: asHeaderValue(`${name}=${first}; ${rest}`) };
  }
  if (roll < 860) {
    const garbage = Array.from({ length: 1 + random.below(6) }, () => random.pick(PERCENT)).join(
      randomText(random, random.below(4), [...BASE64URL]),
    );
    return {
      shape: "percent",
      header: asHeaderValue(random.chance(0.5) ? `${name}=${garbage}` : `${name}=${value.slice(0, random.below(value.length))}${garbage}`),
    };
  }
  const edge = random.pick([
    `${name}`,
    `${name}=`,
    `${name}==${value}`,
    `${name}="${value}`,
    `${name}=${value}"`,
    ` ${name} = ${value} `,
    `${name.toUpperCase()}=${value}`,
    `x${name}=${value}`,
    `${name}x=${value}`,
    `${";".repeat(random.below(40_000))}${name}=${value}`,
    `${"=;".repeat(random.below(20_000))}${name}=${value}`,
    `${name}=${value};${name}=${value}`,
    `${name}=${"A".repeat(4097)}`,
    `${name}=${value},${name}=${value}`,
  ]);
  return { shape: "parsing", header: asHeaderValue(edge) };
}

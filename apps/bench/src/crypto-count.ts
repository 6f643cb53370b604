/**
 * Counts `crypto.subtle` calls by putting a counting Proxy in front of every
 * SubtleCrypto method for the duration of one pass, then restoring the
 * originals. The methods are replaced on SubtleCrypto's prototype, so every
 * library sees them however it reached `crypto.subtle` (jose, iron-webcrypto,
 * h3 and our own code all call through the one instance). Never active while
 * timing: the proxy costs time of its own.
 */
export type SubtleCounts = Record<string, number>;

/**
 * Also counted, though not WebCrypto: zlib streams. On Node each one costs
 * more than an HMAC (see the building blocks), so a session's cost is not
 * explained by its crypto.subtle calls alone. Reported apart from the total.
 */
const STREAMS = ["CompressionStream", "DecompressionStream"] as const;

export async function countSubtleCalls(run: () => Promise<void>): Promise<SubtleCounts> {
  const proto = Object.getPrototypeOf(crypto.subtle) as Record<string, unknown>;
  const counts: SubtleCounts = {};
  const originals = new Map<string, PropertyDescriptor>();
  for (const name of Object.getOwnPropertyNames(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (name === "constructor" || !descriptor || typeof descriptor.value !== "function") continue;
    originals.set(name, descriptor);
    const proxy = new Proxy(descriptor.value as (...args: unknown[]) => unknown, {
      apply(target, thisArg, args) {
        counts[name] = (counts[name] ?? 0) + 1;
        return Reflect.apply(target, thisArg, args);
      },
    });
    Object.defineProperty(proto, name, { ...descriptor, value: proxy });
  }
  const globals = globalThis as unknown as Record<string, unknown>;
  const streamOriginals = new Map<string, unknown>();
  for (const name of STREAMS) {
    const original = globals[name];
    if (typeof original !== "function") continue;
    streamOriginals.set(name, original);
    globals[name] = new Proxy(original as new (...args: unknown[]) => object, {
      construct(target, args, newTarget) {
        counts[`new ${name}`] = (counts[`new ${name}`] ?? 0) + 1;
        return Reflect.construct(target, args, newTarget === globals[name] ? target : newTarget);
      },
    });
  }
  try {
    await run();
  } finally {
    for (const [name, descriptor] of originals) Object.defineProperty(proto, name, descriptor);
    for (const [name, original] of streamOriginals) globals[name] = original;
  }
  return counts;
}

/** crypto.subtle calls per request, and "sign 1, verify 1"-style detail (zlib streams listed after, not in the total). */
export function perRequest(counts: SubtleCounts, requests: number): { total: number; detail: string } {
  let total = 0;
  const parts: string[] = [];
  const streams: string[] = [];
  for (const [name, n] of Object.entries(counts).sort()) {
    if (name.startsWith("new ")) {
      streams.push(`${name} ${round(n / requests)}`);
      continue;
    }
    total += n;
    parts.push(`${name} ${round(n / requests)}`);
  }
  return { total: round(total / requests), detail: [...parts, ...streams.map((x) => `+ ${x}`)].join(", ") };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

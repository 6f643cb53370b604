/**
 * Counts `crypto.subtle` calls by putting a counting Proxy in front of every
 * SubtleCrypto method for the duration of one pass, then restoring the
 * originals. The methods are replaced on SubtleCrypto's prototype, so every
 * library sees them however it reached `crypto.subtle` (jose, iron-webcrypto,
 * h3 and our own code all call through the one instance). Never active while
 * timing: the proxy costs time of its own.
 */
export type SubtleCounts = Record<string, number>;

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
  try {
    await run();
  } finally {
    for (const [name, descriptor] of originals) Object.defineProperty(proto, name, descriptor);
  }
  return counts;
}

/** Total calls per request, and "sign 1, verify 1"-style detail. */
export function perRequest(counts: SubtleCounts, requests: number): { total: number; detail: string } {
  let total = 0;
  const parts: string[] = [];
  for (const [name, n] of Object.entries(counts).sort()) {
    total += n;
    parts.push(`${name} ${round(n / requests)}`);
  }
  return { total: round(total / requests), detail: parts.join(", ") };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

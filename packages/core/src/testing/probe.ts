import { it } from "vitest";

/**
 * Calls a store factory once at registration time, when it answers
 * synchronously and without throwing, so the suites can register cases that
 * do not apply to a store as skipped — visible in reports — rather than as
 * passing tests that checked nothing. Undefined when the store is not known
 * yet (an async factory, or one that needs a beforeAll first); those cases
 * then decide inside the test.
 */
export function probeStore<T>(make: () => T | Promise<T>): T | undefined {
  try {
    const store = make();
    return store && typeof (store as { then?: unknown }).then !== "function" ? (store as T) : undefined;
  } catch {
    return undefined;
  }
}

/** A test registrar: `it`, or `it.skip`. */
type Register = (name: string, fn: () => Promise<void>, timeout?: number) => void;

/** `it` when the case applies (or may apply), `it.skip` when it certainly does not. */
export function itWhen(applies: boolean | undefined): Register {
  return applies === false ? it.skip : it;
}

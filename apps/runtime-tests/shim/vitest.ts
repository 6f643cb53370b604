/**
 * "vitest" for `deno test` (deno.json maps the bare specifier here): only what the files run on
 * Deno use — describe, it, it.skip, beforeAll, afterAll and vitest's own expect — with each case
 * registered as a flat `Deno.test` named "suite > sub > case", so the suite files run unchanged.
 * Anything else is missing on purpose: a file that uses it fails `deno test`'s type check, loudly.
 *
 * As under vitest: beforeAll runs lazily before its suite's first case and afterAll after its
 * last (an afterAll failure fails that case); a failing beforeAll fails every case of its suite;
 * a case times out after 5 s or its third argument in ms; a rejection nobody handled fails the
 * running case (Deno would abort the whole file); it.skip registers an ignored case.
 */

import { type ExpectStatic, JestAsymmetricMatchers, JestChaiExpect } from "@vitest/expect";
import * as chai from "chai";

// vitest builds its expect from chai with these plugins: every jest matcher, .resolves/.rejects,
// the message argument, expect.any/stringContaining/… (its others, expect.extend and assertion
// counting, serve nothing run here).
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);
export const expect: ExpectStatic = chai.expect as unknown as ExpectStatic;

declare const Deno: {
  test(definition: { name: string; fn: () => Promise<void>; ignore: boolean; sanitizeOps: boolean; sanitizeResources: boolean }): void;
};

type Fn = () => unknown;

interface Suite {
  name: string;
  parent: Suite | undefined;
  beforeAll: Fn[];
  afterAll: Fn[];
  /** Cases of this suite (and its children) still to run; afterAll runs when it reaches 0. */
  pending: number;
  /** The beforeAll hooks' run, shared by every case, so that their failure fails each one. */
  started?: Promise<void>;
}

const TEST_TIMEOUT = 5_000; // vitest's defaults
const HOOK_TIMEOUT = 10_000;

const root: Suite = { name: "", parent: undefined, beforeAll: [], afterAll: [], pending: 0 };
let current = root;

const unhandled: unknown[] = [];
globalThis.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  unhandled.push(event.reason);
});

async function withTimeout(value: unknown, ms: number, what: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out in ${ms}ms`)), ms);
  });
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runBeforeAll(suite: Suite): Promise<void> {
  for (const hook of suite.beforeAll) {
    const result = await withTimeout(hook(), HOOK_TIMEOUT, `beforeAll of "${suite.name}"`);
    // vitest would call a returned function after the suite; nothing run here needs that, so say so
    // rather than leak what the hook started.
    if (typeof result === "function") throw new Error("the Deno shim does not call beforeAll's cleanup: use afterAll");
  }
}

/** Every afterAll hook runs, last registered first; errors are collected, not thrown. */
async function runAfterAll(suite: Suite, errors: unknown[]): Promise<void> {
  for (const hook of [...suite.afterAll].reverse()) {
    await withTimeout(hook(), HOOK_TIMEOUT, `afterAll of "${suite.name}"`).catch((error: unknown) => errors.push(error));
  }
}

function register(name: string, fn: Fn, timeout: number, ignore: boolean): void {
  const chain: Suite[] = []; // root first
  for (let s: Suite | undefined = current; s; s = s.parent) chain.unshift(s);
  if (!ignore) for (const s of chain) s.pending++;
  Deno.test({
    name: [...chain.map((s) => s.name).filter(Boolean), name].join(" > "),
    ignore,
    // Suites keep servers, sockets and timers open across cases (beforeAll/afterAll), as under vitest.
    sanitizeOps: false,
    sanitizeResources: false,
    fn: async () => {
      const errors: unknown[] = [];
      try {
        for (const s of chain) {
          s.started ??= runBeforeAll(s);
          await s.started;
        }
        await withTimeout(fn(), timeout, `test "${name}"`);
        await new Promise((resolve) => setTimeout(resolve, 0)); // lets an unhandled rejection surface
        if (unhandled.length) throw unhandled.splice(0)[0];
      } catch (error) {
        errors.push(error);
      }
      for (const s of [...chain].reverse()) if (--s.pending === 0) await runAfterAll(s, errors);
      if (errors.length) throw errors[0];
    },
  });
}

/** vitest's `it`: a case, with an optional timeout in ms; `it.skip` is reported as ignored. */
export const it: {
  (name: string, fn: Fn, timeout?: number): void;
  skip(name: string, fn?: Fn, timeout?: number): void;
} = Object.assign((name: string, fn: Fn, timeout = TEST_TIMEOUT) => register(name, fn, timeout, false), {
  skip: (name: string) => register(name, () => {}, TEST_TIMEOUT, true),
});

/** vitest's `describe`: its callback runs at once and registers the suite's cases and hooks. */
export function describe(name: string, fn: () => void): void {
  const parent = current;
  current = { name, parent, beforeAll: [], afterAll: [], pending: 0 };
  try {
    if ((fn() as unknown) instanceof Promise) throw new Error(`describe("${name}"): the Deno shim has no async suite callbacks`);
  } catch (error) {
    register(
      "(collecting the suite)",
      () => {
        throw error;
      },
      TEST_TIMEOUT,
      false,
    );
  } finally {
    current = parent;
  }
}

/** Runs before the first case of the enclosing suite (or file). */
export function beforeAll(fn: Fn): void {
  current.beforeAll.push(fn);
}

/** Runs after the last case of the enclosing suite (or file). */
export function afterAll(fn: Fn): void {
  current.afterAll.push(fn);
}

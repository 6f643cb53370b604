/**
 * "vitest" for `deno test`: the subset of vitest's API that the edge-session
 * suites use, registered as flat `Deno.test` cases ("suite > sub > case"), so
 * that the very same suite files run on Deno. deno.json maps the bare
 * specifier "vitest" here; nothing in the suites changes.
 *
 * Semantics follow vitest: hooks nest (beforeAll lazily before a suite's first
 * case, afterAll after its last; beforeEach outer→inner, afterEach inner→outer),
 * a hook may return a cleanup function, a failing beforeAll fails every case of
 * its suite, `skip`/`skipIf`/`runIf`/`todo` become ignored cases, `each` formats
 * names with %s/%d/%i/%j/%o/%%, and each case has vitest's 5 s default timeout.
 * `expect` is vitest's own (see expect.ts).
 */

import type { ExpectTask } from "./expect.ts";
import { checkAssertionCount, resetAssertionState, setCurrentTask } from "./expect.ts";

export { assert, expect } from "./expect.ts";

declare const Deno: {
  test(definition: {
    name: string;
    fn: () => Promise<void>;
    ignore?: boolean;
    sanitizeOps?: boolean;
    sanitizeResources?: boolean;
    sanitizeExit?: boolean;
  }): void;
};

type Awaitable<T> = T | Promise<T>;
type Cleanup = () => Awaitable<unknown>;
type HookFn = () => Awaitable<unknown>;
/** What vitest hands a test function: `skip()` is the one member the shim gives meaning to. */
export interface TestContext {
  task: { name: string };
  skip(note?: string): never;
  onTestFinished(fn: Cleanup): void;
}
type TestFn = (context: TestContext) => Awaitable<unknown>;
type TimeoutArg = number | { timeout?: number };

const DEFAULT_TEST_TIMEOUT = 5_000;
const DEFAULT_HOOK_TIMEOUT = 10_000;

interface Suite {
  name: string;
  parent: Suite | undefined;
  beforeAll: HookFn[];
  afterAll: HookFn[];
  beforeEach: HookFn[];
  afterEach: HookFn[];
  /** Cases still to run in this suite (and its children); afterAll runs when it reaches 0. */
  pending: number;
  started: boolean;
  startError: unknown;
  hasStartError: boolean;
  cleanups: Cleanup[];
}

const newSuite = (name: string, parent: Suite | undefined): Suite => ({
  name,
  parent,
  beforeAll: [],
  afterAll: [],
  beforeEach: [],
  afterEach: [],
  pending: 0,
  started: false,
  startError: undefined,
  hasStartError: false,
  cleanups: [],
});

// An un-awaited failing `expect(promise).rejects…` rejects outside the case; Deno would abort the whole
// file on it. Vitest reports it as an error instead, and so does the shim: the running case fails.
const unhandled: unknown[] = [];
globalThis.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  unhandled.push(event.reason);
});

const root = newSuite("", undefined);
let current = root;
let skipDepth = 0;

class SkipSignal extends Error {}

function chain(suite: Suite): Suite[] {
  const out: Suite[] = [];
  for (let s: Suite | undefined = suite; s; s = s.parent) out.unshift(s);
  return out;
}

function fullName(suite: Suite, name: string): string {
  return [
    ...chain(suite)
      .map((s) => s.name)
      .filter(Boolean),
    name,
  ].join(" > ");
}

async function withTimeout<T>(promise: Awaitable<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out in ${ms}ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runHook(fn: HookFn, what: string): Promise<Cleanup | undefined> {
  const result = await withTimeout(fn(), DEFAULT_HOOK_TIMEOUT, what);
  return typeof result === "function" ? (result as Cleanup) : undefined;
}

async function startSuite(suite: Suite): Promise<void> {
  if (suite.started) return;
  suite.started = true;
  try {
    for (const hook of suite.beforeAll) {
      const cleanup = await runHook(hook, `beforeAll of "${suite.name}"`);
      if (cleanup) suite.cleanups.unshift(cleanup);
    }
  } catch (error) {
    suite.hasStartError = true;
    suite.startError = error;
  }
}

async function finishSuite(suite: Suite): Promise<void> {
  const errors: unknown[] = [];
  for (const hook of [...suite.afterAll].reverse()) {
    await runHook(hook, `afterAll of "${suite.name}"`).catch((e: unknown) => errors.push(e));
  }
  for (const cleanup of suite.cleanups) {
    await Promise.resolve()
      .then(cleanup)
      .catch((e: unknown) => errors.push(e));
  }
  if (errors.length) throw errors[0];
}

function register(name: string, fn: TestFn | undefined, timeoutArg: TimeoutArg | undefined, skip: boolean): void {
  const suite = current;
  const title = fullName(suite, name);
  const ignore = skip || skipDepth > 0 || !fn;
  const timeout = (typeof timeoutArg === "number" ? timeoutArg : timeoutArg?.timeout) ?? DEFAULT_TEST_TIMEOUT;
  if (!ignore) for (const s of chain(suite)) s.pending++;
  Deno.test({
    name: title,
    ignore,
    // Suites keep servers, sockets and timers open across cases (beforeAll/afterAll), as under vitest.
    sanitizeOps: false,
    sanitizeResources: false,
    sanitizeExit: false,
    fn: async () => {
      const suites = chain(suite);
      const errors: unknown[] = [];
      const finished: Cleanup[] = [];
      try {
        for (const s of suites) {
          await startSuite(s);
          if (s.hasStartError) throw s.startError;
        }
        const task: ExpectTask = {};
        const eachCleanups: Cleanup[] = [];
        resetAssertionState(title);
        setCurrentTask(task);
        try {
          for (const s of suites) {
            for (const hook of s.beforeEach) {
              const cleanup = await runHook(hook, "beforeEach");
              if (cleanup) eachCleanups.unshift(cleanup);
            }
          }
          const context: TestContext = {
            task: { name },
            skip: () => {
              throw new SkipSignal();
            },
            onTestFinished: (cleanup) => void finished.unshift(cleanup),
          };
          try {
            await withTimeout(fn!(context), timeout, `test "${title}"`);
            await Promise.all(task.promises ?? []);
            // Let a rejection that nobody awaited surface before the case ends.
            await new Promise((resolve) => setTimeout(resolve, 0));
            if (unhandled.length) throw unhandled.splice(0)[0];
            checkAssertionCount();
          } catch (error) {
            // Deno cannot mark a case skipped once it runs; a runtime skip() counts as a pass.
            if (!(error instanceof SkipSignal)) errors.push(error);
          }
        } catch (error) {
          errors.push(error);
        } finally {
          for (const callback of task.onFinished ?? []) callback();
          setCurrentTask(undefined);
          for (const s of [...suites].reverse()) {
            for (const hook of [...s.afterEach].reverse()) {
              await runHook(hook, "afterEach").catch((e: unknown) => errors.push(e));
            }
          }
          for (const cleanup of [...eachCleanups, ...finished]) {
            await Promise.resolve()
              .then(cleanup)
              .catch((e: unknown) => errors.push(e));
          }
        }
      } catch (error) {
        errors.push(error);
      } finally {
        for (const s of [...suites].reverse()) {
          if (--s.pending === 0) await finishSuite(s).catch((e: unknown) => errors.push(e));
        }
      }
      if (errors.length) throw errors[0];
    },
  });
}

function collect(name: string, fn: (() => void) | undefined, skip: boolean): void {
  const parent = current;
  const suite = newSuite(name, parent);
  current = suite;
  if (skip) skipDepth++;
  try {
    const result = fn?.() as unknown;
    if (result instanceof Promise) {
      throw new Error(`describe("${name}"): async suite callbacks are not supported by the Deno shim`);
    }
  } catch (error) {
    register(
      "(collecting the suite)",
      () => {
        throw error;
      },
      undefined,
      false,
    );
  } finally {
    if (skip) skipDepth--;
    current = parent;
  }
}

function format(template: string, args: unknown[], index: number): string {
  if (args.length === 1 && args[0] && typeof args[0] === "object" && !Array.isArray(args[0])) {
    const row = args[0] as Record<string, unknown>;
    template = template.replace(/\$([A-Za-z_]\w*)/g, (_, key: string) => String(row[key]));
  }
  let i = 0;
  return template.replace(/%[sdijo#%]/g, (token) => {
    if (token === "%%") return "%";
    if (token === "%#") return String(index);
    const value = args[i++];
    if (token === "%d" || token === "%i") return String(token === "%i" ? Math.trunc(Number(value)) : Number(value));
    if (token === "%j" || token === "%o") return JSON.stringify(value);
    return typeof value === "string" ? value : String(value);
  });
}

function rowsOf(table: readonly unknown[]): unknown[][] {
  return table.map((row) => (Array.isArray(row) ? row : [row]));
}

interface TestApi {
  (name: string, fn?: TestFn, timeout?: TimeoutArg): void;
  skip(name: string, fn?: TestFn, timeout?: TimeoutArg): void;
  only(name: string, fn?: TestFn, timeout?: TimeoutArg): void;
  concurrent(name: string, fn?: TestFn, timeout?: TimeoutArg): void;
  todo(name: string): void;
  skipIf(condition: unknown): (name: string, fn?: TestFn, timeout?: TimeoutArg) => void;
  runIf(condition: unknown): (name: string, fn?: TestFn, timeout?: TimeoutArg) => void;
  each(table: readonly unknown[]): (name: string, fn: (...args: never[]) => Awaitable<unknown>, timeout?: TimeoutArg) => void;
}

function makeTest(): TestApi {
  const test = ((name, fn, timeout) => register(name, fn, timeout, false)) as TestApi;
  test.skip = (name, fn, timeout) => register(name, fn, timeout, true);
  // `.only` must never narrow a CI run silently: it runs like any other case.
  test.only = test;
  test.concurrent = test;
  test.todo = (name) => register(name, undefined, undefined, true);
  test.skipIf = (condition) => (name, fn, timeout) => register(name, fn, timeout, Boolean(condition));
  test.runIf = (condition) => (name, fn, timeout) => register(name, fn, timeout, !condition);
  test.each = (table) => (name, fn, timeout) => {
    rowsOf(table).forEach((args, index) => {
      register(format(name, args, index), () => fn(...(args as never[])), timeout, false);
    });
  };
  return test;
}

interface DescribeApi {
  (name: string, fn?: () => void): void;
  skip(name: string, fn?: () => void): void;
  only(name: string, fn?: () => void): void;
  concurrent(name: string, fn?: () => void): void;
  sequential(name: string, fn?: () => void): void;
  todo(name: string): void;
  skipIf(condition: unknown): (name: string, fn?: () => void) => void;
  runIf(condition: unknown): (name: string, fn?: () => void) => void;
  each(table: readonly unknown[]): (name: string, fn: (...args: never[]) => void) => void;
}

function makeDescribe(): DescribeApi {
  const describe = ((name, fn) => collect(name, fn, false)) as DescribeApi;
  describe.skip = (name, fn) => collect(name, fn, true);
  describe.only = describe;
  describe.concurrent = describe;
  describe.sequential = describe;
  describe.todo = (name) => collect(name, undefined, true);
  describe.skipIf = (condition) => (name, fn) => collect(name, fn, Boolean(condition));
  describe.runIf = (condition) => (name, fn) => collect(name, fn, !condition);
  describe.each = (table) => (name, fn) => {
    for (const [index, args] of rowsOf(table).entries()) collect(format(name, args, index), () => fn(...(args as never[])), false);
  };
  return describe;
}

export const it: TestApi = makeTest();
export const test: TestApi = it;
export const describe: DescribeApi = makeDescribe();
export const suite: DescribeApi = describe;

export function beforeAll(fn: HookFn): void {
  current.beforeAll.push(fn);
}
export function afterAll(fn: HookFn): void {
  current.afterAll.push(fn);
}
export function beforeEach(fn: HookFn): void {
  current.beforeEach.push(fn);
}
export function afterEach(fn: HookFn): void {
  current.afterEach.push(fn);
}
/** vitest's `onTestFinished` outside a context: not needed by the suites, so it is an explicit error. */
export function onTestFinished(): never {
  throw new Error("onTestFinished: use the test context's onTestFinished under the Deno shim");
}

// vitest's own `expect` (the @vitest/expect matchers on chai), assembled the way
// vitest's createExpect does it, so that a suite run through the Deno shim
// asserts with exactly the matchers and messages it has under vitest.

import type { ExpectStatic, MatcherState } from "@vitest/expect";
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  customMatchers,
  GLOBAL_EXPECT,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from "@vitest/expect";
import * as chai from "chai";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** What the runner keeps per running test so that un-awaited `expect(p).resolves` is still awaited. */
export interface ExpectTask {
  promises?: Promise<unknown>[];
  onFinished?: (() => void)[];
}

let currentTask: ExpectTask | undefined;

export function setCurrentTask(task: ExpectTask | undefined): void {
  currentTask = task;
}

/** vitest's `expect`: @vitest/expect's static side plus what vitest itself adds. */
export type VitestExpect = ExpectStatic & {
  assertions(expected: number): void;
  hasAssertions(): void;
  unreachable(message?: string): never;
};
type ExpectFn = VitestExpect & { getState(): MatcherState; setState(state: Partial<MatcherState>): void };
// chai's types come from @types/chai, which Deno does not pick up for the npm package; only addMethod is needed.
const chaiUtil = chai.util as unknown as { addMethod(target: object, name: string, fn: (...args: never[]) => void): void };

const expectFn = ((value: unknown, message?: string) => {
  const { assertionCalls } = getState(expectFn);
  setState({ assertionCalls: assertionCalls + 1 }, expectFn);
  const assertion = chai.expect(value, message) as unknown as { withTest(task: ExpectTask): unknown };
  return currentTask ? assertion.withTest(currentTask) : assertion;
}) as unknown as ExpectFn;

Object.assign(expectFn, chai.expect);
Object.assign(expectFn, (globalThis as Record<PropertyKey, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
expectFn.getState = () => getState(expectFn);
expectFn.setState = (state) => setState(state, expectFn);
(expectFn as unknown as Record<string, unknown>).extend = (matchers: unknown) =>
  (chai.expect as unknown as { extend(e: unknown, m: unknown): void }).extend(expectFn, matchers);
(expectFn as unknown as Record<string, unknown>).assert = chai.assert;
(expectFn as unknown as Record<string, unknown>).unreachable = (message?: string) => {
  chai.assert.fail(`expected${message ? ` "${message}" ` : " "}not to be reached`);
};
chaiUtil.addMethod(expectFn, "assertions", (expected: number) => {
  expectFn.setState({
    expectedAssertionsNumber: expected,
    expectedAssertionsNumberErrorGen: () =>
      new Error(`expected number of assertions to be ${expected}, but got ${expectFn.getState().assertionCalls}`),
  });
});
chaiUtil.addMethod(expectFn, "hasAssertions", () => {
  expectFn.setState({
    isExpectingAssertions: true,
    isExpectingAssertionsError: new Error("expected any number of assertion, but got none"),
  });
});
expectFn.extend(customMatchers);
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expectFn, writable: true, configurable: true });

/** Resets the per-test counters, as vitest does before each try of a test. */
export function resetAssertionState(testName: string): void {
  expectFn.setState({
    assertionCalls: 0,
    isExpectingAssertions: false,
    isExpectingAssertionsError: null,
    expectedAssertionsNumber: null,
    expectedAssertionsNumberErrorGen: null,
    currentTestName: testName,
  });
}

/** Throws what `expect.assertions(n)` / `expect.hasAssertions()` asked for, after a test body. */
export function checkAssertionCount(): void {
  const state = expectFn.getState();
  if (state.expectedAssertionsNumber !== null && state.assertionCalls !== state.expectedAssertionsNumber) {
    throw state.expectedAssertionsNumberErrorGen!();
  }
  if (state.isExpectingAssertions && state.assertionCalls === 0) throw state.isExpectingAssertionsError;
}

export const expect: VitestExpect = expectFn;
export const assert: typeof chai.assert = chai.assert;

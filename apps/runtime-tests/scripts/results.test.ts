import { describe, expect, it } from "vitest";
import { count, parseJunit, parseVitestJson, renderTable, replaceBetweenMarkers, rowOf } from "./results.ts";

// The runner's own parsing: if these are wrong, the table and the exit code are wrong.

const denoXml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="deno test" tests="4" failures="1" errors="0" time="0.013">
    <testsuite name="./shim/vitest.ts" tests="4" disabled="1" errors="0" failures="1">
        <testcase name="memoryStore: store conformance &gt; creates" classname="./shim/vitest.ts" time="0.001" line="140" col="8">
        </testcase>
        <testcase name="a &amp; b" classname="./shim/vitest.ts" time="0.001" line="140" col="8"/>
        <testcase name="breaks" classname="./shim/vitest.ts" time="0.002" line="140" col="8">
            <failure message="Uncaught AssertionError: expected 1 to be 2">AssertionError: expected 1 to be 2
    at file:///x.ts:9:46</failure>
        </testcase>
        <testcase name="ignored" classname="./shim/vitest.ts" time="0.000" line="140" col="8">
            <skipped/>
        </testcase>
    </testsuite>
</testsuites>`;

const bunXml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="bun test" tests="3" assertions="3" failures="1" skipped="1" time="0.007">
  <testsuite name="suites/memory.test.ts" file="suites/memory.test.ts" tests="3">
    <testsuite name="outer" file="suites/memory.test.ts" line="3" tests="3">
      <testsuite name="inner" file="suites/memory.test.ts" line="4" tests="3">
        <testcase name="works" classname="inner &gt; outer" time="0.0001" file="suites/memory.test.ts" line="5" assertions="1" />
        <testcase name="fails" classname="inner &gt; outer" time="0.0001" file="suites/memory.test.ts" line="6" assertions="1">
          <failure type="AssertionError" message="expect(received).toBe(expected)" />
        </testcase>
        <testcase name="skips" classname="inner &gt; outer" time="0" file="suites/memory.test.ts" line="7" assertions="0">
          <skipped />
        </testcase>
      </testsuite>
    </testsuite>
  </testsuite>
</testsuites>`;

describe("parseJunit", () => {
  it("reads deno's report: passed, failed with its message, skipped, entities decoded", () => {
    const cases = parseJunit(denoXml, "/repo/apps/runtime-tests/suites/memory.test.ts");
    expect(cases.map((c) => [c.name, c.outcome])).toEqual([
      ["memoryStore: store conformance > creates", "passed"],
      ["a & b", "passed"],
      ["breaks", "failed"],
      ["ignored", "skipped"],
    ]);
    expect(cases[2]!.message).toBe("Uncaught AssertionError: expected 1 to be 2");
    expect(new Set(cases.map((c) => c.file))).toEqual(new Set(["/repo/apps/runtime-tests/suites/memory.test.ts"]));
  });

  it("reads bun's nested report, taking each case's own file and describe path", () => {
    const cases = parseJunit(bunXml, "unused");
    expect(cases.map((c) => [c.file, c.name, c.outcome])).toEqual([
      ["suites/memory.test.ts", "outer > inner > works", "passed"],
      ["suites/memory.test.ts", "outer > inner > fails", "failed"],
      ["suites/memory.test.ts", "outer > inner > skips", "skipped"],
    ]);
    expect(count(cases)).toEqual({ passed: 1, failed: 1, skipped: 1 });
  });
});

describe("parseVitestJson", () => {
  it("reads statuses and counts a file that failed to load as a failure", () => {
    const report = {
      testResults: [
        {
          name: "/r/suites/file.test.ts",
          status: "failed",
          assertionResults: [
            { fullName: "a", status: "passed" },
            { fullName: "b", status: "failed", failureMessages: ["\u001b[31mAssertionError: nope\u001b[39m\n at x"] },
            { fullName: "c", status: "skipped" },
            { fullName: "d", status: "todo" },
          ],
        },
        { name: "/r/suites/upstash.test.ts", status: "failed", message: "Cannot find module", assertionResults: [] },
      ],
    };
    const cases = parseVitestJson(JSON.stringify(report));
    expect(count(cases)).toEqual({ passed: 1, failed: 2, skipped: 2 });
    expect(cases[1]!.message).toBe("AssertionError: nope");
    expect(cases[4]).toMatchObject({ file: "/r/suites/upstash.test.ts", outcome: "failed", message: "Cannot find module" });
  });
});

describe("the table", () => {
  it("puts files in their rows", () => {
    expect(rowOf("/w/apps/runtime-tests/suites/cookie-encrypted.test.ts")).toBe("encryptedCookieStore()");
    expect(rowOf("/w/packages/fs/src/lock.test.ts")).toBe("fileStore's own tests");
    expect(rowOf("/w/apps/runtime-tests/suites/postgres.test.ts")).toBe("postgresStore");
    expect(rowOf("deno test exited with 1")).toBe("other");
  });

  it("renders passed/total per runtime, a dash where a runtime ran nothing, and marks failures", () => {
    const table = renderTable([
      {
        label: "Node",
        cases: [
          { file: "/x/suites/memory.test.ts", name: "a", outcome: "passed" },
          { file: "/x/suites/memory.test.ts", name: "b", outcome: "failed" },
          { file: "/x/suites/file.test.ts", name: "c", outcome: "passed" },
        ],
      },
      { label: "workerd", cases: [{ file: "/x/suites/memory.test.ts", name: "a", outcome: "passed" }] },
    ]);
    expect(table.split("\n")).toEqual([
      "| store | Node | workerd |",
      "|---|---:|---:|",
      "| memoryStore | 1/2 ❌ | 1/1 |",
      "| fileStore | 1/1 | — |",
    ]);
  });

  it("replaces only the text between the markers, and refuses a document without them", () => {
    const doc = "# T\n<!-- runtime-table:start -->\nold\n<!-- runtime-table:end -->\nafter\n";
    expect(replaceBetweenMarkers(doc, "new")).toBe("# T\n<!-- runtime-table:start -->\nnew\n<!-- runtime-table:end -->\nafter\n");
    expect(replaceBetweenMarkers("# no markers", "new")).toBeUndefined();
    expect(replaceBetweenMarkers("<!-- runtime-table:end --><!-- runtime-table:start -->", "new")).toBeUndefined();
  });
});

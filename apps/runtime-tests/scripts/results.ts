// Reading the runners' machine-readable results (vitest JSON, JUnit XML from deno and bun)
// into one shape, and turning them into the runtime table.

export type Outcome = "passed" | "failed" | "skipped";

export interface CaseResult {
  /** The file the case came from (decides the table row). */
  file: string;
  name: string;
  outcome: Outcome;
  /** First line of the failure message, for the console. */
  message?: string;
}

/** vitest's JSON reporter: testResults[].assertionResults[]. */
export function parseVitestJson(text: string): CaseResult[] {
  const report = JSON.parse(text) as {
    testResults: {
      name: string;
      message?: string;
      status?: string;
      assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
    }[];
  };
  const out: CaseResult[] = [];
  for (const file of report.testResults) {
    for (const result of file.assertionResults) {
      const outcome: Outcome = result.status === "passed" ? "passed" : result.status === "failed" ? "failed" : "skipped";
      out.push({ file: file.name, name: result.fullName, outcome, message: firstLine(result.failureMessages?.[0]) });
    }
    // A file that failed to load has no cases: count it as one failure, never as nothing.
    if (file.assertionResults.length === 0 && file.status === "failed") {
      out.push({ file: file.name, name: "(the file failed to load)", outcome: "failed", message: firstLine(file.message) });
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeXml(match[1]!) : undefined;
}

/**
 * JUnit XML as `deno test --junit-path` and `bun test --reporter=junit` write it:
 * every <testcase>, failed if it holds <failure> or <error>, skipped if <skipped>.
 * `file` is the case's own file attribute (bun) or the given default (one deno run per file).
 */
export function parseJunit(xml: string, defaultFile: string): CaseResult[] {
  const out: CaseResult[] = [];
  const testcase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const tag = match[1] ?? "";
    const body = match[3] ?? "";
    const name = attribute(tag, "name") ?? "(unnamed)";
    const classname = attribute(tag, "classname");
    const file = attribute(tag, "file") ?? defaultFile;
    const failure = /<(failure|error)\b([^>]*)/.exec(body);
    const outcome: Outcome = failure ? "failed" : /<skipped\b/.test(body) ? "skipped" : "passed";
    out.push({
      file,
      // bun nests describe blocks as classname "inner > outer"; deno puts the whole path in the name.
      name: classname && attribute(tag, "file") ? `${classname.split(" > ").reverse().join(" > ")} > ${name}` : name,
      outcome,
      message: failure ? firstLine(attribute(failure[0], "message") ?? "") : undefined,
    });
  }
  return out;
}

// Runner messages may carry colour codes; ESC is built from its code so no control character sits in the source.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

function firstLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return text
    .replace(ANSI_COLOUR, "")
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim();
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function count(cases: readonly CaseResult[]): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const c of cases) counts[c.outcome]++;
  return counts;
}

/** The table's rows, in order: which file paths belong to which row. */
export const ROWS: readonly { label: string; match: RegExp }[] = [
  { label: "memoryStore", match: /suites[\\/]memory\.test\.ts$/ },
  { label: "cookieStore()", match: /suites[\\/]cookie-signed\.test\.ts$/ },
  { label: "encryptedCookieStore()", match: /suites[\\/]cookie-encrypted\.test\.ts$/ },
  { label: "upstashStore", match: /suites[\\/]upstash\.test\.ts$/ },
  { label: "fileStore", match: /suites[\\/]file\.test\.ts$/ },
  { label: "redisStore", match: /suites[\\/]redis\.test\.ts$/ },
  { label: "postgresStore", match: /suites[\\/]postgres\.test\.ts$/ },
  { label: "fileStore's own tests", match: /packages[\\/]fs[\\/]src[\\/][^\\/]+\.test\.ts$/ },
  { label: "test API self-test", match: /shim[\\/]shim\.test\.ts$/ },
];

export function rowOf(file: string): string {
  return ROWS.find((row) => row.match.test(file))?.label ?? "other";
}

/** One Markdown table: rows = stores, columns = runtimes, cells = passed/total ("—" where not run). */
export function renderTable(runtimes: readonly { label: string; cases: readonly CaseResult[] }[]): string {
  const header = `| store | ${runtimes.map((r) => r.label).join(" | ")} |`;
  const rule = `|---|${runtimes.map(() => "---:").join("|")}|`;
  const labels = [...ROWS.map((row) => row.label), "other"];
  const lines = labels
    .map((label) => {
      const cells = runtimes.map(({ cases }) => {
        const mine = cases.filter((c) => rowOf(c.file) === label);
        if (mine.length === 0) return "—";
        const { passed, failed, skipped } = count(mine);
        const total = passed + failed;
        const mark = failed > 0 ? " ❌" : "";
        return `${passed}/${total}${skipped ? ` (${skipped} skipped)` : ""}${mark}`;
      });
      return cells.every((cell) => cell === "—") ? undefined : `| ${label} | ${cells.join(" | ")} |`;
    })
    .filter((line) => line !== undefined);
  return [header, rule, ...lines].join("\n");
}

export const START_MARKER = "<!-- runtime-table:start -->";
export const END_MARKER = "<!-- runtime-table:end -->";

/** `document` with the text between the markers replaced, or undefined when the markers are missing. */
export function replaceBetweenMarkers(document: string, content: string): string | undefined {
  const start = document.indexOf(START_MARKER);
  const end = document.indexOf(END_MARKER);
  if (start < 0 || end < start) return undefined;
  return `${document.slice(0, start + START_MARKER.length)}\n${content}\n${document.slice(end)}`;
}

import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** One Worker-shaped entry file and what it stands for. */
export interface BundleSpec {
  id: string;
  label: string;
  /** File under bundle-entries/. */
  entry: string;
  group: "baseline" | "edge-session" | "peer";
  /** The bare framework bundle subtracted for the "library's own bytes" column. */
  framework?: string;
}

export const BUNDLES: readonly BundleSpec[] = [
  {
    id: "edge-session/signed",
    label: "edge-session: core + fetch + signed cookie",
    entry: "edge-session-signed.ts",
    group: "edge-session",
  },
  {
    id: "edge-session/encrypted",
    label: "edge-session: core + fetch + encrypted cookie",
    entry: "edge-session-encrypted.ts",
    group: "edge-session",
  },
  { id: "edge-session/memory", label: "edge-session: core + fetch + memoryStore", entry: "edge-session-memory.ts", group: "edge-session" },
  {
    id: "edge-session/hono",
    label: "edge-session: Hono binding + signed cookie (with Hono)",
    entry: "edge-session-hono.ts",
    group: "edge-session",
    framework: "bare/hono",
  },
  { id: "bare/hono", label: "bare Hono app", entry: "hono-bare.ts", group: "baseline" },
  { id: "bare/h3", label: "bare h3 app", entry: "h3-bare.ts", group: "baseline" },
  { id: "peer/react-router", label: "React Router cookie sessions", entry: "react-router.ts", group: "peer" },
  { id: "peer/@hono/session", label: "@hono/session (with Hono)", entry: "hono-session.ts", group: "peer", framework: "bare/hono" },
  { id: "peer/iron-session", label: "iron-session", entry: "iron-session.ts", group: "peer" },
  { id: "peer/hono-sessions", label: "hono-sessions (with Hono)", entry: "hono-sessions.ts", group: "peer", framework: "bare/hono" },
  { id: "peer/h3", label: "h3 useSession (with h3)", entry: "h3.ts", group: "peer", framework: "bare/h3" },
];

export interface BundleResult {
  id: string;
  label: string;
  group: BundleSpec["group"];
  ok: boolean;
  error?: string;
  minified?: number;
  gzipped?: number;
  /** gzipped minus the bare framework's gzipped bundle, for framework-based entries. */
  gzippedOverFramework?: number;
  framework?: string;
  /** Imports left to the runtime (node:*, cloudflare:*). */
  externals?: string[];
  /** The largest contributors, by package (or workspace file), in minified bytes. */
  top?: { source: string; bytes: number }[];
}

/** How the sizes are measured, printed with the results. */
export const BUNDLE_METHOD =
  "esbuild (bundle, minify, ESM, platform browser, conditions workerd/worker/browser, target es2022, legal comments dropped) " +
  "of a tiny Worker entry per library (bundle-entries/*.ts), externalizing only what a Worker gets from the runtime " +
  "(`cloudflare:*`, and `node:*` with nodejs_compat); gzip by node:zlib at level 9. 1 KB = 1024 bytes.";

/** Builds every entry the same way; a library that fails to build is reported as failing. */
export async function measureBundles(root: string): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const spec of BUNDLES) {
    try {
      const out = await build({
        entryPoints: [`${root}/bundle-entries/${spec.entry}`],
        absWorkingDir: root,
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        conditions: ["workerd", "worker", "browser"],
        target: "es2022",
        legalComments: "none",
        external: ["cloudflare:*", "node:*"],
        write: false,
        metafile: true,
        logLevel: "silent",
      });
      const code = out.outputFiles[0]!.contents;
      const externals = new Set<string>();
      for (const input of Object.values(out.metafile.inputs)) {
        for (const imp of input.imports) if (imp.external) externals.add(imp.path);
      }
      const bySource = new Map<string, number>();
      for (const output of Object.values(out.metafile.outputs)) {
        for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
          const source = sourceOf(path);
          bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
        }
      }
      const top = [...bySource]
        .map(([source, bytes]) => ({ source, bytes }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 6);
      results.push({
        id: spec.id,
        label: spec.label,
        group: spec.group,
        ok: true,
        minified: code.byteLength,
        gzipped: gzipSync(code, { level: 9 }).byteLength,
        framework: spec.framework,
        externals: [...externals].sort(),
        top,
      });
    } catch (error) {
      results.push({ id: spec.id, label: spec.label, group: spec.group, ok: false, error: firstLine(error) });
    }
  }
  for (const result of results) {
    const base = result.framework ? results.find((r) => r.id === result.framework) : undefined;
    if (result.gzipped !== undefined && base?.gzipped !== undefined) result.gzippedOverFramework = result.gzipped - base.gzipped;
  }
  return results;
}

/** "jose", "hono", "@edge-session/cookie: jwe.ts" — what a metafile input path belongs to. */
function sourceOf(path: string): string {
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const ws = /packages\/([^/]+)\/src\/(.+)$/.exec(path);
  if (ws) return `@edge-session/${ws[1]}: ${ws[2]}`;
  return path.split("/").pop()!;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").slice(0, 3).join(" ").slice(0, 300);
}

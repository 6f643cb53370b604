// Runs src/main.ts on Node 20, which cannot load TypeScript: esbuild bundles
// the bench's own sources and the workspace's @edge-session/* sources (their
// package exports point at .ts), and leaves every peer library external so it
// loads from node_modules exactly as published. Then a fresh Node process runs
// the bundle with --expose-gc.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "node_modules/.cache/bench/main.mjs");
mkdirSync(dirname(outfile), { recursive: true });

const bareImport = /^[^./]/;
const peersExternal = {
  name: "peers-external",
  setup(b) {
    b.onResolve({ filter: bareImport }, async (args) => {
      if (args.pluginData === "inner" || args.path.startsWith("node:")) return undefined;
      const fromBench = args.importer.startsWith(join(root, "src"));
      // One hono for the app and the middleware, as in a real install.
      const isHono = args.path === "hono" || args.path.startsWith("hono/");
      if (isHono || (fromBench && !args.path.startsWith("@edge-session/"))) return { path: args.path, external: true };
      const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: "inner" });
      // A workspace package still being written: leave the import to fail at run
      // time, where the bench reports that subject as missing.
      if (resolved.errors.length > 0) return { path: args.path, external: true };
      return resolved;
    });
  },
};

await build({
  entryPoints: [join(root, "src/main.ts")],
  outfile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "inline",
  plugins: [peersExternal],
  logLevel: "warning",
});

const result = spawnSync(process.execPath, ["--expose-gc", "--enable-source-maps", outfile, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(result.status ?? 1);

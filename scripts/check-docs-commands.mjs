#!/usr/bin/env node
// Every command in every Markdown file must work after the root README's set-up, which has
// only Node and npm: pnpm is reached as `npx -y pnpm@10.34.8 …`, so a bare `pnpm …` in a code
// block or code span exits 127 for a newcomer. This lists each one and exits 1 if any.
// See docs/design.md, "Testing".
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { root } from "./lib/workspace.mjs";

const SKIP = new Set(["node_modules", ".git", "dist", ".turbo", ".wrangler", "api", "results", ".changeset-tmp"]);

function* markdownFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) yield* markdownFiles(join(dir, entry.name));
    } else if (entry.name.endsWith(".md")) {
      yield join(dir, entry.name);
    }
  }
}

// A pnpm invocation: the word pnpm followed by a subcommand or flag, not `pnpm@10.34.8`.
const BARE = /(?:^|[\s;&|(`$])pnpm\s+[-\w]/;
const problems = [];
for (const file of markdownFiles(root)) {
  const lines = readFileSync(file, "utf8").split("\n");
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    const code = fenced ? [line] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    for (const snippet of code) {
      if (BARE.test(` ${snippet}`)) problems.push(`${relative(root, file)}:${index + 1}: ${snippet.trim()}`);
    }
  });
}
if (problems.length > 0) {
  console.log(`bare pnpm commands (write them as \`npx -y pnpm@10.34.8 …\`):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("docs commands: no bare pnpm");

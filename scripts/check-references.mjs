#!/usr/bin/env node
// Nothing in the repository may point at a file outside it (docs/design.md, "Testing"): the design is
// docs/design.md, cited by path, and semantics are cited as "§N" of it. Lists offending lines, exits 1 if any.
import { execFileSync } from "node:child_process";

const pattern = String.raw`DESIGN\.md|\bsemantics? [0-9]|shared/(notes|DESIGN|hooks)|\.\./shared\b|upstash-rest\.md|house-style\.md|toolchain\.md`;
let hits = "";
try {
  hits = execFileSync("git", ["grep", "-nE", pattern, "--", ".", ":!pnpm-lock.yaml", ":!scripts/check-references.mjs", ":!.ci/run"], {
    encoding: "utf8",
  });
} catch (error) {
  if (error.status !== 1) throw error; // 1: no match
}
if (hits.trim()) {
  console.log(`references to files outside the repository (cite docs/design.md instead):\n${hits}`);
  process.exit(1);
}
console.log("references: every design citation points inside the repository");

#!/usr/bin/env node
// `node scripts/bun.mjs <args>`: runs the bun from npm (see binaries.mjs) with these arguments.
import { spawnSync } from "node:child_process";
import { bunBinary } from "./binaries.mjs";

const result = spawnSync(bunBinary(), process.argv.slice(2), { stdio: "inherit" });
process.exit(result.status ?? 1);

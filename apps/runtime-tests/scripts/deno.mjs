#!/usr/bin/env node
// `node scripts/deno.mjs <args>`: runs the deno from npm (see binaries.mjs) with these arguments.
import { spawnSync } from "node:child_process";
import { denoBinary } from "./binaries.mjs";

const result = spawnSync(denoBinary(), process.argv.slice(2), { stdio: "inherit" });
process.exit(result.status ?? 1);

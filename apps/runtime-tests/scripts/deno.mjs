#!/usr/bin/env node
// `node scripts/deno.mjs <args>`: runs the deno from npm (see binaries.mjs) with these arguments.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { denoBinary } from "./binaries.mjs";
import { guardPackageJson } from "./deno-guard.mjs";

const restore = guardPackageJson(fileURLToPath(new URL("../../../package.json", import.meta.url)));
const result = spawnSync(denoBinary(), process.argv.slice(2), { stdio: "inherit" });
if (restore()) console.error('[deno.mjs] removed the "workspaces" key deno added to package.json after a resolution error');
process.exit(result.status ?? 1);

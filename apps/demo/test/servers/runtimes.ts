// How each runtime runs a TypeScript entry file: the real deno and bun binaries from npm
// (found the way apps/runtime-tests finds them), and Node through tsx's loader.
import { fileURLToPath } from "node:url";
import { bunBinary, denoBinary } from "../../../runtime-tests/scripts/binaries.mjs";
import { guardPackageJson } from "../../../runtime-tests/scripts/deno-guard.mjs";

export type Runtime = "deno" | "bun" | "node";

/** argv that runs `entry` (relative to the working directory) on `runtime`, as one process to stop by PID. */
export function runCommand(runtime: Runtime, entry: string): string[] {
  switch (runtime) {
    case "deno":
      return [denoBinary(), "run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", entry];
    case "bun":
      return [bunBinary(), "run", entry];
    case "node":
      // `--import tsx` rather than the tsx CLI: the CLI is a second process between us and the server.
      return [process.execPath, "--import", "tsx", entry];
  }
}

/**
 * Deno 2.9 may write a "workspaces" key into the root package.json after a resolution error;
 * call the result when the Deno servers are stopped to undo exactly that edit.
 */
export function guardRootPackageJson(): () => boolean {
  return guardPackageJson(fileURLToPath(new URL("../../../../package.json", import.meta.url)));
}

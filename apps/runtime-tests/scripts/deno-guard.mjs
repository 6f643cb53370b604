// Deno 2.9, on a module-resolution error, copies pnpm-workspace.yaml's globs into the root
// package.json as "workspaces" and asks to be run again (denoland/deno#34993). This undoes
// exactly that edit, so a failing Deno command never leaves a changed package.json behind.
import { readFileSync, writeFileSync } from "node:fs";

/** Reads `packageJsonPath` now; the returned function restores it if Deno only added "workspaces". */
export function guardPackageJson(packageJsonPath) {
  const before = readFileSync(packageJsonPath, "utf8");
  return () => {
    const after = readFileSync(packageJsonPath, "utf8");
    if (after === before) return false;
    const a = JSON.parse(before);
    const b = JSON.parse(after);
    delete b.workspaces;
    if ("workspaces" in a || JSON.stringify(a) !== JSON.stringify(b)) return false; // someone else's edit: leave it
    writeFileSync(packageJsonPath, before);
    return true;
  };
}

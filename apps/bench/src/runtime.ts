import { execFileSync } from "node:child_process";
import { cpus, loadavg, platform } from "node:os";

declare const Bun: { version: string; gc(force: boolean): void } | undefined;

/** The runtime running the bench: Node or Bun (both run this same code). */
export function runtimeInfo(): { name: "node" | "bun"; version: string } {
  if (typeof Bun !== "undefined") return { name: "bun", version: Bun.version };
  return { name: "node", version: process.versions.node };
}

export function machineInfo(): { cpu: string; cores: number; platform: string } {
  const list = cpus();
  return { cpu: list[0]?.model.trim() ?? "unknown", cores: list.length, platform: `${platform()} ${process.arch}` };
}

/** 1-minute load average: other processes competing for the cores make every number noisier. */
export function load(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** A full collection between groups when the runtime allows it (node --expose-gc, Bun.gc). */
export function collectGarbage(): void {
  if (typeof Bun !== "undefined") Bun.gc(true);
  else (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Empties the young generation (V8 scavenge, ~1 ms, outside the clock) so that
 * each batch pays for its own garbage, not for what the previous library
 * left behind. Node only (--expose-gc); Bun has no young-only collection.
 */
export function collectYoung(): void {
  (globalThis as { gc?: (options?: { type: "minor" | "major" }) => void }).gc?.({ type: "minor" });
}

/**
 * The commit measured, with "+changes" when packages/ differs from it: the
 * engineers change the libraries while the bench runs, so a result must say
 * which code it timed.
 */
export function measuredCommit(root: string): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--", "../../packages") ? `${head}+changes` : head;
  } catch {
    return "unknown";
  }
}

import type { RedisCommander } from "./client.ts";

/** A Lua script with its SHA-1, computed once per process (WebCrypto, so it runs everywhere). */
export interface LoadedScript {
  readonly source: string;
  sha(): Promise<string>;
}

/**
 * Prepares a script for `EVALSHA`.
 * @example
 * ```ts
 * const patch = script(PATCH_SCRIPT);
 * ```
 */
export function script(source: string): LoadedScript {
  let sha: Promise<string> | undefined;
  return {
    source,
    sha: () => {
      sha ??= crypto.subtle.digest("SHA-1", new TextEncoder().encode(source)).then((digest) => {
        let hex = "";
        for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
        return hex;
      });
      return sha;
    },
  };
}

/** Redis answers EVALSHA for a script it has not cached (restart, SCRIPT FLUSH, a new replica) with NOSCRIPT. */
function isNoScript(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes("NOSCRIPT");
}

/**
 * Runs a script on one key: `EVALSHA` (one round trip, only the hash crosses
 * the network), and `EVAL` with the source only when Redis answers NOSCRIPT.
 * Any other error propagates unchanged (docs/design.md, "Policies: errors, clocks, expiry").
 * @example
 * ```ts
 * const reply = await evalScript(commander, patch, key, args);
 * ```
 */
export async function evalScript(commander: RedisCommander, loaded: LoadedScript, key: string, args: readonly string[]): Promise<unknown> {
  const sha = await loaded.sha();
  try {
    return await commander.command(["EVALSHA", sha, "1", key, ...args]);
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return commander.command(["EVAL", loaded.source, "1", key, ...args]);
  }
}

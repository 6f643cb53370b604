import { SessionConfigError } from "@edge-session/core";

/** The development secret in wrangler.jsonc and the servers' default; public, so it only works on a local host. */
export const DEV_SECRET = "dev-only-edge-session-demo-secret-not-for-production";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The development secret is in git, so anyone could forge sessions with it:
 * refuse it everywhere but on the developer's own machine.
 */
export function assertSecretFitsHost(secret: string | undefined, url: string, fix: string): void {
  if (secret !== DEV_SECRET) return;
  if (LOCAL_HOSTS.has(new URL(url).hostname)) return;
  throw new SessionConfigError(`the development SESSION_SECRET only works on localhost; ${fix}`);
}

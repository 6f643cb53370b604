import { env } from "cloudflare:workers";

/**
 * A sessions table of its own in env.DB, created from the shipped migration with
 * the name swapped, for tests that count rows: test files run concurrently and
 * share the default "sessions" table.
 */
export async function freshTable(): Promise<string> {
  const table = `s_${crypto.randomUUID().replaceAll("-", "")}`;
  const queries = env.TEST_MIGRATIONS.flatMap((m) => m.queries).map((q) => q.replaceAll("sessions", table));
  await env.DB.batch(queries.map((q) => env.DB.prepare(q)));
  return table;
}

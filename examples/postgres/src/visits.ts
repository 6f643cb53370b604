// Counts visits in a session kept in PostgreSQL (postgres.js). Runs on Node; the same
// handler runs on Deno and Bun. Needs DATABASE_URL.
import { withSession } from "@edge-session/fetch";
import { createTable, postgresStore } from "@edge-session/postgres";
import postgres from "postgres";

type Data = { visits: number };

const sql = postgres(process.env.DATABASE_URL ?? "postgres://localhost/postgres");
await createTable(sql); // CREATE TABLE IF NOT EXISTS: the same SQL as migrations/0001_sessions.sql

const handler = withSession<unknown, Data>(
  async (_request, session) => {
    const visits = ((await session.get("visits")) ?? 0) + 1;
    await session.set("visits", visits);
    return new Response(`visit number ${visits}`);
  },
  {
    store: postgresStore({ sql }),
    secret: process.env.SESSION_SECRET ?? "change-me-to-a-long-random-secret-of-32+-chars",
  },
);

// Three requests from one browser: the cookie from each response goes into the next request.
let cookie = "";
for (let i = 0; i < 3; i++) {
  const response = await handler(new Request("https://example.test/", { headers: { cookie } }));
  cookie = response.headers.get("set-cookie")?.split(";")[0] ?? cookie;
  console.log(response.status, await response.text());
}
await sql.end();

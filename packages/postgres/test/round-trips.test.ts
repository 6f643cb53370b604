// Statements (one round trip each) per app request, counted with postgres.js's debug hook.
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { browserOn, makeApp, SECRET } from "../../redis/test/app.ts";
import { createTable, postgresStore } from "../src/index.ts";
import { type PgCluster, startCluster } from "./pg-process.ts";

let cluster: PgCluster;
let sql: postgres.Sql;
const statements: string[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  sql = postgres(cluster.url, {
    max: 4,
    onnotice: () => {},
    debug: (_connection, query) => void statements.push(query.trim().split(/\s+/)[0]!.toUpperCase()),
  });
  await createTable(sql);
});
afterAll(async () => {
  await sql?.end({ timeout: 1 });
  await cluster?.destroy();
});

it("0 statements untouched, 1 per read, 1 for a first write, 2 for a later write (SELECT + patch UPDATE), 1 for a logout", async () => {
  const app = makeApp({ store: postgresStore({ sql }), secret: SECRET });
  const browser = browserOn(app);
  const measure = async (path: string): Promise<{ status: number; statements: string[] }> => {
    statements.length = 0;
    const response = await browser.fetch(path);
    return { status: response.status, statements: [...statements] };
  };
  expect(await measure("/ping")).toEqual({ status: 200, statements: [] });
  expect(await measure("/set?key=a&value=1")).toEqual({ status: 200, statements: ["INSERT"] });
  expect(await measure("/get?key=a")).toEqual({ status: 200, statements: ["SELECT"] });
  expect(await measure("/set?key=b&value=2")).toEqual({ status: 200, statements: ["SELECT", "UPDATE"] });
  expect(await measure("/ping")).toEqual({ status: 200, statements: [] });
  expect(await measure("/flush")).toEqual({ status: 200, statements: ["DELETE"] });
});

// Core's two conformance suites against a real PostgreSQL cluster, through serveSession.
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow, describeStore, type FlowSetup, serveSession } from "@edge-session/core/testing";
import postgres from "postgres";
import { afterAll } from "vitest";
import { createTable, postgresStore } from "../src/index.ts";
import { startCluster } from "./pg-process.ts";

// Started while the file loads, so the suites can build a store (and read its capabilities)
// when they register their cases; stopped by PID after the file's tests.
const cluster = await startCluster();
const sql = postgres(cluster.url, { max: 10, onnotice: () => {} });
afterAll(async () => {
  await sql.end({ timeout: 1 });
  await cluster.destroy();
});
await createTable(sql);

// One table for the file: the suites give every test its own ids.
const makeStore = () => postgresStore({ sql });

// The flow suite expects a binding to refuse bad options when it is built, as withSession does;
// serveSession validates them only on the first request, so check them here first.
const bind: FlowSetup["bind"] = (app, options) => {
  resolveOptions(options);
  return serveSession(app, options);
};

describeStore("postgresStore", makeStore);
describeSessionFlow("serveSession + postgresStore", { store: makeStore, bind });

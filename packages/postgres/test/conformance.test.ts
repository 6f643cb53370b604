// Core's two conformance suites against a real PostgreSQL cluster, through serveSession.
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow, describeStore, type FlowSetup, serveSession } from "@edge-session/core/testing";
import { beforeAll } from "vitest";
import { postgresStore } from "../src/index.ts";
import { useCluster } from "./use-cluster.ts";

const fx = useCluster();
let table = "";
beforeAll(async () => {
  table = await fx.table();
});

// One table for the file: the suites give every test its own ids.
const makeStore = () => postgresStore({ sql: fx.sql(), table });

// The flow suite expects a binding to refuse bad options when it is built, as withSession does;
// serveSession validates them only on the first request, so check them here first.
const bind: FlowSetup["bind"] = (app, options) => {
  resolveOptions(options);
  return serveSession(app, options);
};

describeStore("postgresStore", makeStore);
describeSessionFlow("serveSession + postgresStore", { store: makeStore, bind });

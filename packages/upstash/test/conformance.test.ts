// Core's two conformance suites, run with the real @upstash/redis client (its defaults:
// auto-pipelining, base64 responses) against the REST test server and a real redis-server,
// through core's serveSession (a store package never depends on a binding).
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow, describeStore, type FlowSetup, serveSession } from "@edge-session/core/testing";
import { afterAll } from "vitest";
import { upstashStore } from "../src/index.ts";
import { startFixture } from "./fixture.ts";

// Started while the file loads, so the suites can build a store (and read its capabilities)
// when they register their cases; stopped by PID after the file's tests.
const fx = await startFixture();
afterAll(() => fx.stop());

const makeStore = () => upstashStore({ redis: fx.client(), prefix: fx.prefix() });

// The flow suite expects a binding to refuse bad options when it is built, as withSession does;
// serveSession validates them only on the first request, so check them here first.
const bind: FlowSetup["bind"] = (app, options) => {
  resolveOptions(options);
  return serveSession(app, options);
};

describeStore("upstashStore", makeStore);
describeSessionFlow("serveSession + upstashStore", { store: makeStore, bind });

// Core's two conformance suites, run with the real @upstash/redis client (its defaults:
// auto-pipelining, base64 responses) against the REST test server and a real redis-server.
import { describeSessionFlow, describeStore } from "@edge-session/core/testing";
import { withSession } from "@edge-session/fetch";
import { upstashStore } from "../src/index.ts";
import { useFixture } from "./use-fixture.ts";

const { fixture: fx } = useFixture();

const makeStore = () => upstashStore({ redis: fx().client(), prefix: fx().prefix() });

describeStore("upstashStore", makeStore);
describeSessionFlow("withSession + upstashStore", { store: makeStore, bind: (app, options) => withSession(app, options) });

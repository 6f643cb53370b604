// Core's two conformance suites against a real redis-server, once per client
// (node-redis, ioredis), through serveSession (no binding package).
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow, describeStore, type FlowSetup, serveSession } from "@edge-session/core/testing";
import { describe } from "vitest";
import { redisStore } from "../src/index.ts";
import { CLIENT_NAMES } from "./clients.ts";
import { useRedis } from "./use-redis.ts";

const fx = useRedis();

// The flow suite expects a binding to refuse bad options when it is built, as withSession does;
// serveSession validates them only on the first request, so check them here first.
const bind: FlowSetup["bind"] = (app, options) => {
  resolveOptions(options);
  return serveSession(app, options);
};

for (const name of CLIENT_NAMES) {
  describe(name, () => {
    const makeStore = () => redisStore({ client: fx.client(name).client, prefix: fx.prefix() });
    describeStore(`redisStore (${name})`, makeStore);
    describeSessionFlow(`serveSession + redisStore (${name})`, { store: makeStore, bind });
  });
}

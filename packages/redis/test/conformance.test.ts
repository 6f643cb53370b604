// Core's two conformance suites against a real redis-server, once per client
// (node-redis, ioredis), through serveSession (no binding package).
import { resolveOptions } from "@edge-session/core/kit";
import { describeSessionFlow, describeStore, type FlowSetup, serveSession } from "@edge-session/core/testing";
import { describe } from "vitest";
import { type RedisCommander, redisStore, toCommander } from "../src/index.ts";
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
    // The client is looked up per command, so the suites can build a store (and read its
    // capabilities) when they register their cases, before beforeAll has connected it.
    const client: RedisCommander = { command: (args) => toCommander(fx.client(name).client).command(args) };
    const makeStore = () => redisStore({ client, prefix: fx.prefix() });
    describeStore(`redisStore (${name})`, makeStore);
    describeSessionFlow(`serveSession + redisStore (${name})`, { store: makeStore, bind });
  });
}

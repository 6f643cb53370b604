// Counts visits in a session kept in Redis over TCP (node-redis). Runs on Node; the same
// handler runs on Deno, and on Bun with `redisStore({ client: Bun.redis })`. Needs REDIS_URL.
import { withSession } from "@edge-session/fetch";
import { redisStore } from "@edge-session/redis";
import { createClient } from "redis";

type Data = { visits: number };

// Fail a command at once while Redis is down (the request gets a 503) instead of queueing it.
const client = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
client.on("error", () => {}); // reconnect attempts land here; the store sees the failed commands
await client.connect();

const handler = withSession<unknown, Data>(
  async (_request, session) => {
    const visits = ((await session.get("visits")) ?? 0) + 1;
    await session.set("visits", visits);
    return new Response(`visit number ${visits}`);
  },
  {
    store: redisStore({ client, prefix: "example:session:" }),
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
await client.close();

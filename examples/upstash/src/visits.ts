// Counts visits in a session kept in Upstash Redis. Runs on Node; the handler is the
// same on Workers, Deno and Bun. Needs UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN.
import { withSession } from "@edge-session/fetch";
import { upstashStore } from "@edge-session/upstash";
import { Redis } from "@upstash/redis";

type Data = { visits: number };

const handler = withSession<unknown, Data>(
  async (_request, session) => {
    const visits = ((await session.get("visits")) ?? 0) + 1;
    await session.set("visits", visits);
    return new Response(`visit number ${visits}`);
  },
  {
    store: upstashStore({ redis: Redis.fromEnv(), prefix: "example:session:" }),
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

// The README's runnable example, run as written against this file's redis-server.
import { expect, it } from "vitest";
import { runReadmeExample } from "./readme-example.ts";
import { useRedis } from "./use-redis.ts";

const fx = useRedis();

it("the README's runnable example counts three visits", async () => {
  const { code, lines } = await runReadmeExample(new URL("../README.md", import.meta.url), {
    REDIS_URL: `redis://127.0.0.1:${fx.server().port}`,
  });
  expect(code).toContain("redisStore");
  expect(lines).toEqual(["200 visit number 1", "200 visit number 2", "200 visit number 3"]);
});

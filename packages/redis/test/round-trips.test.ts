// Round trips (Redis commands; each is one request/reply on the connection) per app request,
// counted by a RedisCommander wrapped around each real client.
import { expect, it } from "vitest";
import { type RedisCommander, redisStore, toCommander } from "../src/index.ts";
import { browserOn, makeApp, SECRET } from "./app.ts";
import { CLIENT_NAMES } from "./clients.ts";
import { useRedis } from "./use-redis.ts";

const fx = useRedis();

for (const name of CLIENT_NAMES) {
  it(`${name}: 0 round trips untouched, 1 per read, 1 for a first write, 2 for a later write (GET + patch), 1 for a logout`, async () => {
    const inner = toCommander(fx.client(name).client);
    const sent: string[] = [];
    const counting: RedisCommander = {
      command: (args) => {
        sent.push(String(args[0]).toLowerCase());
        return inner.command(args);
      },
    };
    const app = makeApp({ store: redisStore({ client: counting, prefix: fx.prefix() }), secret: SECRET });
    const browser = browserOn(app);
    const measure = async (path: string): Promise<{ status: number; commands: string[] }> => {
      sent.length = 0;
      const response = await browser.fetch(path);
      return { status: response.status, commands: [...sent] };
    };
    // Warm Redis's script cache once, so the counts below are the steady state.
    await browser.fetch("/set?key=warm&value=1");
    await browser.fetch("/set?key=warm&value=2");
    await browser.fetch("/flush");

    expect(await measure("/ping")).toEqual({ status: 200, commands: [] });
    expect(await measure("/set?key=a&value=1")).toEqual({ status: 200, commands: ["set"] }); // SET NX PX
    expect(await measure("/get?key=a")).toEqual({ status: 200, commands: ["get"] });
    expect(await measure("/set?key=b&value=2")).toEqual({ status: 200, commands: ["get", "evalsha"] }); // load + patch
    expect(await measure("/ping")).toEqual({ status: 200, commands: [] });
    expect(await measure("/flush")).toEqual({ status: 200, commands: ["del"] });
  });
}

// HTTP requests the client sends per app request, counted at the REST test server.
import { expect, it } from "vitest";
import { browserOn, makeApp, SECRET } from "../../redis/test/app.ts";
import { upstashStore } from "../src/index.ts";
import { useFixture } from "./use-fixture.ts";

const { fixture: fx } = useFixture();

it("costs 0 requests untouched, 1 for a read, 1 for a first write, 2 for a later write, 1 for a logout", async () => {
  const app = makeApp({ store: upstashStore({ redis: fx().client(), prefix: fx().prefix() }), secret: SECRET });
  const browser = browserOn(app);
  const measure = async (path: string): Promise<{ status: number; requests: number; commands: string[] }> => {
    fx().server.resetStats();
    const response = await browser.fetch(path);
    return { status: response.status, requests: fx().server.stats.requests, commands: [...fx().server.stats.commands] };
  };

  // Warm Redis's script cache once, so the counts below are the steady state.
  await browser.fetch("/set?key=warm&value=1");
  await browser.fetch("/set?key=warm&value=2");
  await browser.fetch("/flush");

  expect(await measure("/ping")).toEqual({ status: 200, requests: 0, commands: [] });
  expect(await measure("/set?key=a&value=1")).toEqual({ status: 200, requests: 1, commands: ["set"] }); // new session: SET NX PX
  expect(await measure("/get?key=a")).toEqual({ status: 200, requests: 1, commands: ["get"] }); // read
  expect(await measure("/set?key=b&value=2")).toEqual({ status: 200, requests: 2, commands: ["get", "evalsha"] }); // load + patch
  expect(await measure("/ping")).toEqual({ status: 200, requests: 0, commands: [] }); // with a cookie, still nothing
  expect(await measure("/flush")).toEqual({ status: 200, requests: 1, commands: ["del"] }); // logout needs no read
  expect(fx().server.stats.byPath).toEqual({ "/pipeline": 1 }); // auto-pipelining: every command goes to /pipeline
});

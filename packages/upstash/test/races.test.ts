// Races through withSession, the real @upstash/redis client, the REST test server and redis-server.
import { describe, expect, it } from "vitest";
import { browserOn, makeApp, SECRET, type TestApp } from "../../redis/test/app.ts";
import { upstashStore } from "../src/index.ts";
import { useFixture } from "./use-fixture.ts";

const { fixture: fx, raw } = useFixture();

function setup(): { app: TestApp; prefix: string } {
  const prefix = fx().prefix();
  const app = makeApp({ store: upstashStore({ redis: fx().client(), prefix }), secret: SECRET });
  return { app, prefix };
}

async function keysUnder(prefix: string): Promise<string[]> {
  const [reply] = await raw().send([["keys", `${prefix}*`]]);
  return (reply as Buffer[]).map((b) => b.toString());
}

describe("upstashStore under concurrent requests", () => {
  it("50 concurrent requests on one session, each setting a different key: all 50 keys land", async () => {
    const { app, prefix } = setup();
    const browser = browserOn(app);
    expect((await browser.fetch("/set?key=start&value=0")).status).toBe(200);
    const cookie = `sessionid=${browser.cookie()}`;
    expect(browser.cookie()).toBeDefined();

    fx().server.resetStats();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => browser.fork().fetch(`/set?key=k${i}&value=v${i}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    // Updates keep the id: every response carries the same cookie back (or none at all).
    for (const r of responses) {
      for (const line of r.headers.getSetCookie()) expect(line.split(";", 1)[0]).toBe(cookie);
    }
    // Every write reached Redis as one script run (a patch, or a compare-and-set plus its retries).
    const scriptRuns = fx().server.stats.commands.filter((c) => c === "evalsha" || c === "eval").length;

    const all = (await (await browser.fetch("/all")).json()) as Record<string, string>;
    const expected: Record<string, string> = { start: "0" };
    for (let i = 0; i < 50; i++) expected[`k${i}`] = `v${i}`;
    expect(all).toEqual(expected);
    expect(await keysUnder(prefix)).toHaveLength(1);
    expect(scriptRuns).toBeGreaterThanOrEqual(50);
  });

  it("a logout racing a slow write: the slow request gets 400 and nothing comes back to life", async () => {
    const { app, prefix } = setup();
    const tab1 = browserOn(app);
    expect((await tab1.fetch("/set?key=user&value=alice")).status).toBe(200);
    const tab2 = tab1.fork();
    expect(await keysUnder(prefix)).toHaveLength(1);

    // tab1 reads its session, then stalls before writing.
    const slow = tab1.fetch("/slow-set?key=cart&value=apple&gate=slow");
    await app.gates.reached("slow");
    // tab2 logs out meanwhile: the record is deleted and its cookie removed.
    const logout = await tab2.fetch("/flush");
    expect(logout.status).toBe(200);
    expect(tab2.cookie()).toBeUndefined();
    expect(await keysUnder(prefix)).toEqual([]);

    app.gates.open("slow");
    const response = await slow;
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    // Nothing was resurrected, under the old id or a new one.
    expect(await keysUnder(prefix)).toEqual([]);
    // The old cookie now opens an empty session, and reading it stores nothing.
    expect(await (await tab1.fetch("/all")).json()).toEqual({});
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it("a logout racing ten slow writes: all ten get 400, nothing comes back", async () => {
    const { app, prefix } = setup();
    const tab = browserOn(app);
    await tab.fetch("/set?key=user&value=bob");
    const slow = Array.from({ length: 10 }, (_, i) => tab.fork().fetch(`/slow-set?key=k${i}&value=v&gate=g${i}`));
    await Promise.all(Array.from({ length: 10 }, (_, i) => app.gates.reached(`g${i}`)));
    expect((await tab.fork().fetch("/flush")).status).toBe(200);
    for (let i = 0; i < 10; i++) app.gates.open(`g${i}`);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual(Array(10).fill(400));
    expect(await keysUnder(prefix)).toEqual([]);
  });
});

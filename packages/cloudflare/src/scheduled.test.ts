import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { freshTable } from "../test/fresh-table.ts";
import { d1Store } from "./d1-store.ts";
import { clearExpiredSessions } from "./scheduled.ts";

describe("clearExpiredSessions (Cron Trigger handler)", () => {
  it("deletes expired rows inside ctx.waitUntil and reports the count", async () => {
    const table = await freshTable();
    const seed = d1Store(env.DB, { table });
    await seed.create("old1", "v", Date.now() - 1);
    await seed.create("old2", "v", Date.now() - 1);
    await seed.create("live", "v", Date.now() + 60_000);

    const reported: Array<[number, string]> = [];
    const scheduled = clearExpiredSessions<Cloudflare.Env>((e) => d1Store(e.DB, { table }), {
      onCleared: (count, controller) => {
        reported.push([count, controller.cron]);
      },
    });
    const ctx = createExecutionContext();
    const returned = scheduled(createScheduledController({ cron: "0 3 * * *", scheduledTime: Date.now() }), env, ctx);
    expect(returned).toBeUndefined(); // the work lives in waitUntil, not in the return value
    await waitOnExecutionContext(ctx);

    expect(reported).toEqual([[2, "0 3 * * *"]]);
    expect(await seed.get("live")).not.toBeNull();
    const { n } = (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>()) ?? { n: -1 };
    expect(n).toBe(1);
  });

  it("runs only for its own cron expression when given one", async () => {
    let runs = 0;
    const scheduled = clearExpiredSessions(
      {
        clearExpired: async () => {
          runs++;
          return 0;
        },
      },
      { cron: "*/30 * * * *" },
    );
    const other = createExecutionContext();
    scheduled(createScheduledController({ cron: "0 0 * * *" }), env, other);
    await waitOnExecutionContext(other);
    expect(runs).toBe(0);

    const own = createExecutionContext();
    scheduled(createScheduledController({ cron: "*/30 * * * *" }), env, own);
    await waitOnExecutionContext(own);
    expect(runs).toBe(1);
  });

  it("hands a failure to waitUntil instead of swallowing it", async () => {
    const failure = new Error("D1 unavailable");
    const waited: Promise<unknown>[] = [];
    const ctx = {
      waitUntil: (promise: Promise<unknown>) => waited.push(promise),
      passThroughOnException: () => {},
      props: {},
    } as unknown as ExecutionContext;
    const scheduled = clearExpiredSessions({ clearExpired: () => Promise.reject(failure) });
    scheduled(createScheduledController(), env, ctx);
    expect(waited).toHaveLength(1);
    await expect(waited[0]).rejects.toBe(failure);
  });
});

import { SessionConfigError } from "@edge-session/core";
import { describe, expect, it } from "vitest";
import { toCommander } from "./client.ts";

// The adapters are exercised against a real redis-server by redis-store.test.ts and the
// conformance suites (node-redis, ioredis) and by apps/runtime-tests on Bun (Bun.redis);
// this file checks the shape detection and how each client is called.
describe("toCommander", () => {
  it("calls ioredis as call(name, ...args), even though it also has sendCommand and command", async () => {
    const calls: unknown[][] = [];
    const io = {
      call: async (...args: unknown[]) => {
        calls.push(args);
        return "OK";
      },
      sendCommand: () => Promise.reject(new Error("not this one")),
      command: () => Promise.reject(new Error("not this one")),
    };
    expect(await toCommander(io).command(["SET", "k", "v"])).toBe("OK");
    expect(calls).toEqual([["SET", "k", "v"]]);
  });

  it("calls node-redis as sendCommand([name, ...args]) and Bun as send(name, args)", async () => {
    const node: unknown[] = [];
    const bun: unknown[] = [];
    await toCommander({ sendCommand: async (args: string[]) => node.push(args) }).command(["GET", "k"]);
    await toCommander({ send: async (name: string, args: string[]) => bun.push([name, args]) }).command(["GET", "k"]);
    expect(node).toEqual([["GET", "k"]]);
    expect(bun).toEqual([["GET", ["k"]]]);
  });

  it("decodes byte replies to text and passes other replies through", async () => {
    const bytes = toCommander({ command: async () => new TextEncoder().encode("héllo") });
    expect(await bytes.command(["GET", "k"])).toBe("héllo");
    expect(await toCommander({ command: async () => null }).command(["GET", "k"])).toBeNull();
  });

  it("refuses anything else with a SessionConfigError", () => {
    for (const bad of [undefined, null, "redis://", {}, { get: () => 1 }]) {
      expect(() => toCommander(bad as never)).toThrow(SessionConfigError);
    }
  });
});

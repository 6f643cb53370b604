import { describe, expect, it, vi } from "vitest";
import { memoryStore } from "../memory-store.ts";
import type { SessionOptions } from "../options.ts";
import type { Session } from "../session.ts";
import type { SessionStore } from "../store.ts";
import { Browser, countingStore } from "../testing/index.ts";
import { startSession } from "./start-session.ts";

const secret = "engine-test-secret-0123456789abcdef";

/** Counts signature checks whatever HMAC implementation this runtime uses (docs/design.md, "Performance choices"). */
const hmacCalls = vi.hoisted(() => ({ match: 0 }));
vi.mock("../signing.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../signing.ts")>();
  return {
    ...real,
    hmacMatch: (...args: Parameters<typeof real.hmacMatch>) => {
      hmacCalls.match++;
      return real.hmacMatch(...args);
    },
  };
});

/** memoryStore without `patch`: the compare-and-set path with rebase. */
function compareAndSetStore(): SessionStore & { readonly size: number } {
  const base = memoryStore();
  const { patch: _patch, size: _size, ...methods } = base;
  return Object.defineProperty(methods, "size", { get: () => base.size }) as SessionStore & { readonly size: number };
}

function handlerFor(options: SessionOptions, app: Parameters<typeof run>[1]) {
  return (request: Request) => run(request, app, options);
}
async function run(request: Request, app: (session: Session) => Promise<Response>, options: SessionOptions) {
  const { session, commit } = startSession(request, options);
  return commit(await app(session));
}

describe("engine", () => {
  it("costs one create for a new visitor's write, one get for a read, get + update for a write", async () => {
    const counter = countingStore(memoryStore());
    const browser = new Browser(
      handlerFor({ store: counter.store, secret }, async (session) => {
        await session.set("n", (((await session.get("n")) as number | undefined) ?? 0) + 1);
        return new Response("ok");
      }),
    );
    await browser.fetch("/");
    expect(counter.calls).toEqual({ create: 1 });
    await browser.fetch("/");
    expect(counter.calls).toEqual({ create: 1, get: 1, patch: 1 });
  });

  it("without patch: get + update for a write", async () => {
    const counter = countingStore(compareAndSetStore());
    const browser = new Browser(
      handlerFor({ store: counter.store, secret }, async (session) => {
        await session.set("n", (((await session.get("n")) as number | undefined) ?? 0) + 1);
        return new Response("ok");
      }),
    );
    await browser.fetch("/");
    await browser.fetch("/");
    expect(counter.calls).toEqual({ create: 1, get: 1, update: 1 });
  });

  it.each([
    ["patch", memoryStore],
    ["compare-and-set", compareAndSetStore],
  ])("merges 50 concurrent writers of different keys on one session (%s)", async (_path, makeStore) => {
    const store = makeStore();
    const handler = (request: Request) =>
      run(
        request,
        async (session) => {
          const k = new URL(request.url).searchParams.get("k")!;
          await session.get("seed");
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5)); // let the reads interleave
          await session.set(k, k);
          return new Response("ok");
        },
        { store, secret },
      );
    const first = new Browser(handler);
    await first.fetch("/?k=seed");
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        first
          .fork()
          .fetch(`/?k=k${i}`)
          .then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const check = await run(
      new Request("https://example.test/", { headers: { Cookie: first.cookieHeader } }),
      async (session) => Response.json(await session.keys()),
      { store, secret },
    );
    expect(((await check.json()) as string[]).sort()).toEqual(["seed", ...Array.from({ length: 50 }, (_, i) => `k${i}`)].sort());
  });

  it("keeps the original error as cause when the store fails", async () => {
    const failing: SessionStore = { ...memoryStore(), create: () => Promise.reject(new Error("ECONNRESET")) };
    const { session, commit } = startSession(new Request("https://example.test/"), { store: failing, secret });
    await session.set("a", 1);
    await expect(commit(new Response("ok"))).rejects.toMatchObject({ code: "ERR_SESSION_STORE", cause: new Error("ECONNRESET") });
  });

  it("re-applies a clear() on top of a concurrent write, then deletes the emptied record", async () => {
    const store = compareAndSetStore();
    const options = { store, secret };
    const create = startSession(new Request("https://example.test/"), options);
    await create.session.set("a", 1);
    const cookie = (await create.commit(new Response())).headers.getSetCookie()[0]!.split(";")[0]!;
    const request = () => new Request("https://example.test/", { headers: { Cookie: cookie } });

    const clearing = startSession(request(), options);
    await clearing.session.clear();
    const other = startSession(request(), options);
    await other.session.set("b", 2);
    await other.commit(new Response());
    // The clearing request now conflicts: its clear() wipes "b" as well, so the session is empty and deleted.
    const response = await clearing.commit(new Response());
    expect(response.headers.getSetCookie()[0]).toMatch(/^sessionid=; Max-Age=0/);
    expect(store.size).toBe(0);
  });

  it("leaves a response untouched (same object) when the session was never used", async () => {
    const { commit } = startSession(new Request("https://example.test/", { headers: { Cookie: "sessionid=x" } }), {
      store: memoryStore(),
      secret,
    });
    const response = new Response("ok");
    expect(await commit(response)).toBe(response);
  });
});

describe("HMAC calls", () => {
  it("a returning visitor's read verifies nothing (the memo); a tampered cookie costs one verification", async () => {
    const store = memoryStore();
    const handler = (request: Request) =>
      run(
        request,
        async (session) => {
          if (new URL(request.url).pathname === "/write") await session.set("a", 1);
          return Response.json((await session.get("a")) ?? null);
        },
        { store, secret: "crypto-count-secret-0123456789abcdef" },
      );
    const browser = new Browser(handler);
    await browser.fetch("/write");
    hmacCalls.match = 0;
    expect(await (await browser.fetch("/read")).json()).toBe(1);
    expect(hmacCalls.match).toBe(0);
    const value = browser.cookie()!;
    const tampered = `${value.slice(0, -1)}${value.endsWith("A") ? "B" : "A"}`;
    expect(await (await browser.fork().fetch("/read", { cookie: `sessionid=${tampered}` })).json()).toBeNull();
    expect(hmacCalls.match).toBe(1);
  });
});

describe("response headers (docs/design.md §14)", () => {
  it("adds them in place to a mutable response, and to a copy of an immutable one", async () => {
    const options = { store: memoryStore(), secret };
    const first = startSession(new Request("https://example.test/"), options);
    await first.session.set("a", 1);
    const mutable = new Response("ok");
    const same = await first.commit(mutable);
    expect(same).toBe(mutable);
    expect(same.headers.get("Vary")).toBe("Cookie");
    expect(same.headers.getSetCookie()).toHaveLength(1);

    const second = startSession(new Request("https://example.test/"), options);
    await second.session.set("a", 2);
    const immutable = Response.redirect("https://example.test/next", 303);
    const copy = await second.commit(immutable);
    expect(copy).not.toBe(immutable);
    expect(copy.status).toBe(303);
    expect(copy.headers.get("Location")).toBe("https://example.test/next");
    expect(copy.headers.getSetCookie()).toHaveLength(1);
    expect(immutable.headers.getSetCookie()).toHaveLength(0);
  });
});

describe("setExpiry", () => {
  it('refuses a Date more than 400 days after the engine\'s clock (docs/design.md, "Input limits")', async () => {
    const now = Date.UTC(2030, 0, 1);
    const { session } = startSession(new Request("https://example.test/"), { store: memoryStore(), secret, now: () => now });
    await expect(session.setExpiry(new Date(now + 401 * 86_400_000))).rejects.toThrow(RangeError);
    await session.setExpiry(new Date(now + 399 * 86_400_000));
    expect(await session.getExpiryAge()).toBe(399 * 86_400);
  });
});

describe("keys that are special to JavaScript", () => {
  it('stores "__proto__" as an ordinary key and reads it back', async () => {
    const store = memoryStore();
    const options = { store, secret };
    const first = startSession(new Request("https://example.test/"), options);
    await first.session.set("__proto__", { polluted: true });
    const cookie = (await first.commit(new Response())).headers.getSetCookie()[0]!.split(";")[0]!;
    const second = startSession(new Request("https://example.test/", { headers: { Cookie: cookie } }), options);
    expect(await second.session.keys()).toEqual(["__proto__"]);
    expect(await second.session.get("__proto__")).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

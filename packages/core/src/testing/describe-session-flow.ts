import { describe, expect, it } from "vitest";
import type { SessionOptions } from "../options.ts";
import type { AnyStore } from "../store.ts";
import { isCookieStore } from "../store.ts";
import { Browser, Clock, type Handler, parseSetCookie } from "./browser.ts";
import { countingStore } from "./counting-store.ts";
import { type FlowApp, flowApp, Gates } from "./flow-app.ts";
import { describeChunkedCookieFlow } from "./flow-chunks.ts";
import type { StartFlow } from "./flow-context.ts";
import { describeCsrfFlow } from "./flow-csrf.ts";
import { describeErrorHookFlow } from "./flow-error-hook.ts";
import { describeJsonValueFlow } from "./flow-json-values.ts";
import { describeSchemaFlow } from "./flow-schema.ts";
import { itWhen, probeStore } from "./probe.ts";

/** How the suite gets the store and the binding under test. */
export interface FlowSetup {
  /** Makes the store; called once per test (give each its own prefix or namespace). */
  store: () => AnyStore | Promise<AnyStore>;
  /** Turns the suite's app into a fetch handler through the binding under test. */
  bind: (app: FlowApp, options: SessionOptions) => Handler;
}

const SECRET_A = "flow-suite-secret-A-0123456789abcdef";
const SECRET_B = "flow-suite-secret-B-0123456789abcdef";
const SECRET_C = "flow-suite-secret-C-0123456789abcdef";
const TWO_WEEKS = 1_209_600;

/** The exact removal line for the default cookie settings. */
const REMOVAL = "sessionid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; Secure; SameSite=Lax";

function sessionCookieLine(value: string, maxAge: number, now: number): string {
  return `sessionid=${value}; Max-Age=${maxAge}; Expires=${new Date(now + maxAge * 1000).toUTCString()}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}

/**
 * The request-level conformance suite: every semantic of docs/design.md observed
 * through Request and Response only, for one binding and one store.
 * @example
 * describeSessionFlow("withSession + memoryStore", {
 *   store: () => memoryStore(),
 *   bind: (app, options) => withSession(app, options),
 * });
 */
export function describeSessionFlow(name: string, setup: FlowSetup): void {
  const start: StartFlow = async (overrides = {}) => {
    const clock = new Clock();
    const counter = countingStore(await setup.store());
    const gates = new Gates();
    const options: SessionOptions = { store: counter.store, secret: SECRET_A, now: clock.now, ...overrides };
    const handler = setup.bind(flowApp(gates), options);
    const server = !isCookieStore(counter.store);
    const atomic = counter.store.capabilities.atomic;
    const rebind = (more: Partial<SessionOptions>): Handler => setup.bind(flowApp(gates), { ...options, ...more });
    return { clock, counter, gates, options, handler, server, atomic, rebind, browser: new Browser(handler) };
  };
  const probe = probeStore(setup.store);
  const serverStore = probe && !isCookieStore(probe);
  const atomicStore = probe?.capabilities.atomic;
  const setPath = (key: string, value: unknown): string => `/set?key=${key}&value=${encodeURIComponent(JSON.stringify(value))}`;

  describe(`${name}: session flow`, () => {
    describe("lazy sessions and headers", () => {
      it("an untouched request costs no store call, no Set-Cookie and no Vary — with or without a cookie", async () => {
        const { browser, counter } = await start();
        await browser.fetch(setPath("a", 1));
        const before = counter.total();
        const response = await browser.fetch("/untouched");
        expect(await response.text()).toBe("untouched");
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect(response.headers.get("Vary")).toBeNull();
        expect(counter.total()).toBe(before);
        const anonymous = await browser.fetch("/untouched", { cookie: null });
        expect(anonymous.headers.get("Vary")).toBeNull();
        expect(counter.total()).toBe(before);
      });

      it("a new visitor's write sets a secure cookie, byte for byte, and Vary: Cookie", async () => {
        const { browser, clock, server } = await start();
        const response = await browser.fetch(setPath("cart", ["apple"]));
        expect(response.status).toBe(200);
        expect(response.headers.get("Vary")).toBe("Cookie");
        const lines = response.headers.getSetCookie();
        expect(lines).toHaveLength(1);
        const value = browser.cookie()!;
        expect(lines[0]).toBe(sessionCookieLine(value, TWO_WEEKS, clock.t));
        if (server) expect(value).toMatch(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
      });

      it("keeps data across requests", async () => {
        const { browser } = await start();
        await browser.fetch(setPath("cart", ["apple", { qty: 2, note: 'é ☃ 𝄞 "q" <b>' }]));
        for (let i = 0; i < 3; i++) await browser.fetch("/incr?key=visits");
        expect(await browser.json("/all")).toEqual({ cart: ["apple", { qty: 2, note: 'é ☃ 𝄞 "q" <b>' }], visits: 3 });
      });

      it("a read sends Vary: Cookie but no Set-Cookie and writes nothing", async () => {
        const { browser, counter, server } = await start();
        await browser.fetch(setPath("a", 1));
        const writes = (): number =>
          (counter.calls.create ?? 0) +
          (counter.calls.update ?? 0) +
          (counter.calls.patch ?? 0) +
          (counter.calls.encode ?? 0) +
          (counter.calls.touch ?? 0);
        const before = writes();
        const response = await browser.fetch("/get?key=a");
        expect(await response.json()).toEqual({ value: 1 });
        expect(response.headers.get("Vary")).toBe("Cookie");
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect(writes()).toBe(before);
        if (server) expect(counter.calls.get).toBe(1);
      });

      it("a read without a cookie varies on Cookie, costs no store call and sets nothing", async () => {
        const { browser, counter } = await start();
        const response = await browser.fetch("/get?key=a");
        expect(await response.json()).toEqual({ value: null });
        expect(response.headers.get("Vary")).toBe("Cookie");
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect(counter.total()).toBe(0);
      });

      it("appends to an existing Vary instead of replacing it", async () => {
        const { browser } = await start();
        const response = await browser.fetch("/vary?key=a");
        expect(response.headers.get("Vary")).toBe("Accept-Encoding, Cookie");
      });

      it("adds its headers to a response whose headers are immutable", async () => {
        const { browser } = await start();
        const response = await browser.fetch(`/redirect?key=a&value=1`);
        expect(response.status).toBe(303);
        expect(response.headers.get("Location")).toBe("https://example.test/next");
        expect(response.headers.getSetCookie()).toHaveLength(1);
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
      });
    });

    describe("the session object, as Django's SessionBase", () => {
      it("flips accessed and modified exactly as Django does", async () => {
        const { browser } = await start();
        await browser.fetch(setPath("a", 1));
        const flags = (query: string) =>
          browser.json<{ before: object; accessed: boolean; modified: boolean; result: unknown }>(`/flags?${query}`);
        for (const op of ["get", "has", "keys", "all"]) {
          expect(await flags(`op=${op}&key=a`)).toMatchObject({
            before: { accessed: false, modified: false },
            accessed: true,
            modified: false,
          });
        }
        expect(await flags("op=delete&key=missing")).toMatchObject({ result: false, accessed: true, modified: false });
        expect(await flags("op=pop&key=missing")).toMatchObject({ result: "fallback", modified: false });
        expect(await flags(`op=setDefault&key=a&value=${encodeURIComponent("2")}`)).toMatchObject({ result: 1, modified: false });
        expect(await flags(`op=update&value=${encodeURIComponent("{}")}`)).toMatchObject({ modified: true });
        expect(await flags("op=clear")).toMatchObject({ modified: true });
      });

      it("delete, pop, setDefault, keys and entries behave like a dict", async () => {
        const { browser } = await start();
        await browser.fetch(setPath("a", 1));
        await browser.fetch(setPath("b", 2));
        expect(await browser.json("/delete?key=a")).toEqual({ existed: true });
        expect(await browser.json("/delete?key=a")).toEqual({ existed: false });
        expect(await browser.json("/pop?key=b")).toEqual({ value: 2 });
        expect(await browser.json("/pop?key=b")).toEqual({ value: "fallback" });
        expect(await browser.json(`/flags?op=setDefault&key=c&value=3`)).toMatchObject({ result: 3, modified: true });
        expect(await browser.json("/keys")).toEqual({ keys: ["c"], entries: [["c", 3]], empty: false });
      });

      it("refuses values JSON would change, naming the key, and stores nothing", async () => {
        const { browser } = await start();
        await browser.fetch(setPath("ok", 1));
        for (const kind of ["date", "map", "fn", "undef", "nan", "big", "nested"]) {
          const response = await browser.fetch(`/bad-value?key=bad_${kind}&kind=${kind}&catch=1`);
          expect(response.status).toBe(422);
          expect(await response.json()).toEqual({ code: "ERR_SESSION_SERIALIZATION", key: `bad_${kind}` });
        }
        expect(await browser.json("/all")).toEqual({ ok: 1 });
      });

      it("flash values are read once, then gone, and never listed among the keys", async () => {
        const { browser } = await start();
        await browser.fetch(`/flash?key=notice&value=${encodeURIComponent('"Saved"')}`);
        expect(await browser.json("/keys")).toEqual({ keys: [], entries: [], empty: false });
        expect(await browser.json("/has?key=notice")).toEqual({ has: true });
        expect(await browser.json("/get?key=notice")).toEqual({ value: "Saved" });
        expect(await browser.json("/get?key=notice")).toEqual({ value: null });
      });
    });

    describe("signing, tampering and malformed cookies", () => {
      it("rejects a tampered cookie without a store call, and removes it", async () => {
        const { browser, counter, server } = await start();
        await browser.fetch(setPath("user", "alice"));
        const value = browser.cookie()!;
        const before = { ...counter.calls };
        for (const position of [0, Math.floor(value.length / 2), value.length - 1]) {
          const flipped = value[position] === "A" ? "B" : "A";
          const tampered = value.slice(0, position) + flipped + value.slice(position + 1);
          const response = await browser.fork().fetch("/get?key=user", { cookie: `sessionid=${tampered}` });
          expect(await response.json()).toEqual({ value: null });
          expect(response.headers.getSetCookie()).toEqual([REMOVAL]);
        }
        if (server) expect(counter.calls.get ?? 0).toBe(before.get ?? 0);
        expect(await browser.json("/get?key=user")).toEqual({ value: "alice" });
      });

      it("never throws and never reaches the store for malformed cookies", async () => {
        const { browser, counter, server } = await start();
        const garbage = [
          "sessionid=",
          "sessionid",
          "sessionid=%E0%A4%A",
          'sessionid="unterminated',
          "sessionid=caf\u00e9",
          "sessionid=a.b.c.d",
          `sessionid=${"A".repeat(5000)}`,
          `sessionid=${"A".repeat(32)}.${"B".repeat(43)}`,
          "=; ;;; sessionid==; x=1",
          "\u00ff\u00fe=\u0001",
          `${"x=y; ".repeat(2000)}sessionid=zzz`,
        ];
        for (const cookie of garbage) {
          const response = await browser.fetch("/get?key=user", { cookie });
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual({ value: null });
        }
        if (server) expect(counter.calls.get ?? 0).toBe(0);
      });

      it("with duplicate cookies, the first one wins (RFC 6265 sends the most specific first)", async () => {
        const { browser } = await start();
        await browser.fetch(setPath("user", "alice"));
        const good = browser.cookie()!;
        expect(await browser.json("/get?key=user", { cookie: `sessionid=${good}; sessionid=garbage` })).toEqual({ value: "alice" });
        expect(await browser.json("/get?key=user", { cookie: `other=1; sessionid="${good}"` })).toEqual({ value: "alice" });
        expect(await browser.json("/get?key=user", { cookie: `sessionid=garbage; sessionid=${good}` })).toEqual({ value: null });
      });

      it("rotates secrets: the first signs, every one verifies, and an unknown one is refused", async () => {
        const { browser, rebind } = await start({ secret: SECRET_A });
        await browser.fetch(setPath("user", "alice"));
        const rotated = new Browser(rebind({ secret: [SECRET_B, SECRET_A] }));
        rotated.jar = new Map(browser.jar);
        expect(await rotated.json("/get?key=user")).toEqual({ value: "alice" });
        await rotated.fetch(setPath("role", "admin"));
        const onlyNew = new Browser(rebind({ secret: [SECRET_B] }));
        onlyNew.jar = new Map(rotated.jar);
        expect(await onlyNew.json("/all")).toEqual({ user: "alice", role: "admin" });
        const stranger = new Browser(rebind({ secret: SECRET_C }));
        stranger.jar = new Map(rotated.jar);
        expect(await stranger.json("/all")).toEqual({});
      });

      it("refuses a secret shorter than 32 characters with a typed error", async () => {
        const { options } = await start();
        expect(() => setup.bind(flowApp(new Gates()), { ...options, secret: "short" })).toThrow(
          expect.objectContaining({ code: "ERR_SESSION_CONFIG" }),
        );
        expect(() => setup.bind(flowApp(new Gates()), { ...options, secret: [] })).toThrow(
          expect.objectContaining({ code: "ERR_SESSION_CONFIG" }),
        );
      });

      itWhen(serverStore)("issues ids of at least 128 random bits and never adopts an unknown id (no fixation)", async () => {
        const { browser, server } = await start();
        if (!server) return; // the cookie store has no ids
        await browser.fetch(setPath("a", 1));
        const first = browser.cookie()!;
        await browser.fetch("/flush");
        // An attacker plants the now-dead (but validly signed) cookie; the next save must not reuse it.
        const victim = new Browser(browser.handler);
        victim.jar.set("sessionid", first);
        expect(await victim.json("/get?key=a")).toEqual({ value: null });
        await victim.fetch(setPath("b", 2));
        expect(victim.cookie()).not.toBe(first);
        expect(victim.cookie()!.slice(0, 32)).not.toBe(first.slice(0, 32));
        const ids = new Set<string>();
        for (let i = 0; i < 20; i++) {
          const fresh = new Browser(browser.handler);
          await fresh.fetch(setPath("a", i));
          ids.add(fresh.cookie()!.slice(0, 32));
        }
        expect(ids.size).toBe(20);
      });

      it("uses the configured cookie attributes byte for byte", async () => {
        const { browser, clock, rebind } = await start();
        const custom = new Browser(
          rebind({
            cookie: { name: "sid", domain: "example.test", path: "/app", sameSite: "Strict", secure: false, httpOnly: false, maxAge: 3600 },
          }),
        );
        const response = await custom.fetch(setPath("a", 1));
        const value = custom.cookie("sid")!;
        expect(response.headers.getSetCookie()).toEqual([
          `sid=${value}; Max-Age=3600; Expires=${new Date(clock.t + 3_600_000).toUTCString()}; Domain=example.test; Path=/app; SameSite=Strict`,
        ]);
        const removal = await custom.fetch("/flush");
        expect(removal.headers.getSetCookie()).toEqual([
          "sid=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.test; Path=/app; SameSite=Strict",
        ]);
        expect(browser.jar.size).toBe(0);
      });
    });

    describe("logout, login and emptied sessions", () => {
      it("flush() removes the data and the cookie; on server stores the old cookie is dead at once", async () => {
        const { browser, server } = await start();
        await browser.fetch(setPath("user", "alice"));
        const old = browser.cookie()!;
        const response = await browser.fetch("/flush");
        expect(response.headers.getSetCookie()).toEqual([REMOVAL]);
        expect(browser.cookie()).toBeUndefined();
        expect(await browser.json("/all")).toEqual({});
        const replay = await browser.json("/get?key=user", { cookie: `sessionid=${old}` });
        // The cookie store is stateless: a replayed old cookie stays valid until it expires (its documented limit).
        expect(replay).toEqual({ value: server ? null : "alice" });
      });

      it("cycleKey() keeps the data under a new id and kills the old id at once", async () => {
        const { browser, server } = await start();
        await browser.fetch(setPath("cart", ["apple"]));
        const old = browser.cookie()!;
        await browser.fetch("/login?user=alice");
        expect(browser.cookie()).not.toBe(old);
        expect(await browser.json("/all")).toEqual({ cart: ["apple"], user: "alice" });
        if (server) expect(await browser.json("/all", { cookie: `sessionid=${old}` })).toEqual({});
      });

      it("clearing every key deletes the record and removes the cookie", async () => {
        const { browser, server, counter } = await start();
        await browser.fetch(setPath("a", 1));
        const old = browser.cookie()!;
        const response = await browser.fetch("/clear");
        expect(response.headers.getSetCookie()).toEqual([REMOVAL]);
        if (server) {
          expect(counter.calls.delete).toBe(1);
          expect(await browser.json("/all", { cookie: `sessionid=${old}` })).toEqual({});
        }
      });

      it("an empty session is never saved", async () => {
        const { browser, counter } = await start();
        const response = await browser.fetch(`/flags?op=update&value=${encodeURIComponent("{}")}`);
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect((counter.calls.create ?? 0) + (counter.calls.encode ?? 0)).toBe(0);
      });

      it("saves nothing when the response is a server error", async () => {
        const { browser, counter } = await start();
        const response = await browser.fetch(`/fail?key=a&value=1`);
        expect(response.status).toBe(500);
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect((counter.calls.create ?? 0) + (counter.calls.encode ?? 0)).toBe(0);
        await browser.fetch(setPath("a", 1));
        await browser.fetch(`/fail?key=a&value=2`);
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
      });
    });

    describe("expiry, with an injected clock", () => {
      it("expires after maxAge by default, and the expired cookie is removed", async () => {
        const { browser, clock } = await start();
        await browser.fetch(setPath("a", 1));
        clock.advance(TWO_WEEKS - 1);
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
        clock.advance(2);
        const response = await browser.fetch("/get?key=a");
        expect(await response.json()).toEqual({ value: null });
        expect(response.headers.getSetCookie()).toEqual([REMOVAL]);
      });

      it("setExpiry(seconds): Max-Age and Expires follow it, and the session ends after it", async () => {
        const { browser, clock } = await start();
        const response = await browser.fetch(`/expiry?seconds=600&key=a&value=1`);
        expect(response.headers.getSetCookie()).toEqual([sessionCookieLine(browser.cookie()!, 600, clock.t)]);
        expect(await browser.json("/expiry-info")).toEqual({ age: 600, date: clock.t + 600_000, atClose: false });
        expect(await browser.json("/keys")).toMatchObject({ keys: ["a"] });
        clock.advance(599);
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
        clock.advance(2);
        expect(await browser.json("/get?key=a")).toEqual({ value: null });
      });

      it("setExpiry(0): a browser-session cookie, kept by the store for maxAge", async () => {
        const { browser, clock } = await start();
        const response = await browser.fetch(`/expiry?seconds=0&key=a&value=1`);
        expect(response.headers.getSetCookie()).toEqual([`sessionid=${browser.cookie()}; Path=/; HttpOnly; Secure; SameSite=Lax`]);
        expect(await browser.json("/expiry-info")).toMatchObject({ atClose: true, age: TWO_WEEKS });
        clock.advance(TWO_WEEKS - 1);
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
        clock.advance(2);
        expect(await browser.json("/get?key=a")).toEqual({ value: null });
      });

      it("setExpiry(Date): the session ends at that instant", async () => {
        const { browser, clock } = await start();
        const at = clock.t + 3_600_000;
        const response = await browser.fetch(`/expiry?at=${at}&key=a&value=1`);
        expect(response.headers.getSetCookie()).toEqual([sessionCookieLine(browser.cookie()!, 3600, clock.t)]);
        clock.advance(1800);
        expect(await browser.json("/expiry-info")).toEqual({ age: 1800, date: at, atClose: false });
        clock.advance(1801);
        expect(await browser.json("/get?key=a")).toEqual({ value: null });
      });

      it("setExpiry(null) returns to the default", async () => {
        const { browser, clock } = await start();
        await browser.fetch(`/expiry?seconds=60&key=a&value=1`);
        const response = await browser.fetch(`/expiry`);
        expect(response.headers.getSetCookie()).toEqual([sessionCookieLine(browser.cookie()!, TWO_WEEKS, clock.t)]);
        clock.advance(120);
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
      });

      it("expireAtBrowserClose: cookies without Max-Age or Expires", async () => {
        const { rebind } = await start();
        const browser = new Browser(rebind({ expireAtBrowserClose: true }));
        const response = await browser.fetch(setPath("a", 1));
        expect(response.headers.getSetCookie()).toEqual([`sessionid=${browser.cookie()}; Path=/; HttpOnly; Secure; SameSite=Lax`]);
        expect(await browser.json("/expiry-info")).toMatchObject({ atClose: true });
      });

      it("without rolling expiry, reads never extend the session", async () => {
        const { browser, clock } = await start();
        await browser.fetch(setPath("a", 1));
        clock.advance(TWO_WEEKS - 10);
        const response = await browser.fetch("/get?key=a");
        expect(response.headers.get("Set-Cookie")).toBeNull();
        clock.advance(20);
        expect(await browser.json("/get?key=a")).toEqual({ value: null });
      });

      it("rolling expiry extends a used session, but not more often than touchAfter", async () => {
        const { rebind, counter, clock } = await start();
        const browser = new Browser(rebind({ saveEveryRequest: true, touchAfter: 60 }));
        await browser.fetch(setPath("a", 1));
        const writes = (): number =>
          (counter.calls.update ?? 0) + (counter.calls.patch ?? 0) + (counter.calls.touch ?? 0) + (counter.calls.encode ?? 0);
        const afterCreate = writes();
        clock.advance(30);
        const early = await browser.fetch("/get?key=a");
        expect(early.headers.get("Set-Cookie")).toBeNull();
        expect(writes()).toBe(afterCreate);
        clock.advance(31);
        const due = await browser.fetch("/get?key=a");
        expect(due.headers.getSetCookie()).toEqual([sessionCookieLine(browser.cookie()!, TWO_WEEKS, clock.t)]);
        expect(writes()).toBe(afterCreate + 1);
        const untouched = await browser.fetch("/untouched");
        expect(untouched.headers.get("Set-Cookie")).toBeNull();
        clock.advance(TWO_WEEKS - 10); // past the first expiry, inside the extended one
        expect(await browser.json("/get?key=a")).toEqual({ value: 1 });
      });
    });

    describe("concurrency", () => {
      it("two requests changing different keys of one session both land (last-write-wins stores excepted)", async () => {
        const { browser, gates, atomic } = await start();
        await browser.fetch(setPath("base", 0));
        const slowTab = browser.fork();
        const slow = slowTab.fetch(`${setPath("left", 1)}&gate=left`);
        await gates.reached("left");
        await browser.fork().fetch(setPath("right", 2));
        gates.open("left");
        expect((await slow).status).toBe(200);
        if (atomic) expect(await browser.json("/all")).toEqual({ base: 0, left: 1, right: 2 });
        else expect(await slowTab.json("/all")).toEqual({ base: 0, left: 1 }); // the later write wins whole
      });

      itWhen(atomicStore)("ten parallel requests, each setting its own key, all land where the store is atomic", async () => {
        const { browser, atomic } = await start();
        if (!atomic) return;
        await browser.fetch(setPath("base", 0));
        const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => browser.fork().fetch(setPath(`k${i}`, i))));
        expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
        const all = await browser.json("/all");
        for (let i = 0; i < 10; i++) expect(all[`k${i}`]).toBe(i);
      });

      itWhen(atomicStore)("sixteen requests in flight on one session, each setting its own key, all land", async () => {
        const { browser, atomic, gates } = await start();
        if (!atomic) return;
        await browser.fetch(setPath("base", 0));
        // All sixteen load the same version and then write at once: a real conflict for compare-and-set stores.
        const pending = Array.from({ length: 16 }, (_, i) => browser.fork().fetch(`${setPath(`k${i}`, i)}&gate=all`));
        await gates.reached("all");
        await new Promise((resolve) => setTimeout(resolve, 200));
        gates.open("all");
        const responses = await Promise.all(pending);
        expect(responses.map((r) => r.status)).toEqual(Array(16).fill(200));
        const all = await browser.json("/all");
        expect(Object.keys(all).sort()).toEqual(["base", ...Array.from({ length: 16 }, (_, i) => `k${i}`)].sort());
      });

      itWhen(serverStore)("a logout racing a slow write: the write gets 400 and nothing comes back to life", async () => {
        const { browser, gates, server } = await start();
        if (!server) return; // a stateless cookie cannot be revoked; its README says so
        await browser.fetch(setPath("user", "alice"));
        const old = browser.cookie()!;
        const slow = browser.fork().fetch(`${setPath("cart", ["apple"])}&gate=slow`);
        await gates.reached("slow");
        await browser.fetch("/flush");
        gates.open("slow");
        const response = await slow;
        expect(response.status).toBe(400);
        expect(response.headers.get("Set-Cookie")).toBeNull();
        expect(await browser.json("/all", { cookie: `sessionid=${old}` })).toEqual({});
      });

      itWhen(serverStore)("a store outage answers 503 to requests that need the store, and 200 to those that do not", async () => {
        const { browser, counter, server } = await start();
        if (!server) return;
        await browser.fetch(setPath("a", 1));
        counter.fail.on = true;
        expect((await browser.fetch("/get?key=a")).status).toBe(503);
        expect((await browser.fetch(setPath("b", 2), { cookie: null })).status).toBe(503);
        expect((await browser.fetch("/untouched")).status).toBe(200);
        counter.fail.on = false;
        expect(await browser.json("/all")).toEqual({ a: 1 });
      });
    });

    describeCsrfFlow(start, setPath);
    describeErrorHookFlow(start, setPath, { serverStore });
    describeSchemaFlow(start, setPath);
    describeJsonValueFlow(start, setPath);
    describeChunkedCookieFlow(start, setPath, {
      chunked: probe && isCookieStore(probe) ? (probe.maxChunks ?? 1) > 1 : probe ? false : undefined,
    });

    it("parses every Set-Cookie line it sends", async () => {
      const { browser } = await start();
      const response = await browser.fetch(setPath("a", 1));
      for (const line of response.headers.getSetCookie()) expect(parseSetCookie(line).attributes).toHaveProperty("path", "/");
    });
  });
}

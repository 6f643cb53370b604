import type { AnyStore, SessionOptions } from "@edge-session/core";
import { SessionConfigError } from "@edge-session/core";
import type { SessionEnv } from "@edge-session/hono";
import { session } from "@edge-session/hono";
import type { Context } from "hono";
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { HTTPException } from "hono/http-exception";
import { findProduct, PRODUCTS } from "./catalog.ts";
import { sessionCookies } from "./cookies.ts";
import { REMEMBER_SECONDS } from "./format.ts";
import { newGiftCards } from "./gift-cards.ts";
import { renderPage } from "./page.ts";
import { type DemoData, demoSchema } from "./schema.ts";
import { STYLE } from "./style.ts";

export type { DemoData } from "./schema.ts";

/** The cookie stores may split a session over up to 4 cookies (~16 KB): the big cart needs 2 or 3. */
export const COOKIE_CHUNKS = 4;

/**
 * The session options every runtime uses, around its store and secret: CSRF protection
 * bound to the session (Django's CSRF_USE_SESSIONS: every form carries the token) and the
 * schema that types and checks the data.
 */
export function demoOptions(store: AnyStore, secret: string): SessionOptions<DemoData> {
  return { store, secret, csrf: true, schema: demoSchema };
}

/** What the page says about the store the sessions live in. */
export interface StoreInfo {
  /** The setting's name for it: "cookie", "kv", "memory", … */
  kind: string;
  /** One line about it. */
  label: string;
  /** True when the cookie holds an id and the data lives on the server (so logout revokes the old cookie). */
  serverSide: boolean;
  /** Shown on the 503 page when the store fails, e.g. the command that creates a missing table. */
  unavailableHint?: string;
}

/** One request's session options and what the page says about them. */
export interface DemoSetup {
  options: SessionOptions<DemoData>;
  store: StoreInfo;
}

/** What differs between the runtimes that serve the demo: everything else is this file. */
export interface DemoAppOptions<Bindings extends object> {
  /** Shown in the page header: "Cloudflare Workers", "Deno 2.9.6", … */
  runtime: string;
  /**
   * The session options for a request, from the runtime's bindings (Workers' env) and the
   * request's URL. Throws SessionConfigError for a setting to fix (shown as a 500 that says so).
   */
  setup(env: Bindings, url: string): DemoSetup;
}

/** The app's Hono Env: the runtime's bindings, this request's setup, and `c.var.session` typed by DemoData. */
type DemoEnv<Bindings extends object> = { Bindings: Bindings; Variables: { demo: DemoSetup } } & SessionEnv<DemoData>;

const MAX_NAME_LENGTH = 32;
/** Enough for two or three cookies on the cookie stores (the panel shows how many travel). */
const GIFT_CARDS_PER_BIG_CART = 300;

/** POST → redirect → GET, so a reload never repeats an action. */
function backHome(c: Context): Response {
  return c.redirect("/", 303);
}

async function formField(c: Context, name: string): Promise<string> {
  const value = (await c.req.parseBody())[name];
  return typeof value === "string" ? value : "";
}

/**
 * The demo — visit counter, cart, login/logout, flash, remember me and the session
 * panel — as one Hono app. The Worker (src/index.ts) and the Deno, Bun and Node
 * servers (src/servers/) each create it with their own setup and serve `app.fetch`.
 */
export function createDemoApp<Bindings extends object = object>(options: DemoAppOptions<Bindings>): Hono<DemoEnv<Bindings>> {
  const app = new Hono<DemoEnv<Bindings>>();

  app.use(async (c, next) => {
    c.set("demo", options.setup(c.env, c.req.url));
    await next();
  });

  // The session layer answers 503 when the store fails. Locally that almost always means a
  // missing table (D1 without its migration), so say so (in HTML) instead of a bare "unavailable".
  app.use(async (c, next) => {
    await next();
    if (c.res.status !== 503) return;
    const { kind, unavailableHint } = c.var.demo.store;
    c.res = undefined;
    c.res = await c.html(
      html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Session store unavailable</title>
<style>${raw(STYLE)}</style></head><body><main><header><h1>The session store is unavailable</h1>
<p>Store: <strong>${kind}</strong>. The request was not saved; nothing was lost.</p></header>
${unavailableHint ? html`<p class="notice">${unavailableHint}</p>` : ""}
<p><a href="/">Try again</a></p></main></body></html>`,
      503,
      { "Retry-After": "1", "Cache-Control": "no-store" },
    );
  });

  // The options come from the setup (built once per env or process), and the middleware
  // validates each options object once, so a per-request session() costs one closure.
  // With `csrf` on, it answers 403 to a POST without the session's token before any route runs.
  app.use((c, next) => session<DemoData, DemoEnv<Bindings>>(c.var.demo.options)(c, next));

  app.get("/", async (c) => {
    const s = c.var.session;
    // Read the flash first: the panel's data below must not show it, and it is gone after this.
    const notice = await s.get("notice");
    const visits = ((await s.get("visits")) ?? 0) + 1;
    await s.set("visits", visits);

    const stored = (await s.get("cart")) ?? {};
    const cart = PRODUCTS.filter((product) => (stored[product.id] ?? 0) > 0).map((product) => ({
      product,
      quantity: stored[product.id] ?? 0,
    }));

    // The CSRF secret lives in the session (Django's `_csrftoken`); the page shows only masked tokens.
    const data = Object.fromEntries(Object.entries(await s.all()).filter(([key]) => key !== "_csrftoken"));
    const page = renderPage({
      runtime: options.runtime,
      csrfToken: await s.csrfToken(),
      visits,
      user: await s.get("user"),
      cart,
      giftCards: (await s.get("giftCards"))?.length ?? 0,
      notice,
      panel: {
        store: c.var.demo.store,
        id: s.id,
        expiresAt: await s.getExpiryDate(),
        expiryAge: await s.getExpiryAge(),
        atBrowserClose: await s.getExpireAtBrowserClose(),
        cookies: sessionCookies(c.req.header("Cookie")),
        data,
      },
    });
    c.header("Cache-Control", "no-store");
    return c.html(page);
  });

  app.post("/cart/add", async (c) => {
    const product = findProduct(await formField(c, "item"));
    if (!product) return c.text("Unknown item", 400);
    const s = c.var.session;
    const cart = { ...((await s.get("cart")) ?? {}) };
    cart[product.id] = (cart[product.id] ?? 0) + 1;
    await s.set("cart", cart);
    await s.flash("notice", `Added ${product.emoji} ${product.name} to the cart.`);
    return backHome(c);
  });

  app.post("/cart/remove", async (c) => {
    const product = findProduct(await formField(c, "item"));
    if (!product) return c.text("Unknown item", 400);
    const s = c.var.session;
    const cart = { ...((await s.get("cart")) ?? {}) };
    const quantity = cart[product.id] ?? 0;
    if (quantity > 1) cart[product.id] = quantity - 1;
    else delete cart[product.id];
    await s.set("cart", cart);
    await s.flash("notice", `Removed one ${product.name}.`);
    return backHome(c);
  });

  app.post("/cart/big", async (c) => {
    // Random codes do not compress: the session outgrows one 4096-byte cookie, and the cookie
    // stores split it over sessionid, sessionid.1, … (docs/design.md, "Cookies over 4 KB").
    await c.var.session.set("giftCards", newGiftCards(GIFT_CARDS_PER_BIG_CART));
    await c.var.session.flash("notice", `Added ${GIFT_CARDS_PER_BIG_CART} gift cards: the session no longer fits in one cookie.`);
    return backHome(c);
  });

  app.post("/cart/clear", async (c) => {
    const s = c.var.session;
    await s.delete("cart");
    await s.delete("giftCards");
    await s.flash("notice", "Cart cleared.");
    return backHome(c);
  });

  app.post("/login", async (c) => {
    const s = c.var.session;
    const username = (await formField(c, "username")).trim();
    if (username.length === 0 || username.length > MAX_NAME_LENGTH) {
      await s.flash("notice", `Please enter a name of 1 to ${MAX_NAME_LENGTH} characters.`);
      return backHome(c);
    }
    const remember = (await formField(c, "remember")) === "on";
    // Django's login(): a new session id before the privilege changes, so an id planted
    // before login (session fixation) is worthless afterwards.
    await s.cycleKey();
    await s.set("user", username);
    // 0 = the cookie ends with the browser (no Max-Age/Expires); else a fixed 30 days.
    await s.setExpiry(remember ? REMEMBER_SECONDS : 0);
    await s.flash("notice", remember ? `Welcome, ${username}. You stay signed in for 30 days.` : `Welcome, ${username}.`);
    return backHome(c);
  });

  app.post("/logout", async (c) => {
    // Django's logout(): data, stored record and cookie gone. The response removes the cookie
    // (Max-Age=0); the goodbye flash is set by the next request, in a fresh session.
    await c.var.session.flush();
    return c.redirect("/signed-out", 303);
  });

  app.get("/signed-out", async (c) => {
    await c.var.session.flash("notice", "You are signed out. The old session is gone; this is a new one.");
    return backHome(c);
  });

  app.onError((error, c) => {
    // Hono's own refusals carry their response.
    if (error instanceof HTTPException) return error.getResponse();
    // A configuration mistake (bad SESSION_STORE, missing or development secret) says what to fix.
    if (error instanceof SessionConfigError) return c.text(`Configuration error: ${error.message}`, 500);
    // The terminal running the server shows the rest, with the cause a store error carries.
    console.error(error, (error as { cause?: unknown }).cause ?? "");
    return c.text("Internal Server Error", 500);
  });

  return app;
}

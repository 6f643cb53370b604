import type { AnyStore, Session } from "@edge-session/core";
import { SessionConfigError } from "@edge-session/core";
import { findProduct, PRODUCTS } from "@edge-session/demo/catalog";
import { withSession } from "@edge-session/fetch";
import { renderPage } from "./page.ts";
import { DEV_SECRET } from "./settings.ts";

/** What the demo keeps in a session. `notice` is only ever set with `flash`. */
export type DemoData = {
  visits: number;
  cart: Record<string, number>;
  user: string;
  notice: string;
};

/** Options of {@link createDemoApp}. */
export interface DemoAppOptions {
  store: AnyStore;
  secret: string;
  /** Shown in the page title: "Deno", "Bun". */
  runtime: string;
  /** One line about the store, shown on the page. */
  storeLabel?: string;
}

/** Remember me: 30 days (Max-Age=2592000); otherwise the cookie ends with the browser. */
export const REMEMBER_SECONDS = 30 * 24 * 60 * 60;
const MAX_NAME_LENGTH = 32;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

type DemoSession = Session<DemoData>;
type Route = (request: Request, session: DemoSession) => Promise<Response>;

/** POST → redirect → GET, so a reload never repeats an action. */
const home = (): Response => new Response(null, { status: 303, headers: { Location: "/" } });

// A body can be read once; a route asking for two fields gets both from the one parse.
const forms = new WeakMap<Request, Promise<FormData | null>>();

async function field(request: Request, name: string): Promise<string> {
  let form = forms.get(request);
  if (!form) {
    const type = request.headers.get("Content-Type") ?? "";
    const isForm = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    form = isForm ? request.formData().catch(() => null) : Promise.resolve(null);
    forms.set(request, form);
  }
  const value = (await form)?.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * A form POST must come from this site: browsers send Origin on POST, and
 * Sec-Fetch-Site where they support it. SameSite=Lax already keeps cross-site
 * POSTs from carrying the cookie; this refuses them outright (as hono/csrf does for apps/demo).
 */
function sameOrigin(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site) return site === "same-origin";
  return request.headers.get("Origin") === new URL(request.url).origin;
}

/**
 * The demo of apps/demo (counter, cart, login/logout, flash, remember me) as
 * one plain fetch handler through `withSession`: what `Deno.serve` and
 * `Bun.serve` run. GET /state answers the same data as JSON, for scripts.
 */
export function createDemoApp(options: DemoAppOptions): (request: Request) => Promise<Response> {
  const storeLabel = options.storeLabel ?? "custom store";

  async function view(session: DemoSession, countVisit: boolean) {
    // Read the flash first: it is gone after this read.
    const notice = await session.get("notice");
    let visits = (await session.get("visits")) ?? 0;
    if (countVisit) {
      visits += 1;
      await session.set("visits", visits);
    }
    const stored = (await session.get("cart")) ?? {};
    const atBrowserClose = await session.getExpireAtBrowserClose();
    return {
      visits,
      user: (await session.get("user")) ?? null,
      cart: stored,
      notice: notice ?? null,
      rememberedUntil: atBrowserClose ? null : (await session.getExpiryDate()).toISOString(),
    };
  }

  const routes: Record<string, Route> = {
    "GET /": async (_request, session) => {
      const state = await view(session, true);
      const page = renderPage({
        runtime: options.runtime,
        storeLabel,
        visits: state.visits,
        user: state.user ?? undefined,
        notice: state.notice ?? undefined,
        rememberedUntil: state.user && state.rememberedUntil ? new Date(state.rememberedUntil) : undefined,
        cart: PRODUCTS.filter((p) => (state.cart[p.id] ?? 0) > 0).map((product) => ({
          product,
          quantity: state.cart[product.id] ?? 0,
        })),
      });
      return new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
    },

    "GET /state": async (_request, session) => Response.json(await view(session, false), { headers: { "Cache-Control": "no-store" } }),

    "POST /cart/add": async (request, session) => {
      const product = findProduct(await field(request, "item"));
      if (!product) return new Response("Unknown item", { status: 400 });
      const cart = { ...((await session.get("cart")) ?? {}) };
      cart[product.id] = (cart[product.id] ?? 0) + 1;
      await session.set("cart", cart);
      await session.flash("notice", `Added ${product.emoji} ${product.name} to the cart.`);
      return home();
    },

    "POST /cart/remove": async (request, session) => {
      const product = findProduct(await field(request, "item"));
      if (!product) return new Response("Unknown item", { status: 400 });
      const cart = { ...((await session.get("cart")) ?? {}) };
      const quantity = cart[product.id] ?? 0;
      if (quantity > 1) cart[product.id] = quantity - 1;
      else delete cart[product.id];
      await session.set("cart", cart);
      await session.flash("notice", `Removed one ${product.name}.`);
      return home();
    },

    "POST /cart/clear": async (_request, session) => {
      await session.delete("cart");
      await session.flash("notice", "Cart cleared.");
      return home();
    },

    "POST /login": async (request, session) => {
      const username = (await field(request, "username")).trim();
      if (username.length === 0 || username.length > MAX_NAME_LENGTH) {
        await session.flash("notice", `Please enter a name of 1 to ${MAX_NAME_LENGTH} characters.`);
        return home();
      }
      const remember = (await field(request, "remember")) === "on";
      // Django's login(): a new session id before the privilege changes, so an id planted
      // before login (session fixation) is worthless afterwards.
      await session.cycleKey();
      await session.set("user", username);
      // 0 = the cookie ends with the browser (no Max-Age/Expires); else a fixed 30 days.
      await session.setExpiry(remember ? REMEMBER_SECONDS : 0);
      await session.flash("notice", remember ? `Welcome, ${username}. You stay signed in for 30 days.` : `Welcome, ${username}.`);
      return home();
    },

    "POST /logout": async (_request, session) => {
      // Django's logout(): data, stored record and cookie gone. The goodbye flash is set by
      // the next request, in a fresh session.
      await session.flush();
      return new Response(null, { status: 303, headers: { Location: "/signed-out" } });
    },

    "GET /signed-out": async (_request, session) => {
      await session.flash("notice", "You are signed out. The old session is gone; this is a new one.");
      return home();
    },
  };

  const handler = withSession<unknown, DemoData>(
    async (request, session) => {
      const url = new URL(request.url);
      // The development secret is in git: anyone could forge sessions with it, so it only works locally.
      if (options.secret === DEV_SECRET && !LOCAL_HOSTS.has(url.hostname)) {
        throw new SessionConfigError("the development secret only works on localhost: set SESSION_SECRET (32+ characters)");
      }
      const route = routes[`${request.method} ${url.pathname}`];
      if (!route) return new Response("Not found", { status: 404 });
      if (request.method === "POST" && !sameOrigin(request)) return new Response("Cross-site form refused", { status: 403 });
      return route(request, session);
    },
    { store: options.store, secret: options.secret },
  );
  return (request) => handler(request, undefined, undefined);
}

import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { StoreInfo } from "./app.ts";
import type { Product } from "./catalog.ts";
import { formatPrice, PRODUCTS } from "./catalog.ts";
import type { SessionCookies } from "./cookies.ts";
import { formatDate, formatDuration, REMEMBER_SECONDS, shortId } from "./format.ts";
import { STYLE } from "./style.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What the session panel shows: the session as the engine sees it during this request. */
export interface SessionPanel {
  store: StoreInfo;
  /** The server id, or null (cookie store, or a new session whose id comes with the save). */
  id: string | null;
  expiresAt: Date;
  expiryAge: number;
  atBrowserClose: boolean;
  /** The session cookies this request carried (more than one when a cookie store chunked it). */
  cookies: SessionCookies;
  data: unknown;
}

/** Everything the page shows. Strings are escaped by `html`. */
export interface PageView {
  /** "Cloudflare Workers", "Deno 2.9.6", … */
  runtime: string;
  /** A masked CSRF token of this session, for every form (`csrfmiddlewaretoken`). */
  csrfToken: string;
  visits: number;
  user: string | undefined;
  cart: { product: Product; quantity: number }[];
  /** How many gift cards the big cart holds. */
  giftCards: number;
  notice: string | undefined;
  panel: SessionPanel;
}

// A one-character SVG icon as a data: URL, so the browser asks for no /favicon.ico.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'%3E%3Ctext y='.9em' font-size='90'%3E%F0%9F%8D%AA%3C/text%3E%3C/svg%3E";

/** Django's hidden form field: the engine checks it on every POST (docs/design.md, "CSRF"). */
function csrfField(token: string): Html {
  return html`<input type="hidden" name="csrfmiddlewaretoken" value="${token}">`;
}

/** The whole page. Every button is a form that POSTs and redirects: it works without JavaScript. */
export function renderPage(view: PageView): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>edge-session demo</title>
<link rel="icon" href="${FAVICON}">
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<header>
  <h1>edge-session demo</h1>
  <p>Django's sessions on <span data-testid="runtime">${view.runtime}</span>, with Hono. Store: <strong>${view.panel.store.kind}</strong> (${view.panel.store.label}).</p>
</header>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ""}
<div class="grid">
  ${visitsCard(view.visits)}
  ${accountCard(view.user, view.csrfToken)}
  ${cartCard(view.cart, view.giftCards, view.csrfToken)}
  ${panelCard(view.panel)}
</div>
<footer>No JavaScript here: every button is a form that POSTs, changes the session and redirects back.</footer>
</main>
</body>
</html>`;
}

function visitsCard(visits: number): Html {
  return html`<section class="card" aria-labelledby="visits-title">
  <h2 id="visits-title">Visits</h2>
  <div class="big" data-testid="visits">${visits}</div>
  <p>${visits === 1 ? "page view in this session." : "page views in this session."}</p>
  <p class="hint">Each view runs <code>set("visits", n + 1)</code>, so each response saves the session.</p>
</section>`;
}

function accountCard(user: string | undefined, token: string): Html {
  if (user) {
    return html`<section class="card" aria-labelledby="account-title">
  <h2 id="account-title">Account</h2>
  <p>Signed in as <strong data-testid="user">${user}</strong>.</p>
  <form method="post" action="/logout">${csrfField(token)}<button type="submit">Log out</button></form>
  <p class="hint">Logging out calls <code>flush()</code>: the data and the stored record are deleted and the cookie is removed.</p>
</section>`;
  }
  return html`<section class="card" aria-labelledby="account-title">
  <h2 id="account-title">Account</h2>
  <form method="post" action="/login" class="stack">
    ${csrfField(token)}
    <label for="username">Name</label>
    <input type="text" id="username" name="username" required maxlength="32" autocomplete="username" placeholder="ada">
    <label class="switch"><input type="checkbox" name="remember" value="on"> Remember me for ${formatDuration(REMEMBER_SECONDS)}</label>
    <button type="submit">Log in</button>
  </form>
  <p class="hint">Logging in calls <code>cycleKey()</code> (new id, same data, old id dead — no session fixation).
  Without “remember me” the cookie has no Max-Age: it ends when the browser closes (<code>setExpiry(0)</code>).</p>
</section>`;
}

function cartCard(cart: PageView["cart"], giftCards: number, token: string): Html {
  const total = cart.reduce((sum, line) => sum + line.product.cents * line.quantity, 0);
  return html`<section class="card" aria-labelledby="cart-title">
  <h2 id="cart-title">Cart</h2>
  <div class="products">
    ${PRODUCTS.map(
      (product) =>
        html`<form method="post" action="/cart/add">${csrfField(token)}<input type="hidden" name="item" value="${product.id}"><button type="submit" aria-label="Add ${product.name}"><span>${product.emoji} ${product.name}</span><small>${formatPrice(product.cents)}<span class="add">+</span></small></button></form>`,
    )}
  </div>
  <form method="post" action="/cart/big" class="big-cart">${csrfField(token)}<button type="submit" class="quiet small">🎁 Big cart: fill it with gift cards</button></form>
  ${
    cart.length === 0 && giftCards === 0
      ? html`<p class="hint" data-testid="cart-empty">The cart is empty. Add something above.</p>`
      : html`<ul class="cart" data-testid="cart">
    ${cart.map(
      (
        line,
      ) => html`<li><span class="name">${line.product.emoji} ${line.product.name} × <span data-testid="qty-${line.product.id}">${line.quantity}</span></span>
      <form method="post" action="/cart/remove" class="inline">${csrfField(token)}<input type="hidden" name="item" value="${line.product.id}"><button type="submit" class="quiet small" aria-label="Remove one ${line.product.name}">−1</button></form></li>`,
    )}
    ${giftCards > 0 ? html`<li><span class="name">🎁 Gift cards × <span data-testid="gift-cards">${giftCards}</span></span></li>` : ""}
  </ul>
  <div class="total"><span>Total ${formatPrice(total)}</span>
    <form method="post" action="/cart/clear">${csrfField(token)}<button type="submit" class="quiet small">Clear cart</button></form></div>`
  }
  <p class="hint">The big cart makes the session larger than one 4096-byte cookie: the cookie stores split it over
  <code>sessionid</code>, <code>sessionid.1</code>, … (<code>cookieStore({ maxChunks: 4 })</code>); the panel below shows what travels.</p>
</section>`;
}

function panelCard(panel: SessionPanel): Html {
  const id = !panel.store.serverSide
    ? "cookie store — no server id"
    : panel.id === null
      ? "new — the id is issued when this response saves the session"
      : shortId(panel.id);
  return html`<section class="card wide" aria-labelledby="panel-title" data-testid="panel">
  <h2 id="panel-title">This session</h2>
  <dl class="facts">
    <dt>Store</dt><dd>${panel.store.kind}</dd>
    <dt>Session id</dt><dd data-testid="session-id">${id}</dd>
    <dt>Expires</dt><dd data-testid="expires">${
      panel.atBrowserClose
        ? `when the browser closes (the store keeps it until ${formatDate(panel.expiresAt)} at most)`
        : `${formatDate(panel.expiresAt)} (in ${formatDuration(panel.expiryAge)})`
    }</dd>
    <dt>Cookies</dt><dd data-testid="cookies">${
      panel.cookies.names.length === 0
        ? "none sent yet"
        : `${panel.cookies.names.join(", ")} — ${panel.cookies.names.length} ${panel.cookies.names.length === 1 ? "cookie" : "cookies"}, ${panel.cookies.bytes} bytes`
    }</dd>
    <dt>CSRF</dt><dd>the secret stays in the session (<code>_csrftoken</code>, not shown); every form carries a fresh masked token</dd>
    <dt>At browser close</dt><dd data-testid="browser-close">${panel.atBrowserClose ? "yes — the cookie has no Max-Age/Expires" : "no"}</dd>
  </dl>
  <pre class="data" data-testid="data">${JSON.stringify(panel.data, null, 2)}</pre>
</section>`;
}

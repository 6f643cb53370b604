import { PRODUCTS, type Product } from "@edge-session/demo/catalog";

/** Everything the page shows. */
export interface PageModel {
  runtime: string;
  storeLabel: string;
  visits: number;
  user: string | undefined;
  cart: { product: Product; quantity: number }[];
  notice: string | undefined;
  rememberedUntil: Date | undefined;
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Everything user-typed (the name) goes through this before it reaches HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

const price = (cents: number): string => `€${(cents / 100).toFixed(2)}`;

export function renderPage(model: PageModel): string {
  const { runtime, storeLabel, visits, user, cart, notice, rememberedUntil } = model;
  const total = cart.reduce((sum, line) => sum + line.product.cents * line.quantity, 0);
  const account = user
    ? `<p>Signed in as <strong>${escapeHtml(user)}</strong>${
        rememberedUntil ? ` — remembered until ${rememberedUntil.toUTCString()}` : " — until the browser closes"
      }.</p>
<form method="post" action="/logout"><button>Sign out</button></form>`
    : `<form method="post" action="/login">
<label>Name <input name="username" maxlength="32" required></label>
<label><input type="checkbox" name="remember"> Remember me for 30 days</label>
<button>Sign in</button></form>`;
  const lines = cart.length
    ? `<ul>${cart
        .map(
          ({ product, quantity }) => `<li>${product.emoji} ${product.name} × ${quantity}
<form method="post" action="/cart/remove" class="inline"><input type="hidden" name="item" value="${product.id}"><button>−</button></form></li>`,
        )
        .join("")}</ul><p>Total ${price(total)}</p>
<form method="post" action="/cart/clear"><button>Empty the cart</button></form>`
    : "<p>The cart is empty.</p>";
  const shop = PRODUCTS.map(
    (product) => `<form method="post" action="/cart/add" class="inline"><input type="hidden" name="item" value="${product.id}">
<button>${product.emoji} ${product.name} ${price(product.cents)}</button></form>`,
  ).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>edge-session on ${escapeHtml(runtime)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
.notice{background:#eef6ee;border-left:4px solid #3a3;padding:.5rem 1rem}.inline{display:inline}</style></head>
<body><main>
<h1>edge-session on ${escapeHtml(runtime)}</h1>
<p>Store: ${escapeHtml(storeLabel)}.</p>
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ""}
<p>You have seen this page <strong id="visits">${visits}</strong> time${visits === 1 ? "" : "s"}.</p>
<h2>Account</h2>
${account}
<h2>Cart</h2>
${lines}
<p>${shop}</p>
</main></body></html>`;
}

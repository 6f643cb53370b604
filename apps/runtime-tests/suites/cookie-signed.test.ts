import { cookieStore } from "@edge-session/cookie";
import { describeSessionFlow } from "@edge-session/core/testing";
import { bind, bindHono } from "./bind.ts";

// A cookie store has no store contract to check (nothing server-side): the flow suite is the whole test,
// through both bindings, and chunked (docs/design.md, "Cookies": 8 chunks hold the suite's largest values).
describeSessionFlow("withSession + cookieStore()", { store: () => cookieStore(), bind });
describeSessionFlow("Hono + cookieStore()", { store: () => cookieStore(), bind: bindHono });
describeSessionFlow("withSession + cookieStore({ maxChunks: 8 })", { store: () => cookieStore({ maxChunks: 8 }), bind });
describeSessionFlow("Hono + cookieStore({ maxChunks: 8 })", { store: () => cookieStore({ maxChunks: 8 }), bind: bindHono });

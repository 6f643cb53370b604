// The test Worker (`main` in test/wrangler.jsonc): Durable Object classes must be
// exported by the main module for the SESSION_OBJECTS binding to resolve them.
export { SessionObject } from "../src/durable-object.ts";

export default {
  fetch: () => new Response("edge-session cloudflare tests", { status: 404 }),
} satisfies ExportedHandler;

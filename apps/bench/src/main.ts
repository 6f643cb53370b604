// Entry point for `pnpm bench` (Node, through scripts/node.mjs) and `pnpm bench:bun`.
// The same file is the cold-cookie worker: a second isolate that issues cookies
// the bench's own isolate has never seen (see cold-cookies.ts).
import { isMainThread } from "node:worker_threads";

if (isMainThread) {
  const { runBench } = await import("./bench.ts");
  await runBench(new URL(import.meta.url));
} else {
  const { serveColdCookies } = await import("./cold-cookies.ts");
  await serveColdCookies();
}

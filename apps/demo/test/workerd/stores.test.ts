// The demo inside workerd, through the Worker's exported fetch, on every store it offers,
// with Miniflare's real KV namespace and D1 database from wrangler.jsonc.
import { STORE_KINDS } from "../../src/settings.ts";
import { describeDemo } from "../demo-flows.ts";
import { workerTarget } from "./worker-target.ts";

for (const store of STORE_KINDS) describeDemo(workerTarget(store));

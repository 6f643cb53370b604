// The demo's Deno.serve server, src/servers/deno.ts, as a real process.
import { describeServer } from "./describe-server.ts";

describeServer("deno");

// The demo's Bun.serve server, src/servers/bun.ts, as a real process.
import { describeServer } from "./describe-server.ts";

describeServer("bun");

// The demo's Node server (@hono/node-server), src/servers/node.ts, as a real process.
import { describeServer } from "./describe-server.ts";

describeServer("node");

// A bare Hono app: the framework the Hono-based libraries ride on (subtracted for their deltas).
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.text("0"));

export default app;

import { memoryStore } from "@edge-session/core";
import { describeSessionFlow, describeStore } from "@edge-session/core/testing";
import { bind, bindHono } from "./bind.ts";

describeStore("memoryStore", () => memoryStore());
describeSessionFlow("withSession + memoryStore", { store: () => memoryStore(), bind });
describeSessionFlow("Hono + memoryStore", { store: () => memoryStore(), bind: bindHono });

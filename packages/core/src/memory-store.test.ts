import { describeStore } from "./testing/index.ts";
import { memoryStore } from "./memory-store.ts";

describeStore("memoryStore", () => memoryStore());

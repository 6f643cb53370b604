import { memoryStore } from "./memory-store.ts";
import { describeStore } from "./testing/index.ts";

describeStore("memoryStore", () => memoryStore());

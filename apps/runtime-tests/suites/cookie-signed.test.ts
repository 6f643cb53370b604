import { cookieStore } from "@edge-session/cookie";
import { describeSessionFlow } from "@edge-session/core/testing";
import { bind } from "./bind.ts";

// A cookie store has no store contract to check (nothing server-side): the flow suite is the whole test.
describeSessionFlow("withSession + cookieStore()", { store: () => cookieStore(), bind });

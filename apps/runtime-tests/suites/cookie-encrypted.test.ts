import { cookieStore } from "@edge-session/cookie";
import { describeSessionFlow } from "@edge-session/core/testing";
import { bind } from "./bind.ts";

describeSessionFlow("withSession + cookieStore({ encrypt: true })", { store: () => cookieStore({ encrypt: true }), bind });

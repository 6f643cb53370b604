import { encryptedCookieStore } from "@edge-session/cookie/encrypted";
import { describeSessionFlow } from "@edge-session/core/testing";
import { bind } from "./bind.ts";

describeSessionFlow("withSession + encryptedCookieStore()", { store: () => encryptedCookieStore(), bind });

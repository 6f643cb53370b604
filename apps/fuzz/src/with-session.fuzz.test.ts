import { bindings } from "./bindings.ts";
import { describeCookieFuzz } from "./cookie-fuzz.ts";

const [name, bind] = bindings[0]!;
describeCookieFuzz(name, 0, bind);

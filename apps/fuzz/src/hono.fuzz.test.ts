import { bindings } from "./bindings.ts";
import { describeCookieFuzz } from "./cookie-fuzz.ts";

const [name, bind] = bindings[1]!;
describeCookieFuzz(name, 1, bind);

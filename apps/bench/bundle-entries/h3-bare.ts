// A bare h3 app: the framework h3's useSession rides on.
import { H3 } from "h3";

const app = new H3();
app.get("/", () => "0");

export default { fetch: (request: Request) => app.fetch(request) };

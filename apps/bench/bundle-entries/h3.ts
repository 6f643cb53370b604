// h3 v2 with useSession, as its session guide shows.
import { H3, useSession } from "h3";

const app = new H3();
app.get("/", async (event) => {
  const session = await useSession<{ visits: number }>(event, { password: "80d42cfb-1cd2-462c-8f17-e3237d9027e9" });
  const visits = (session.data.visits ?? 0) + 1;
  await session.update({ visits });
  return String(visits);
});

export default { fetch: (request: Request) => app.fetch(request) };

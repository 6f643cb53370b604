import { H3, useSession } from "h3";
import { type BenchUser, benchUser, MAX_AGE_SECONDS, SECRET, type Subject } from "./types.ts";

type Data = { user: BenchUser; n: number };

const config = { password: SECRET, maxAge: MAX_AGE_SECONDS };

/** h3 v2's `useSession(event, { password })` (iron seal), as h3's session guide shows. */
export function h3Session(): Subject {
  const app = new H3();
  app.get("/untouched", () => "ok");
  app.get("/write", async (event) => {
    const session = await useSession<Data>(event, config);
    await session.update({ user: benchUser(Number(event.url.searchParams.get("id"))), n: 1 });
    return "ok";
  });
  app.get("/read", async (event) => {
    const session = await useSession<Data>(event, config);
    return JSON.stringify(session.data.user ?? null);
  });
  app.get("/rw", async (event) => {
    const session = await useSession<Data>(event, config);
    const n = session.data.n ?? 0;
    await session.update({ n: n + 1 });
    return `${session.data.user?.id}:${n}`;
  });
  return {
    id: "peer/h3",
    label: "h3 useSession",
    group: "peer",
    framework: "h3",
    explicit: true,
    cookieName: "h3",
    fetch: async (request) => app.fetch(request),
  };
}

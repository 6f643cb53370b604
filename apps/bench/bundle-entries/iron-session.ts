// iron-session with its web-standard cookie adapter.
import { getIronSession, webCookies } from "iron-session";

export default {
  async fetch(request: Request, env: { SECRET: string }): Promise<Response> {
    const headers = new Headers();
    const session = await getIronSession<{ visits: number }>(webCookies(request, headers), {
      password: env.SECRET,
      cookieName: "session",
    });
    const visits = (session.visits ?? 0) + 1;
    session.visits = visits;
    await session.save();
    return new Response(String(visits), { headers });
  },
};

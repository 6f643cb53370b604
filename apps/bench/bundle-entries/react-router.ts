// React Router's cookie session storage, as a loader/action would use it.
import { createCookieSessionStorage } from "react-router";

export default {
  async fetch(request: Request, env: { SECRET: string }): Promise<Response> {
    const { getSession, commitSession } = createCookieSessionStorage<{ visits: number }>({
      cookie: { name: "__session", httpOnly: true, path: "/", sameSite: "lax", secrets: [env.SECRET], secure: true },
    });
    const session = await getSession(request.headers.get("Cookie"));
    const visits = (session.get("visits") ?? 0) + 1;
    session.set("visits", visits);
    return new Response(String(visits), { headers: { "Set-Cookie": await commitSession(session) } });
  },
};

/**
 * The smoke run both apps' tests drive against their REAL server over HTTP:
 * login → cart → logout → the old cookie refused. Plain fetch and a cookie jar,
 * no test framework, so Deno's and Bun's own test runners can both call it.
 * Throws an Error naming the step that went wrong.
 */

/** A one-site cookie jar: what a browser would send back. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Applies the response's Set-Cookie lines: Max-Age=0 (or a past Expires) removes. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const removed = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
      if (removed) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** What the demo's GET /state answers. */
export interface DemoState {
  visits: number;
  user: string | null;
  cart: Record<string, number>;
  notice: string | null;
  rememberedUntil: string | null;
}

function check(condition: unknown, step: string, detail?: unknown): asserts condition {
  if (!condition) throw new Error(`smoke: ${step}${detail === undefined ? "" : ` (got ${JSON.stringify(detail)})`}`);
}

/**
 * Drives the demo at `baseUrl` ("http://127.0.0.1:PORT") and resolves with the
 * steps it checked (`fetcher` lets a test drive the handler in process). The server must run on a store that revokes ids (memoryStore,
 * fileStore): the last step replays the logged-out cookie and expects it refused.
 */
export async function runSmoke(baseUrl: string, fetcher: typeof fetch = fetch): Promise<string[]> {
  const origin = new URL(baseUrl).origin;
  const jar = new CookieJar();
  const done: string[] = [];

  /** A request as the browser makes it; with `cookie` given, a replay from outside the jar (its answer is not kept). */
  async function request(method: string, path: string, form?: Record<string, string>, cookie?: string): Promise<Response> {
    const fromJar = cookie === undefined;
    if (fromJar) cookie = jar.header();
    const headers = new Headers();
    if (cookie) headers.set("Cookie", cookie);
    // A browser's form POST carries its Origin; the demo refuses cross-site forms.
    if (method === "POST") headers.set("Origin", origin);
    const response = await fetcher(new URL(path, baseUrl), {
      method,
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      redirect: "manual",
    });
    if (fromJar) jar.store(response);
    return response;
  }
  async function state(cookie?: string): Promise<{ state: DemoState; response: Response }> {
    const response = await request("GET", "/state", undefined, cookie);
    check(response.status === 200, "GET /state answers 200", response.status);
    return { state: (await response.json()) as DemoState, response };
  }

  // 1. The page, as a first visit: the counter starts a session.
  const page = await request("GET", "/");
  check(page.status === 200, "GET / answers 200", page.status);
  check((await page.text()).includes('<strong id="visits">1</strong>'), "the first visit counts 1");
  check(page.headers.get("Vary")?.includes("Cookie"), "the page varies on Cookie", page.headers.get("Vary"));
  const anonymous = jar.get("sessionid");
  check(anonymous, "the first visit sets the session cookie");
  done.push("first visit: counter 1, session cookie set");

  // 2. Login with remember me: a new id (cycleKey), a 30-day cookie, a welcome flash.
  const login = await request("POST", "/login", { username: "alice", remember: "on" });
  check(login.status === 303 && login.headers.get("Location") === "/", "POST /login redirects home", login.status);
  const loginCookie = login.headers.getSetCookie().find((line) => line.startsWith("sessionid="));
  check(loginCookie?.includes("Max-Age=2592000"), "remember me sets a 30-day cookie", loginCookie);
  const signedIn = jar.get("sessionid");
  check(signedIn && signedIn !== anonymous, "login issues a new session id", signedIn);
  const afterLogin = await state();
  check(afterLogin.state.user === "alice", "the session knows alice after login", afterLogin.state);
  check(afterLogin.state.visits === 1, "login keeps the data of the session (cycleKey)", afterLogin.state);
  check(afterLogin.state.notice?.startsWith("Welcome, alice."), "login leaves a welcome flash", afterLogin.state);
  check((await state()).state.notice === null, "the flash is shown once, then gone");
  const fixated = await state(`sessionid=${anonymous}`);
  check(fixated.state.user === null && fixated.state.visits === 0, "the pre-login id is dead at once", fixated.state);
  done.push("login: new id, 30-day cookie, data kept, flash once, old id dead");

  // 3. The cart.
  for (const item of ["apple", "apple", "espresso"]) {
    const add = await request("POST", "/cart/add", { item });
    check(add.status === 303, `POST /cart/add ${item} redirects`, add.status);
  }
  await request("POST", "/cart/remove", { item: "apple" });
  const withCart = await state();
  check(
    JSON.stringify(withCart.state.cart) === JSON.stringify({ apple: 1, espresso: 1 }),
    "the cart holds what was added",
    withCart.state.cart,
  );
  check(withCart.state.user === "alice", "still signed in while shopping", withCart.state);
  const crossSite = await fetcher(new URL("/cart/add", baseUrl), {
    method: "POST",
    headers: { Cookie: jar.header(), Origin: "https://evil.example" },
    body: new URLSearchParams({ item: "apple" }),
    redirect: "manual",
  });
  check(crossSite.status === 403, "a cross-site form POST is refused", crossSite.status);
  done.push("cart: add, add, add, remove; a cross-site POST refused");

  // 4. Logout: the cookie is removed, and the old cookie is refused by the server.
  const loggedInCookie = jar.header();
  const logout = await request("POST", "/logout");
  check(logout.status === 303 && logout.headers.get("Location") === "/signed-out", "POST /logout redirects", logout.status);
  const removal = logout.headers.getSetCookie().find((line) => line.startsWith("sessionid="));
  check(removal?.includes("Max-Age=0"), "logout removes the cookie", removal);
  check(jar.get("sessionid") === undefined, "the jar dropped the cookie");
  const goodbye = await request("GET", "/signed-out");
  check(goodbye.status === 303, "GET /signed-out redirects home", goodbye.status);
  const afterLogout = await state();
  check(afterLogout.state.user === null, "signed out", afterLogout.state);
  check(afterLogout.state.notice?.startsWith("You are signed out."), "a goodbye flash in a fresh session", afterLogout.state);

  const replay = await state(loggedInCookie);
  check(replay.state.user === null, "the logged-out cookie is refused: no user", replay.state);
  check(JSON.stringify(replay.state.cart) === "{}", "the logged-out cookie is refused: no cart", replay.state.cart);
  done.push("logout: cookie removed, goodbye flash, the old cookie refused");

  // 5. Without remember me, the cookie ends with the browser.
  const plain = await request("POST", "/login", { username: "bob" });
  const plainCookie = plain.headers.getSetCookie().find((line) => line.startsWith("sessionid="));
  check(plainCookie && !/Max-Age|Expires/i.test(plainCookie), "login without remember me sets a browser-session cookie", plainCookie);
  done.push("login without remember me: browser-session cookie");
  return done;
}

/** A running demo server the restart smoke can stop and start again. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Logs in on a server running on a persistent store (fileStore), restarts it
 * with `start`, and checks the session survived. Throws naming the step that failed.
 */
export async function runRestartSmoke(start: () => Promise<RunningServer>): Promise<void> {
  const jar = new CookieJar();
  let server = await start();
  try {
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { Origin: server.url },
      body: new URLSearchParams({ username: "carol", remember: "on" }),
      redirect: "manual",
    });
    await login.body?.cancel();
    jar.store(login);
  } finally {
    await server.stop();
  }
  server = await start();
  try {
    const state = (await (await fetch(`${server.url}/state`, { headers: { Cookie: jar.header() } })).json()) as DemoState;
    check(state.user === "carol", "the session survives a restart of the server", state);
  } finally {
    await server.stop();
  }
}

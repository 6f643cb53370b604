/** A fetch handler as the suites see a binding. */
export type Handler = (request: Request) => Promise<Response>;

/** One Set-Cookie line, split into value and attributes. */
export interface ParsedSetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
  raw: string;
}

export function parseSetCookie(raw: string): ParsedSetCookie {
  const [pair = "", ...rest] = raw.split("; ");
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const i = part.indexOf("=");
    attributes[(i < 0 ? part : part.slice(0, i)).toLowerCase()] = i < 0 ? true : part.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes, raw };
}

/** A minimal browser: keeps one cookie jar, follows nothing, exposes the last response. */
export class Browser {
  jar = new Map<string, string>();
  constructor(
    readonly handler: Handler,
    readonly origin = "https://example.test",
  ) {}

  get cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** The value of one cookie in the jar. */
  cookie(name = "sessionid"): string | undefined {
    return this.jar.get(name);
  }

  async fetch(path: string, init: RequestInit & { cookie?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = init.cookie === undefined ? this.cookieHeader : init.cookie;
    if (cookie) headers.set("Cookie", cookie);
    const response = await this.handler(new Request(this.origin + path, { ...init, headers }));
    for (const line of response.headers.getSetCookie()) {
      const parsed = parseSetCookie(line);
      if (parsed.attributes["max-age"] === "0" || parsed.value === "") this.jar.delete(parsed.name);
      else this.jar.set(parsed.name, parsed.value);
    }
    return response;
  }

  async json<T = Record<string, unknown>>(path: string, init?: RequestInit & { cookie?: string | null }): Promise<T> {
    const response = await this.fetch(path, init);
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A second tab: same cookies, independent from now on. */
  fork(): Browser {
    const other = new Browser(this.handler, this.origin);
    other.jar = new Map(this.jar);
    return other;
  }
}

/** A clock the suites move by hand; starts at a whole second near real time so store TTLs stay sane. */
export class Clock {
  t = Math.ceil(Date.now() / 1000) * 1000;
  readonly now = (): number => this.t;
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

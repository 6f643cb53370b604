/** One Set-Cookie header, split into its value and attributes (names lower-cased). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
  raw: string;
}

/** Parses a Set-Cookie header the simple way a test needs (no quoting or folding). */
export function parseSetCookie(raw: string): SetCookie {
  const [pair = "", ...rest] = raw.split(";");
  const eq = pair.indexOf("=");
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const [key = "", ...value] = part.trim().split("=");
    attributes.set(key.toLowerCase(), value.join("="));
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, raw };
}

/**
 * A browser's cookie jar for one origin, reduced to what the demo needs: it keeps what
 * Set-Cookie sends, drops a cookie on Max-Age=0, and sends the rest back in Cookie.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Records every Set-Cookie of `response`; returns them parsed for assertions. */
  store(response: Response): SetCookie[] {
    const parsed = response.headers.getSetCookie().map(parseSetCookie);
    for (const cookie of parsed) {
      if (cookie.attributes.get("max-age") === "0") this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie.value);
    }
    return parsed;
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

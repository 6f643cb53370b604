import { createHmac, timingSafeEqual } from "node:crypto";
import { type BenchUser, benchUser, idParam, MAX_AGE_SECONDS, routeOf, SECRET, type Subject } from "./types.ts";

type Data = { user?: BenchUser; n?: number };

/**
 * The floor the cold-path targets are measured against: the least a
 * signed-cookie session can do per request, with a synchronous HMAC-SHA256
 * (node:crypto, no thread-pool hop, key derived once). Cookie =
 * base64url(JSON) "." base64url(HMAC(key, body)); no memo, no expiry check,
 * no compression, no key rotation, no Vary — nothing a real library adds.
 */
export function syncReference(): Subject {
  const key = createHmac("sha256", "sync-reference").update(SECRET).digest();
  const mac = (body: string): Buffer => createHmac("sha256", key).update(body).digest();
  const read = (cookie: string | null): Data => {
    const value = /(?:^|;\s*)sync=([^;]*)/.exec(cookie ?? "")?.[1];
    const dot = value?.lastIndexOf(".") ?? -1;
    if (!value || dot < 0) return {};
    const given = Buffer.from(value.slice(dot + 1), "base64url");
    const expected = mac(value.slice(0, dot));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {};
    try {
      return JSON.parse(Buffer.from(value.slice(0, dot), "base64url").toString("utf8")) as Data;
    } catch {
      return {};
    }
  };
  const commit = (data: Data): string => {
    const body = Buffer.from(JSON.stringify(data)).toString("base64url");
    return `sync=${body}.${mac(body).toString("base64url")}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; Secure; SameSite=Lax`;
  };
  return {
    id: "reference/sync-hmac",
    label: "reference: synchronous HMAC-SHA256 cookie (the floor)",
    group: "reference",
    framework: "fetch",
    explicit: true,
    coldRead: "same-isolate",
    cookieName: "sync",
    async fetch(request) {
      const route = routeOf(request.url);
      if (route === "/untouched") return new Response("ok");
      const data = read(request.headers.get("cookie"));
      if (route === "/write") {
        return new Response("ok", { headers: { "set-cookie": commit({ user: benchUser(idParam(request.url)), n: 1 }) } });
      }
      if (route === "/rw") {
        const n = data.n ?? 0;
        return new Response(`${data.user?.id}:${n}`, { headers: { "set-cookie": commit({ ...data, n: n + 1 }) } });
      }
      return new Response(JSON.stringify(data.user ?? null));
    },
  };
}

import { H3 } from "h3";
import { Hono } from "hono";
import { benchUser, idParam, routeOf, type Subject } from "./types.ts";

/**
 * The bare handlers the overheads are measured against: the same routes and
 * the same answers, with no session library. One per framework, so a Hono
 * middleware's overhead does not include Hono's own routing.
 */
export function bareFetch(): Subject {
  return {
    id: "bare/fetch",
    label: "bare fetch handler",
    group: "baseline",
    framework: "fetch",
    explicit: false,
    cookieName: "none",
    async fetch(request) {
      const route = routeOf(request.url);
      if (route === "/read") return new Response("null");
      if (route === "/rw") return new Response(`${benchUser(idParam(request.url)).id}:0`);
      return new Response("ok");
    },
  };
}

export function bareHono(): Subject {
  const app = new Hono();
  app.get("/untouched", (c) => c.text("ok"));
  app.get("/write", (c) => c.text("ok"));
  app.get("/read", (c) => c.text("null"));
  app.get("/rw", (c) => c.text("0:0"));
  return {
    id: "bare/hono",
    label: "bare Hono app",
    group: "baseline",
    framework: "hono",
    explicit: false,
    cookieName: "none",
    fetch: async (request) => app.fetch(request),
  };
}

export function bareH3(): Subject {
  const app = new H3();
  app.get("/untouched", () => "ok");
  app.get("/write", () => "ok");
  app.get("/read", () => "null");
  app.get("/rw", () => "0:0");
  return {
    id: "bare/h3",
    label: "bare h3 app",
    group: "baseline",
    framework: "h3",
    explicit: false,
    cookieName: "none",
    fetch: async (request) => app.fetch(request),
  };
}

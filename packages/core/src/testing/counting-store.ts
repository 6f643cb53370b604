import type { AnyStore, CookieSessionStore, SessionStore } from "../store.ts";
import { isCookieStore } from "../store.ts";

/** Calls per store method, for asserting "no store call" and "no needless write". */
export type CallCounts = Record<string, number>;

/** Wraps a store so every method call is counted; `fail` makes every call reject (store outage). */
export function countingStore<S extends AnyStore>(store: S): { store: S; calls: CallCounts; total(): number; fail: { on: boolean } } {
  const calls: CallCounts = {};
  const fail = { on: false };
  const wrap =
    (name: string, method: (...args: never[]) => Promise<unknown>) =>
    (...args: never[]): Promise<unknown> => {
      calls[name] = (calls[name] ?? 0) + 1;
      if (fail.on) return Promise.reject(new Error(`store outage (simulated at the store boundary): ${name}`));
      return method.apply(store, args);
    };
  let wrapped: AnyStore;
  if (isCookieStore(store)) {
    const cookie: CookieSessionStore = store;
    wrapped = {
      kind: "cookie",
      capabilities: cookie.capabilities,
      ...(cookie.maxChunks !== undefined ? { maxChunks: cookie.maxChunks } : {}),
      encode: wrap("encode", cookie.encode),
      decode: wrap("decode", cookie.decode),
    } as CookieSessionStore;
  } else {
    const server: SessionStore = store;
    const out: Record<string, unknown> = { capabilities: server.capabilities };
    for (const name of ["get", "create", "update", "patch", "delete", "touch", "clearExpired"] as const) {
      const method = server[name];
      if (typeof method === "function") out[name] = wrap(name, method as (...args: never[]) => Promise<unknown>);
    }
    wrapped = out as unknown as SessionStore;
  }
  return { store: wrapped as S, calls, fail, total: () => Object.values(calls).reduce((a, b) => a + b, 0) };
}

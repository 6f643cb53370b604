import type { SessionPatch, SessionStore } from "@edge-session/core";

/**
 * Wraps a store and appends `label.method` to `log` for each call, keeping the
 * store's capabilities and exactly its optional methods (the engine checks
 * whether `touch` and `patch` exist, so the wrapper must not invent one). The ids given to
 * `create` go to `created`, so a test can find the session the engine made.
 */
export function countingStore(store: SessionStore, log: string[], label: string, created: string[] = []): SessionStore {
  const counted =
    <A extends unknown[], R>(method: string, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      log.push(`${label}.${method}`);
      return call(...args);
    };
  return {
    capabilities: store.capabilities,
    get: counted("get", (id: string) => store.get(id)),
    create: counted("create", (id: string, value: string, expiresAt: number) => {
      created.push(id);
      return store.create(id, value, expiresAt);
    }),
    update: counted("update", (id: string, value: string, expiresAt: number, version: number) =>
      store.update(id, value, expiresAt, version),
    ),
    delete: counted("delete", (id: string) => store.delete(id)),
    ...(store.touch ? { touch: counted("touch", (id: string, expiresAt: number) => store.touch!(id, expiresAt)) } : {}),
    ...(store.patch
      ? { patch: counted("patch", (id: string, changes: SessionPatch, expiresAt: number) => store.patch!(id, changes, expiresAt)) }
      : {}),
    ...(store.clearExpired ? { clearExpired: counted("clearExpired", () => store.clearExpired!()) } : {}),
  };
}

/** A KV namespace that appends `kv.<operation>` to `log` for each call that reaches KV. */
export function countingKv(namespace: KVNamespace, log: string[]): KVNamespace {
  return new Proxy(namespace, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== "function") return member;
      return (...args: unknown[]) => {
        log.push(`kv.${String(property)}`);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * A D1 database that appends `d1.query` for each statement run on its own and
 * `d1.batch` for each batch: one entry per round trip to D1.
 */
export function countingD1(db: D1Database, log: string[]): D1Database {
  const watch = (statement: D1PreparedStatement): D1PreparedStatement => {
    const bind = statement.bind.bind(statement);
    statement.bind = (...values: unknown[]) => watch(bind(...values));
    for (const method of ["first", "run", "all", "raw"] as const) {
      const original = (statement[method] as (...a: unknown[]) => Promise<unknown>).bind(statement);
      Object.assign(statement, {
        [method]: (...args: unknown[]) => {
          log.push("d1.query");
          return original(...args);
        },
      });
    }
    return statement;
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return (query: string) => watch(target.prepare(query));
      if (property === "batch") {
        return <T>(statements: D1PreparedStatement[]) => {
          log.push("d1.batch");
          return target.batch<T>(statements);
        };
      }
      const member: unknown = Reflect.get(target, property, target);
      return typeof member === "function" ? member.bind(target) : member;
    },
  });
}

/** A KV namespace whose every operation fails, as KV does under an outage or the 1 write/s/key limit. */
export function failingKv(failure: Error = new Error("KV GET failed: 503 Service Unavailable")): KVNamespace {
  const fail = (): Promise<never> => Promise.reject(failure);
  return { get: fail, getWithMetadata: fail, put: fail, delete: fail, list: fail } as unknown as KVNamespace;
}

/**
 * A Durable Object namespace whose stubs append `do.<method>` to `log` for each
 * call made on them: one entry per subrequest to an object. Getting a stub
 * (`idFromName`, `get`) is local and not logged.
 */
export function countingNamespace<T extends Rpc.DurableObjectBranded | undefined>(
  namespace: DurableObjectNamespace<T>,
  log: string[],
): DurableObjectNamespace<T> {
  const watch = (stub: DurableObjectStub<T>): DurableObjectStub<T> =>
    new Proxy(stub, {
      get(target, property) {
        const member: unknown = Reflect.get(target, property);
        if (typeof member !== "function" || typeof property !== "string") return member;
        return (...args: unknown[]) => {
          log.push(`do.${property}`);
          // Reflect.apply: an RPC method is itself a stub, on which `.apply` would be a remote call.
          return Reflect.apply(member as (...a: unknown[]) => unknown, target, args);
        };
      },
    });
  return new Proxy(namespace, {
    get(target, property) {
      if (property === "get") return (id: DurableObjectId) => watch(target.get(id));
      const member: unknown = Reflect.get(target, property, target);
      return typeof member === "function" ? member.bind(target) : member;
    },
  });
}

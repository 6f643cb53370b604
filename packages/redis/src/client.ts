import { SessionConfigError } from "@edge-session/core";

/**
 * The one thing the store needs from a Redis client: send one command (its
 * name and arguments as strings) and get the reply — a string, an integer,
 * null — or a rejection carrying the server's error. `redisStore` accepts the
 * three clients below as they are and wraps them in this; pass your own to use
 * another client, or to count or trace commands.
 * @example
 * ```ts
 * const counted: RedisCommander = { command: (args) => { calls++; return inner.command(args); } };
 * ```
 */
export interface RedisCommander {
  command(args: readonly string[]): Promise<unknown>;
}

/**
 * node-redis v4/v5 (`createClient()` from `redis`): `sendCommand(["GET", key])`.
 * @example
 * ```ts
 * import { createClient } from "redis";
 * const client: NodeRedisClient = await createClient({ url: "redis://localhost:6379" }).connect();
 * ```
 */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * ioredis (`new Redis()` from `ioredis`): `call("GET", key)`.
 * @example
 * ```ts
 * import Redis from "ioredis";
 * const client: IoRedisClient = new Redis("redis://localhost:6379");
 * ```
 */
export interface IoRedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * Bun's built-in client (`Bun.redis`, `new RedisClient(url)` from `bun`): `send("GET", [key])`.
 * @example
 * ```ts
 * import { RedisClient } from "bun";
 * const client: BunRedisClient = new RedisClient("redis://localhost:6379");
 * ```
 */
export interface BunRedisClient {
  send(command: string, args: string[]): Promise<unknown>;
}

/**
 * Any client `redisStore` accepts.
 * @example
 * ```ts
 * const client: RedisClientLike = Bun.redis;
 * ```
 */
export type RedisClientLike = NodeRedisClient | IoRedisClient | BunRedisClient | RedisCommander;

const decoder = new TextDecoder();

/** Bulk replies may come back as bytes (node-redis with a Buffer type mapping, RESP3 set-ups): the store reads text. */
function text(reply: unknown): unknown {
  return reply instanceof Uint8Array ? decoder.decode(reply) : reply;
}

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === "function";

/**
 * Wraps a client in a {@link RedisCommander}, recognising it by shape: ioredis
 * has `call`, node-redis `sendCommand`, Bun's client `send`. The order matters:
 * ioredis also has a `sendCommand` (taking a Command object) and a `command`
 * method (Redis' COMMAND), so `call` is checked first.
 * @example
 * ```ts
 * const commander = toCommander(await createClient().connect());
 * await commander.command(["PING"]); // "PONG"
 * ```
 */
export function toCommander(client: RedisClientLike): RedisCommander {
  const c = client as unknown as Record<string, unknown>;
  if (!client || typeof client !== "object") {
    throw new SessionConfigError("redisStore: options.client must be a node-redis, ioredis or Bun Redis client");
  }
  if (isFunction(c.call)) {
    const io = client as IoRedisClient;
    return { command: async ([name, ...args]) => text(await io.call(name as string, ...args)) };
  }
  if (isFunction(c.sendCommand)) {
    const node = client as NodeRedisClient;
    return { command: async (args) => text(await node.sendCommand([...args])) };
  }
  if (isFunction(c.send)) {
    const bun = client as BunRedisClient;
    return { command: async ([name, ...args]) => text(await bun.send(name as string, args)) };
  }
  if (isFunction(c.command)) {
    const own = client as RedisCommander;
    return { command: async (args) => text(await own.command(args)) };
  }
  throw new SessionConfigError(
    "redisStore: options.client is not a Redis client this store knows (node-redis, ioredis, Bun's RedisClient, or { command(args) })",
  );
}

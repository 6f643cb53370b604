/**
 * A small HTTP server that speaks the Upstash Redis REST protocol, as
 * `@upstash/redis` 1.39 uses it (docs/design.md, "Testing": the Upstash REST protocol), onto a real
 * redis-server. Test code only: no TLS, one Redis connection, no limits.
 *
 * - POST /            one command, body ["set","k","v","nx","px",60000]
 * - POST /pipeline    an array of commands, answered in order, not atomic
 * - POST /multi-exec  an array of commands run in MULTI/EXEC
 * - Authorization: Bearer <token>, else 401 {"error":"Unauthorized"}
 * - Upstash-Encoding: base64 → every string reply is base64 of its raw bytes
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { RespClient, RespConnectionError, RespError, type RespReply } from "../../redis/test/resp.ts";

export interface UpstashTestServerOptions {
  /** The redis-server to forward to. */
  redisPort: number;
  /** The bearer token clients must send. */
  token: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
}

/** What the server has seen, for counting round trips in tests. */
export interface UpstashServerStats {
  /** HTTP requests, by path ("/", "/pipeline", "/multi-exec", other). */
  requests: number;
  byPath: Record<string, number>;
  /** Redis commands received, lowercased names. */
  commands: string[];
  /** Bytes of request bodies received. */
  bytesIn: number;
  unauthorized: number;
}

export interface UpstashTestServer {
  /** Base URL for `new Redis({ url })`. */
  readonly url: string;
  readonly token: string;
  readonly stats: UpstashServerStats;
  /** Zeroes the counters. */
  resetStats(): void;
  /** Commands the server wrote to Redis whose reply was lost (Redis died mid-command): Redis may have run them. */
  lostCommands(): readonly string[][];
  close(): Promise<void>;
}

type JsonResult = { result: unknown } | { error: string };

/** Upstash sends arguments as JSON values; Redis wants strings. Numbers become their decimal form. */
function toRedisArg(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function isCommand(value: unknown): value is [string, ...unknown[]] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === "string";
}

/** RESP reply → the JSON the REST API returns for it. */
function toJson(reply: RespReply, base64: boolean): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString("base64") : reply.toString("utf8");
  if (Array.isArray(reply)) return reply.map((item) => (item instanceof RespError ? item.message : toJson(item, base64)));
  return reply.message;
}

function toResult(reply: RespReply, base64: boolean): JsonResult {
  return reply instanceof RespError ? { error: reply.message } : { result: toJson(reply, base64) };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: unknown, syncToken: number): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "upstash-sync-token": String(syncToken),
  });
  response.end(text);
}

/** Starts the server; resolves once it listens. */
export async function startUpstashServer(options: UpstashTestServerOptions): Promise<UpstashTestServer> {
  const redis = new RespClient(options.redisPort);
  const stats: UpstashServerStats = { requests: 0, byPath: {}, commands: [], bytesIn: 0, unauthorized: 0 };
  let syncToken = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    stats.requests++;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    const body = await readBody(request);
    stats.bytesIn += Buffer.byteLength(body);
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      stats.unauthorized++;
      return send(response, 401, { error: "Unauthorized" }, syncToken);
    }
    if (request.method !== "POST") return send(response, 405, { error: "ERR only POST is supported" }, syncToken);
    const base64 = String(request.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(response, 400, { error: "ERR failed to parse command" }, syncToken);
    }
    syncToken++;
    try {
      if (path === "/") {
        if (!isCommand(parsed)) return send(response, 400, { error: "ERR failed to parse command" }, syncToken);
        stats.commands.push(String(parsed[0]).toLowerCase());
        const [reply] = await redis.send([parsed.map(toRedisArg)]);
        const result = toResult(reply as RespReply, base64);
        return send(response, "error" in result ? 400 : 200, result, syncToken);
      }
      if (path === "/pipeline" || path === "/multi-exec") {
        if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isCommand)) {
          return send(response, 400, { error: "ERR failed to parse pipeline request" }, syncToken);
        }
        const commands = (parsed as unknown[][]).map((c) => c.map(toRedisArg));
        for (const c of commands) stats.commands.push((c[0] as string).toLowerCase());
        if (path === "/pipeline") {
          const replies = await redis.send(commands);
          return send(
            response,
            200,
            replies.map((r) => toResult(r, base64)),
            syncToken,
          );
        }
        // One write keeps MULTI … EXEC contiguous on the shared connection.
        const replies = await redis.send([["multi"], ...commands, ["exec"]]);
        const queued = replies.slice(1, -1).find((r) => r instanceof RespError);
        const exec = replies[replies.length - 1] as RespReply;
        if (exec instanceof RespError) {
          return send(response, 400, { error: queued instanceof RespError ? queued.message : exec.message }, syncToken);
        }
        if (!Array.isArray(exec)) return send(response, 400, { error: "ERR transaction discarded" }, syncToken);
        return send(
          response,
          200,
          exec.map((r) => toResult(r, base64)),
          syncToken,
        );
      }
      return send(response, 404, { error: `ERR unknown path ${path}` }, syncToken);
    } catch (error) {
      // Redis unreachable: the REST endpoint is up but its database is not.
      const message = error instanceof RespConnectionError ? error.message : String(error);
      return send(response, 500, { error: `ERR ${message}` }, syncToken);
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: `ERR ${String(error)}` }, syncToken);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    stats,
    resetStats(): void {
      stats.requests = 0;
      stats.byPath = {};
      stats.commands = [];
      stats.bytesIn = 0;
      stats.unauthorized = 0;
    },
    lostCommands: () => redis.lostCommands,
    async close(): Promise<void> {
      redis.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

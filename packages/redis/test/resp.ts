/**
 * A minimal RESP2 client over one TCP connection (https://redis.io/docs/reference/protocol-spec/),
 * enough for the test server: commands are written in order and replies are matched
 * to them in order, as Redis answers one connection strictly in sequence. Replies keep
 * their raw bytes (Buffer) so the REST layer can base64 them exactly.
 */
import { connect, type Socket } from "node:net";

/** A Redis error reply ("-ERR ..."): a value, not a failure of the connection. */
export class RespError {
  constructor(readonly message: string) {}
}

/** One reply: simple/bulk strings as raw bytes, integers, nil, errors, arrays. */
export type RespReply = Buffer | number | null | RespError | RespReply[];

interface Pending {
  resolve: (reply: RespReply) => void;
  reject: (error: Error) => void;
  command: readonly (string | Buffer)[];
}

/** Thrown for a command whose reply never came because the connection failed. */
export class RespConnectionError extends Error {
  /** True when the command was written to the socket, so Redis may have run it. */
  readonly maybeExecuted: boolean;
  constructor(message: string, maybeExecuted: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RespConnectionError";
    this.maybeExecuted = maybeExecuted;
  }
}

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === "string" ? Buffer.from(arg, "utf8") : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/**
 * Parses one reply starting at `offset`. Returns the reply and the offset after
 * it, or undefined when the buffer does not yet hold the whole reply.
 */
export function parseReply(buf: Buffer, offset: number): { reply: RespReply; next: number } | undefined {
  const lineEnd = buf.indexOf("\r\n", offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[offset] as number);
  const line = buf.subarray(offset + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (type) {
    case "+":
      return { reply: Buffer.from(line), next: afterLine };
    case "-":
      return { reply: new RespError(line.toString("utf8")), next: afterLine };
    case ":":
      return { reply: Number(line.toString("ascii")), next: afterLine };
    case "$": {
      const length = Number(line.toString("ascii"));
      if (length < 0) return { reply: null, next: afterLine };
      if (buf.length < afterLine + length + 2) return undefined;
      return { reply: Buffer.from(buf.subarray(afterLine, afterLine + length)), next: afterLine + length + 2 };
    }
    case "*": {
      const count = Number(line.toString("ascii"));
      if (count < 0) return { reply: null, next: afterLine };
      const items: RespReply[] = [];
      let next = afterLine;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, next);
        if (!item) return undefined;
        items.push(item.reply);
        next = item.next;
      }
      return { reply: items, next };
    }
    default:
      throw new Error(`RESP: unexpected reply type byte ${JSON.stringify(type)}`);
  }
}

/**
 * One lazily (re)connected connection. When Redis goes away, every command in
 * flight fails with RespConnectionError and the next command connects again, so
 * the test server survives a Redis restart on the same port.
 */
export class RespClient {
  private socket: Socket | undefined;
  private connecting: Promise<Socket> | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending[] = [];
  /** Commands whose connection died after they were written: Redis may or may not have run them. */
  readonly lostCommands: string[][] = [];

  constructor(
    private readonly port: number,
    private readonly host = "127.0.0.1",
  ) {}

  /** Sends commands in one write and resolves with their replies, in order. */
  async send(commands: readonly (readonly (string | Buffer)[])[]): Promise<RespReply[]> {
    const socket = await this.connection();
    const frame = Buffer.concat(commands.map(encodeCommand));
    const replies = commands.map((command) => new Promise<RespReply>((resolve, reject) => this.pending.push({ resolve, reject, command })));
    socket.write(frame);
    return Promise.all(replies);
  }

  /** Closes the connection; commands in flight fail. */
  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connection(): Promise<Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<Socket>((resolve, reject) => {
      const socket = connect({ port: this.port, host: this.host });
      socket.setNoDelay(true);
      const onConnectError = (error: Error): void => {
        this.connecting = undefined;
        reject(new RespConnectionError(`cannot connect to redis at ${this.host}:${this.port}`, false, { cause: error }));
      };
      socket.once("error", onConnectError);
      socket.once("connect", () => {
        socket.off("error", onConnectError);
        this.connecting = undefined;
        this.socket = socket;
        this.buffer = Buffer.alloc(0);
        socket.on("data", (chunk: Buffer) => this.onData(chunk));
        socket.on("error", () => {}); // "close" follows and fails what is pending
        socket.on("close", () => this.onClose(socket));
        resolve(socket);
      });
    });
    return this.connecting;
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const parsed = parseReply(this.buffer, offset);
      if (!parsed) break;
      offset = parsed.next;
      this.pending.shift()?.resolve(parsed.reply);
    }
    this.buffer = this.buffer.subarray(offset);
  }

  private onClose(socket: Socket): void {
    if (this.socket === socket) this.socket = undefined;
    const failed = this.pending;
    this.pending = [];
    for (const p of failed) {
      this.lostCommands.push(p.command.map((arg) => arg.toString()));
      p.reject(new RespConnectionError("connection to redis lost", true));
    }
  }
}

// The implementations behind core's hmacSign, each measured on every runtime (docs/design.md, "Performance choices").
import { importHmacKey } from "../../../packages/core/src/hmac-runtime.ts";
import { type Summary, summarize } from "./stats.ts";

/**
 * What the building blocks of a session cost on this runtime, measured the
 * same way as the libraries (interleaved rounds, 1 and 16 in flight): it
 * shows which call a session's overhead is made of — an awaited WebCrypto
 * call, a zlib stream, a copy of the Response.
 */
export interface PrimitiveResult {
  id: string;
  label: string;
  concurrency: 1 | 16;
  /** Wall-clock µs per operation, median of rounds and spread. */
  wall: Summary;
  /** CPU µs per operation (whole process). */
  cpu: Summary;
}

interface Probe {
  id: string;
  label: string;
  run: () => Promise<unknown>;
}

const enc = new TextEncoder();
/** About the size of the bench's session JSON. */
const PAYLOAD = enc.encode(JSON.stringify({ user: { id: 123456, name: "user-123456" }, n: 41, _expiry: null }));

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

async function zlib(kind: "compress" | "decompress", input: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = kind === "compress" ? new CompressionStream("deflate") : new DecompressionStream("deflate");
  const writer = stream.writable.getWriter();
  writer.write(input).catch(() => {});
  writer.close().catch(() => {});
  return drain(stream.readable);
}

async function probes(): Promise<Probe[]> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const hmac = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  const mac = await crypto.subtle.sign("HMAC", hmac, PAYLOAD);
  const aes = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, aes, PAYLOAD);
  const deflated = new Uint8Array(
    await new Response(new Blob([PAYLOAD]).stream().pipeThrough(new CompressionStream("deflate"))).arrayBuffer(),
  );
  const response = new Response("ok", { headers: { "content-type": "text/plain" } });
  const js = await importHmacKey(raw, "js");
  const node = await importHmacKey(raw, "node");
  const jsMac = js.mac(PAYLOAD) as Uint8Array;
  const hmacProbes: Probe[] = [
    { id: "hmac-js", label: "HMAC-SHA256, core's JS SHA-256 with precomputed pads (synchronous)", run: async () => js.mac(PAYLOAD) },
    { id: "hmac-js-verify", label: "the same, verify (constant-time compare)", run: async () => js.verify(jsMac, PAYLOAD) },
  ];
  if (node.path === "node") {
    hmacProbes.push({
      id: "hmac-node",
      label: "HMAC-SHA256, node:crypto createHmac via getBuiltinModule (synchronous)",
      run: async () => node.mac(PAYLOAD),
    });
  }
  return [
    ...hmacProbes,
    { id: "noop", label: "an awaited no-op (the floor)", run: async () => undefined },
    { id: "hmac-verify", label: "crypto.subtle.verify HMAC-SHA256", run: () => crypto.subtle.verify("HMAC", hmac, mac, PAYLOAD) },
    { id: "hmac-sign", label: "crypto.subtle.sign HMAC-SHA256", run: () => crypto.subtle.sign("HMAC", hmac, PAYLOAD) },
    {
      id: "hmac-import",
      label: "crypto.subtle.importKey HMAC (what re-importing per request costs)",
      run: () => crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]),
    },
    {
      id: "aes-encrypt",
      label: "crypto.subtle.encrypt AES-256-GCM",
      run: () => crypto.subtle.encrypt({ name: "AES-GCM", iv }, aes, PAYLOAD),
    },
    {
      id: "aes-decrypt",
      label: "crypto.subtle.decrypt AES-256-GCM",
      run: () => crypto.subtle.decrypt({ name: "AES-GCM", iv }, aes, sealed),
    },
    { id: "deflate", label: "CompressionStream('deflate') of the session JSON", run: () => zlib("compress", PAYLOAD) },
    { id: "inflate", label: "DecompressionStream('deflate') of it", run: () => zlib("decompress", deflated) },
    {
      id: "response-copy",
      label: "copy a Response and add Vary + Set-Cookie (new Response(body, response))",
      run: async () => {
        const copy = new Response(response.body, response);
        copy.headers.append("Vary", "Cookie");
        copy.headers.append("Set-Cookie", "sessionid=abc; Path=/; HttpOnly; Secure; SameSite=Lax");
        return copy;
      },
    },
    {
      id: "request-cookie",
      label: "request.headers.get('Cookie')",
      run: async () => new Request("https://bench.example/", { headers: { cookie: "sessionid=abc" } }).headers.get("cookie"),
    },
  ];
}

async function batch(probe: Probe, count: number, concurrency: 1 | 16): Promise<{ wall: number; cpu: number }> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next++ < count) await probe.run();
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = ((performance.now() - t0) * 1000) / count;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / count };
}

/** Interleaved rounds over every probe, as for the libraries. */
export async function measurePrimitives(rounds: number, targetMs: number): Promise<PrimitiveResult[]> {
  const list = await probes();
  const cells = list.flatMap((probe) =>
    ([1, 16] as const).map((concurrency) => ({ probe, concurrency, count: 0, wall: [] as number[], cpu: [] as number[] })),
  );
  for (const cell of cells) {
    await batch(cell.probe, 64, cell.concurrency);
    const us = Math.min((await batch(cell.probe, 256, cell.concurrency)).wall, (await batch(cell.probe, 256, cell.concurrency)).wall);
    cell.count = Math.max(32, Math.min(20_000, Math.ceil((targetMs * 1000) / Math.max(us, 0.01))));
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[(k + r) % cells.length]!;
      const t = await batch(cell.probe, cell.count, cell.concurrency);
      cell.wall.push(t.wall);
      cell.cpu.push(t.cpu);
    }
  }
  return cells.map((c) => ({
    id: c.probe.id,
    label: c.probe.label,
    concurrency: c.concurrency,
    wall: summarize(c.wall),
    cpu: summarize(c.cpu),
  }));
}

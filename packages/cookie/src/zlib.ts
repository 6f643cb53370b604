// zlib (RFC 1950) through the Web Compression Streams API — what Python's
// `zlib.compress` / `zlib.decompress` read and write, available in Workers,
// Deno, Bun and Node ≥ 18 without a dependency.

/**
 * zlib-compresses `input` (`CompressionStream("deflate")` is RFC 1950, not raw
 * deflate); null if the runtime fails to, and the caller then keeps the
 * uncompressed form, which is always valid.
 */
export function zlibCompress(input: Uint8Array<ArrayBuffer>, format: ZlibFormat = "deflate"): Promise<Uint8Array<ArrayBuffer> | null> {
  return pump(new CompressionStream(format), input, Number.POSITIVE_INFINITY);
}

/** "deflate" is zlib (RFC 1950, Django's); "deflate-raw" is bare DEFLATE (RFC 1951, JWE's `zip: "DEF"`). */
export type ZlibFormat = "deflate" | "deflate-raw";

/**
 * Decompresses a zlib stream; null when it is corrupt or would exceed
 * `maxBytes` — reading stops (and the stream is cancelled) as soon as the
 * output passes the cap, so a zip bomb never allocates more than that.
 */
export function zlibDecompress(
  input: Uint8Array<ArrayBuffer>,
  maxBytes: number,
  format: ZlibFormat = "deflate",
): Promise<Uint8Array<ArrayBuffer> | null> {
  return pump(new DecompressionStream(format), input, maxBytes);
}

async function pump(
  stream: CompressionStream | DecompressionStream,
  input: Uint8Array<ArrayBuffer>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const writer = stream.writable.getWriter();
  // Not awaited: a write resolves only once the output is read. Failures show on the reader.
  writer.write(input).catch(ignore);
  writer.close().catch(ignore);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) {
        reader.cancel().catch(ignore);
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null; // corrupt or truncated stream
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function ignore(): void {}

// Where an unsafe request carries its CSRF token (docs/design.md, "CSRF"): the
// X-CSRFToken header (Django's CSRF_HEADER_NAME), else the csrfmiddlewaretoken
// field of an HTML form's body.

/**
 * Django's default CSRF_HEADER_NAME, `HTTP_X_CSRFTOKEN`, as the header it stands for.
 * @example
 * fetch("/cart", { method: "POST", headers: { [DEFAULT_CSRF_HEADER_NAME]: token } });
 */
export const DEFAULT_CSRF_HEADER_NAME = "X-CSRFToken";

/**
 * The form field Django's `{% csrf_token %}` writes.
 * @example
 * `<input type="hidden" name="${DEFAULT_CSRF_FIELD_NAME}" value="${token}">`
 */
export const DEFAULT_CSRF_FIELD_NAME = "csrfmiddlewaretoken";

/**
 * Form bodies bigger than this are not parsed for the token (it is then
 * missing): the check must not buffer an upload of any size. Django reads
 * `request.POST` whole, bounded by DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB); a page's
 * form with a token is far smaller.
 * @example
 * readRequestCsrfToken(request, { maxFormBytes: MAX_CSRF_FORM_BYTES / 4 });
 */
export const MAX_CSRF_FORM_BYTES = 1024 * 1024;

/**
 * Options of {@link readRequestCsrfToken}.
 * @example
 * const options: RequestCsrfTokenOptions = { headerName: "X-XSRF-Token", fieldName: "_csrf" };
 */
export interface RequestCsrfTokenOptions {
  /** The header carrying the token [`"X-CSRFToken"`]. */
  headerName?: string;
  /** The form field carrying the token [`"csrfmiddlewaretoken"`]. */
  fieldName?: string;
  /** Bodies over this many bytes are not parsed [1 MiB]. */
  maxFormBytes?: number;
}

/**
 * The CSRF token a request carries: the header if present and non-empty, else
 * the form field of an `application/x-www-form-urlencoded` or
 * `multipart/form-data` body; undefined when neither has one. The body is read
 * from `request.clone()`, so the handler can still read it; a body over
 * `maxFormBytes` (or unreadable) counts as carrying no token. Never throws.
 * @example
 * const token = await readRequestCsrfToken(request, { headerName: "X-CSRFToken" });
 */
export async function readRequestCsrfToken(request: Request, options: RequestCsrfTokenOptions = {}): Promise<string | undefined> {
  const header = request.headers.get(options.headerName ?? DEFAULT_CSRF_HEADER_NAME);
  if (header) return header;
  const type = (request.headers.get("content-type") ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return undefined;
  const limit = options.maxFormBytes ?? MAX_CSRF_FORM_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!request.body || request.bodyUsed || declared > limit) return undefined;
  try {
    const bytes = await readBounded(request.clone().body!, limit);
    if (!bytes) return undefined;
    const field = options.fieldName ?? DEFAULT_CSRF_FIELD_NAME;
    if (type === "application/x-www-form-urlencoded") {
      return new URLSearchParams(new TextDecoder().decode(bytes)).get(field) || undefined;
    }
    // The multipart parser needs the boundary: hand it the request's own Content-Type.
    const form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    const value = form.get(field);
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined; // a broken body or form carries no token; the check answers 403 (Django: OSError → no token)
  }
}

/** The whole stream, or null once it passes `limit` bytes (then the rest is not read). */
async function readBounded(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Cancels only the clone's branch of the tee, so the handler's body is intact. Not awaited:
      // a tee branch's cancel settles only once the other branch is cancelled too (WHATWG Streams).
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

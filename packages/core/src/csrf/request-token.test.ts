import { describe, expect, test } from "vitest";
import { readRequestCsrfToken } from "./request-token.ts";

const URL_ = "https://shop.example/cart";
const TOKEN = "t".repeat(64);

const post = (body: BodyInit | null, headers: Record<string, string> = {}): Request =>
  new Request(URL_, { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

describe("readRequestCsrfToken", () => {
  test("the X-CSRFToken header, or a configured one", async () => {
    expect(await readRequestCsrfToken(post(null, { "X-CSRFToken": TOKEN }))).toBe(TOKEN);
    expect(await readRequestCsrfToken(post(null, { "x-csrftoken": TOKEN }))).toBe(TOKEN);
    expect(await readRequestCsrfToken(post(null, { "X-XSRF-Token": TOKEN }), { headerName: "X-XSRF-Token" })).toBe(TOKEN);
    expect(await readRequestCsrfToken(post(null, { "X-CSRFToken": TOKEN }), { headerName: "X-XSRF-Token" })).toBeUndefined();
  });

  test("the csrfmiddlewaretoken field of an urlencoded form; the handler still reads the body", async () => {
    const request = post(new URLSearchParams({ item: "tea", csrfmiddlewaretoken: TOKEN }));
    expect(await readRequestCsrfToken(request)).toBe(TOKEN);
    expect(Object.fromEntries(await request.formData())).toEqual({ item: "tea", csrfmiddlewaretoken: TOKEN });
  });

  test("the field of a multipart form (with a file); the handler still reads the body", async () => {
    const form = new FormData();
    form.set("note", "hello");
    form.set("upload", new Blob(["file bytes"]), "a.txt");
    form.set("csrfmiddlewaretoken", TOKEN);
    const request = post(form);
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await readRequestCsrfToken(request)).toBe(TOKEN);
    const again = await request.formData();
    expect(again.get("note")).toBe("hello");
    expect(await (again.get("upload") as Blob).text()).toBe("file bytes");
  });

  test("a configured field name; a file under the field's name is no token", async () => {
    expect(await readRequestCsrfToken(post(new URLSearchParams({ _csrf: TOKEN })), { fieldName: "_csrf" })).toBe(TOKEN);
    const form = new FormData();
    form.set("csrfmiddlewaretoken", new Blob([TOKEN]), "token.txt");
    expect(await readRequestCsrfToken(post(form))).toBeUndefined();
  });

  test("the header wins over the form field; an empty header falls back to the form", async () => {
    const body = new URLSearchParams({ csrfmiddlewaretoken: "from-form" });
    expect(await readRequestCsrfToken(post(body, { "X-CSRFToken": "from-header" }))).toBe("from-header");
    expect(await readRequestCsrfToken(post(new URLSearchParams({ csrfmiddlewaretoken: "from-form" }), { "X-CSRFToken": "" }))).toBe(
      "from-form",
    );
  });

  test("JSON, text and bodiless requests carry no token; nor does an empty field", async () => {
    expect(
      await readRequestCsrfToken(post(JSON.stringify({ csrfmiddlewaretoken: TOKEN }), { "content-type": "application/json" })),
    ).toBeUndefined();
    expect(await readRequestCsrfToken(post(`csrfmiddlewaretoken=${TOKEN}`, { "content-type": "text/plain" }))).toBeUndefined();
    expect(await readRequestCsrfToken(post(null))).toBeUndefined();
    expect(await readRequestCsrfToken(post(new URLSearchParams({ csrfmiddlewaretoken: "" })))).toBeUndefined();
  });

  test("a Content-Type with parameters and odd case still counts as a form", async () => {
    const request = post(`csrfmiddlewaretoken=${TOKEN}`, { "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8" });
    expect(await readRequestCsrfToken(request)).toBe(TOKEN);
  });

  test("a form over the limit is not parsed (token missing), by Content-Length or by what the stream delivers", async () => {
    const big = `csrfmiddlewaretoken=${TOKEN}&pad=${"x".repeat(2000)}`;
    expect(
      await readRequestCsrfToken(post(big, { "content-type": "application/x-www-form-urlencoded" }), { maxFormBytes: 1000 }),
    ).toBeUndefined();
    expect(await readRequestCsrfToken(post(big, { "content-type": "application/x-www-form-urlencoded" }), { maxFormBytes: 4000 })).toBe(
      TOKEN,
    );
    // A streamed body has no Content-Length: the reader stops once the limit is passed, and the handler still gets all of it.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.slice(i, i + 100));
        controller.close();
      },
    });
    const request = post(stream, { "content-type": "application/x-www-form-urlencoded" });
    expect(await readRequestCsrfToken(request, { maxFormBytes: 1000 })).toBeUndefined();
    expect(await request.text()).toBe(big);
  });

  test("the default limit is 1 MiB", async () => {
    const big = `csrfmiddlewaretoken=${TOKEN}&pad=${"x".repeat(1024 * 1024)}`;
    expect(await readRequestCsrfToken(post(big, { "content-type": "application/x-www-form-urlencoded" }))).toBeUndefined();
  });

  test("a body already read, or a broken multipart body, is no token and no exception", async () => {
    const used = post(new URLSearchParams({ csrfmiddlewaretoken: TOKEN }));
    await used.text();
    expect(await readRequestCsrfToken(used)).toBeUndefined();
    const broken = post("--x\r\nnot a part", { "content-type": "multipart/form-data; boundary=x" });
    expect(await readRequestCsrfToken(broken)).toBeUndefined();
  });
});

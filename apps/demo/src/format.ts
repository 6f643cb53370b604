/** Remember me: 30 days (Max-Age=2592000); otherwise the cookie ends with the browser. Used by the login and the page. */
export const REMEMBER_SECONDS = 30 * 24 * 60 * 60;

/** "a1b2c3d4…" — enough to tell sessions apart on screen without showing a usable id. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** 2592000 → "30 days"; 5400 → "1 hour 30 minutes"; 42 → "42 seconds". */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return "now";
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  const parts: string[] = [];
  let rest = Math.floor(seconds);
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    if (count === 0) continue;
    parts.push(`${count} ${name}${count === 1 ? "" : "s"}`);
    rest -= count * size;
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** "Wed, 01 Apr 2026 12:00:00 GMT" — the format the cookie's Expires attribute uses. */
export function formatDate(date: Date): string {
  return date.toUTCString();
}

/** µs with a precision that suits its size: 0.42, 4.2, 42, 4200. */
export function us(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function signedUs(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  return value >= 0 ? `+${us(value)}` : us(value);
}

/** Requests per second, with thousands separators. */
export function rate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return Math.round(value).toLocaleString("en-US");
}

export function bytes(value: number | undefined): string {
  if (value === undefined) return "–";
  return `${value.toLocaleString("en-US")} B (${(value / 1024).toFixed(2)} KB)`;
}

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

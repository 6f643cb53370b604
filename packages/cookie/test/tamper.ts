const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Test helper: every variant of `value` with one character changed — the
 * lowest bit of a base64url character flipped (which a lenient decoder may
 * ignore in the last character), a far-away character, and separators swapped.
 */
export function singleCharacterEdits(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const index = B64URL.indexOf(c);
    const replacements = index >= 0 ? [B64URL[index ^ 1]!, B64URL[index ^ 32]!] : [c === "." ? ":" : "."];
    for (const r of replacements) out.push(value.slice(0, i) + r + value.slice(i + 1));
  }
  return out;
}

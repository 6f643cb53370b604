const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `count` random 16-character codes (the big cart): random text does not compress, so it shows real size. */
export function newGiftCards(count: number): string[] {
  const bytes = crypto.getRandomValues(new Uint8Array(count * 16));
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    let code = "";
    // A byte modulo 62 is slightly uneven: fine for demo codes, which guard nothing.
    for (let j = 0; j < 16; j++) code += ALPHABET[(bytes[i * 16 + j] ?? 0) % 62];
    codes.push(code);
  }
  return codes;
}

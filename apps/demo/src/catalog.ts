/** The shop's short list: what the cart form offers. Prices in cents. */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly emoji: string;
  readonly cents: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: "espresso", name: "Espresso", emoji: "☕", cents: 250 },
  { id: "croissant", name: "Croissant", emoji: "🥐", cents: 320 },
  { id: "apple", name: "Apple", emoji: "🍎", cents: 90 },
  { id: "pretzel", name: "Pretzel", emoji: "🥨", cents: 280 },
];

/** The product with this id, or undefined for anything a form should not send. */
export function findProduct(id: unknown): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

/** "€3.20" */
export function formatPrice(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

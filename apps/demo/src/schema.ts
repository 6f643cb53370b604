import { z } from "zod";

/** At most this many gift cards: the big cart stays within the cookie store's 4 chunks (~16 KB). */
export const MAX_GIFT_CARDS = 400;

/**
 * What the demo keeps in a session, checked by the engine on every `set` and on every
 * read of stored data (docs/design.md, "Validated data"): a cookie or record from an
 * older deploy with another shape opens an empty session instead of crashing a page.
 * Every key is optional because a new session has none of them. `notice` is only ever
 * set with `flash`.
 */
export const demoSchema = z.object({
  visits: z.number().int().nonnegative().optional(),
  /** Product id → quantity. */
  cart: z.record(z.string(), z.number().int().positive()).optional(),
  /** The big cart's gift-card codes: random, so they do not compress, and the session outgrows one cookie. */
  giftCards: z
    .array(z.string().regex(/^[A-Za-z0-9]{16}$/))
    .max(MAX_GIFT_CARDS)
    .optional(),
  user: z.string().min(1).max(32).optional(),
  notice: z.string().optional(),
});

/** The session's data type, inferred from the schema. */
export type DemoData = z.infer<typeof demoSchema>;

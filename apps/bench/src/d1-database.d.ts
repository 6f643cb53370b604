// d1Store's source names Workers' global D1Database type; the bench runs it from Node through
// Miniflare, whose D1 binding has that type, so the bench's typecheck borrows Miniflare's.
type D1Database = import("miniflare").D1Database;

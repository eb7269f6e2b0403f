-- Hand-written: drizzle-kit creates no extensions. pg_trgm gives the trigram GIN indexes of migration 0011 (in
-- schema.ts), which serve the lists' unanchored `search=` (ILIKE '%text%'). PGlite loads the extension's own
-- bundle, which src/db/client.ts passes it (PGLITE_EXTENSIONS).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

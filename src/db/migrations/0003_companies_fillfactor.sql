-- Leave more than half of each page free, so that a scheduled job rewriting every company's debt can put each
-- new row version on its own page (a HOT update) instead of touching every index. Applies to pages written from
-- now on; on an existing large table run `VACUUM FULL companies` once in a quiet hour to repack it.
ALTER TABLE "companies" SET (fillfactor = 45);

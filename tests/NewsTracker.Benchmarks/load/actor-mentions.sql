-- Actor mentions for the load test's generated corpus (which has none), run with sqlite3 on a copy of its database
-- before the app migrates it (the migration that adds the kept actor counts backfills them from these rows; on an
-- already migrated copy run `recount` afterwards). Three actors, mentioned twice in every 4th article (25 000 articles
-- at 100 000), once in every 40th (2 500) and once in every 4 000th (25); approved, placed on each article's current
-- version at its first characters. See load/actors.sh.
BEGIN;
INSERT INTO "Actors" ("Name", "NormalizedName", "Kind", "CreatedUtc", "UpdatedUtc", "ConcurrencyStamp")
VALUES ('Load Popular', 'load popular', 'Person', '2026-01-01 00:00:00', '2026-01-01 00:00:00', lower(hex(randomblob(16)))),
       ('Load Middling', 'load middling', 'Organisation', '2026-01-01 00:00:00', '2026-01-01 00:00:00', lower(hex(randomblob(16)))),
       ('Load Rare', 'load rare', 'Country', '2026-01-01 00:00:00', '2026-01-01 00:00:00', lower(hex(randomblob(16))));
WITH every(name, step, copies) AS (VALUES ('Load Popular', 4, 2), ('Load Middling', 40, 1), ('Load Rare', 4000, 1)),
     copy(n) AS (VALUES (0), (1))
INSERT INTO "Annotations" ("ArticleId", "VersionId", "Kind", "Start", "End", "Exact", "Prefix", "Suffix", "ActorId", "Status",
                           "IsOrphaned", "CreatedUtc", "UpdatedUtc", "ConcurrencyStamp")
SELECT a."Id", v."Id", 'ActorMention', copy.n * 12, copy.n * 12 + 10, substr(v."PlainText", copy.n * 12 + 1, 10),
       substr(v."PlainText", 1, copy.n * 12), substr(v."PlainText", copy.n * 12 + 11, 32), ac."Id", 'Approved',
       0, a."CreatedUtc", a."CreatedUtc", lower(hex(randomblob(16)))
FROM every
JOIN "Actors" AS ac ON ac."Name" = every.name
JOIN copy ON copy.n < every.copies
JOIN "Articles" AS a ON a."Id" % every.step = 0
JOIN "ArticleVersions" AS v ON v."ArticleId" = a."Id" AND v."Number" = a."CurrentVersion";
COMMIT;

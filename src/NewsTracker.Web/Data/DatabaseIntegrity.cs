using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Web.Data;

/// <summary>One named check of <see cref="DatabaseIntegrity"/>: whether it passed and what it found.</summary>
public sealed record IntegrityCheck(string Name, bool Passed, string Detail);

/// <summary>Every check of one run of <see cref="DatabaseIntegrity"/>, in the order they ran.</summary>
public sealed record IntegrityReport(IReadOnlyList<IntegrityCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>
/// What to run on a SQLite database after a crash (the <c>check</c> command, the crash tests): SQLite's own page
/// and index checks, foreign keys, and the invariants the app relies on but no constraint states: an article is
/// stored with its current version and that version's blocks in one transaction, and a tag with its audit entry in one transaction, so after any crash
/// either all of them are there or none is. A failure names the rows, so a person can see what was cut short.
/// </summary>
public static class DatabaseIntegrity
{
    /// <summary>Offending rows named in a failed check's detail; the rest are counted.</summary>
    private const int ListedRows = 10;

    /// <summary>The row types that are audited and carry an int key; each must have its "Created" entry.</summary>
    private static readonly string[] AuditedTables = ["Annotation", "Claim", "Actor", "Source"];

    public static async Task<IntegrityReport> CheckAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CheckAsync((SqliteConnection)db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs every check on an open connection. SQLite's own checks run first, on their own;
    /// the app's invariants then read one snapshot (a deferred read transaction), so a write that commits while
    /// they run cannot look like a half-written row.</summary>
    public static async Task<IntegrityReport> CheckAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var checks = new List<IntegrityCheck>
        {
            await SqliteIntegrityAsync(connection, cancellationToken),
            await ForeignKeysAsync(connection, cancellationToken),
        };

        // Microsoft.Data.Sqlite has no asynchronous form of a deferred BEGIN; it takes no lock, so it cannot wait.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        var reader = new Snapshot(connection, snapshot);
        checks.Add(await CurrentVersionsAsync(reader, cancellationToken));
        checks.AddRange(await TextsAsync(reader, cancellationToken));
        checks.Add(await TagReferencesAsync(reader, cancellationToken));
        checks.Add(await AuditAsync(reader, cancellationToken));
        await snapshot.RollbackAsync(cancellationToken);
        return new IntegrityReport(checks);
    }

    private static async Task<IntegrityCheck> SqliteIntegrityAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        const string Name = "SQLite integrity_check";
        var messages = await new Snapshot(connection, null).TextsAsync("PRAGMA integrity_check", cancellationToken);
        return messages is ["ok"]
            ? new IntegrityCheck(Name, true, "pages, indexes and constraints are sound")
            : new IntegrityCheck(Name, false, List(messages, "problem"));
    }

    private static async Task<IntegrityCheck> ForeignKeysAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        const string Name = "Foreign keys";
        var broken = await new Snapshot(connection, null).TextsAsync(
            """SELECT "table" || ' row ' || coalesce(rowid, '?') || ' → ' || parent FROM pragma_foreign_key_check""", cancellationToken);
        return broken.Count == 0
            ? new IntegrityCheck(Name, true, "every reference leads to an existing row")
            : new IntegrityCheck(Name, false, List(broken, "row points", "rows point", " at nothing"));
    }

    private static async Task<IntegrityCheck> CurrentVersionsAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        const string Name = "Articles have their current version";
        var articles = await snapshot.ScalarAsync("""SELECT count(*) FROM "Articles" """, cancellationToken);
        var broken = await snapshot.TextsAsync(
            """
            SELECT 'article ' || a."Id" || (CASE WHEN cur."Id" IS NULL THEN ' lacks version ' || a."CurrentVersion" ELSE ' has versions after ' || a."CurrentVersion" END)
            FROM "Articles" AS a LEFT JOIN "ArticleVersions" AS cur ON cur."ArticleId" = a."Id" AND cur."Number" = a."CurrentVersion"
            WHERE cur."Id" IS NULL OR EXISTS (SELECT 1 FROM "ArticleVersions" AS v WHERE v."ArticleId" = a."Id" AND v."Number" > a."CurrentVersion")
            ORDER BY a."Id"
            """,
            cancellationToken);
        return broken.Count == 0
            ? new IntegrityCheck(Name, true, Count(articles, "article"))
            : new IntegrityCheck(Name, false, List(broken, "article is", "articles are", " half-stored"));
    }

    /// <summary>One pass over every version's text, merged with its blocks and with the annotations that index
    /// into it (all three read in version order), so each text is read once however many rows point into it.</summary>
    private static async Task<IntegrityCheck[]> TextsAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var badBlocks = new List<string>();
        var badAnchors = new List<string>();
        var versions = 0;
        var annotations = 0;

        await using var versionQuery = snapshot.Command("""SELECT "Id", "PlainText" FROM "ArticleVersions" ORDER BY "Id" """);
        await using var blockQuery = snapshot.Command("""SELECT "VersionId", "Start", "Text" FROM "ArticleBlocks" ORDER BY "VersionId", "Ordinal" """);
        await using var annotationQuery = snapshot.Command("""SELECT "VersionId", "Id", "Start", "End", "Exact" FROM "Annotations" ORDER BY "VersionId", "Id" """);
        await using var versionRows = await versionQuery.ExecuteReaderAsync(cancellationToken);
        await using var blockRows = await blockQuery.ExecuteReaderAsync(cancellationToken);
        await using var annotationRows = await annotationQuery.ExecuteReaderAsync(cancellationToken);
        var blocks = new Ahead(blockRows);
        var anchors = new Ahead(annotationRows);
        await blocks.MoveAsync(cancellationToken);
        await anchors.MoveAsync(cancellationToken);

        while (await versionRows.ReadAsync(cancellationToken))
        {
            versions++;
            var versionId = versionRows.GetInt32(0);
            var text = versionRows.GetString(1);

            // Rows of versions that do not exist sort before this one; they are the foreign-key check's to report.
            await blocks.SkipBeforeAsync(versionId, cancellationToken);
            await anchors.SkipBeforeAsync(versionId, cancellationToken);

            var covered = 0;
            var blockCount = 0;
            string? problem = null;
            while (blocks.Current(versionId) is { } block)
            {
                var start = block.GetInt32(1);
                var blockText = block.GetString(2);
                var expected = blockCount == 0 ? 0 : covered + ParsedArticle.BlockSeparator.Length;
                if (problem is null && (start != expected || start + blockText.Length > text.Length || string.CompareOrdinal(text, start, blockText, 0, blockText.Length) != 0))
                {
                    problem = $"version {versionId}: block {blockCount} does not match the text at offset {expected}";
                }

                covered = start + blockText.Length;
                blockCount++;
                await blocks.MoveAsync(cancellationToken);
            }

            if (problem is null && covered != text.Length)
            {
                problem = blockCount == 0
                    ? $"version {versionId} has no blocks"
                    : $"version {versionId}: blocks cover {covered} of {text.Length} characters";
            }

            if (problem is not null)
            {
                badBlocks.Add(problem);
            }

            while (anchors.Current(versionId) is { } anchor)
            {
                annotations++;
                var (id, start, end, exact) = (anchor.GetInt32(1), anchor.GetInt32(2), anchor.GetInt32(3), anchor.GetString(4));
                if (end > text.Length || end - start != exact.Length || string.CompareOrdinal(text, start, exact, 0, exact.Length) != 0)
                {
                    badAnchors.Add($"annotation {id} ([{start}, {end}) of version {versionId})");
                }

                await anchors.MoveAsync(cancellationToken);
            }
        }

        return
        [
            badBlocks.Count == 0
                ? new IntegrityCheck("Versions' blocks cover their text", true, Count(versions, "version"))
                : new IntegrityCheck("Versions' blocks cover their text", false, List(badBlocks, "version is", "versions are", " not covered by its blocks")),
            badAnchors.Count == 0
                ? new IntegrityCheck("Annotations quote their version's text", true, Count(annotations, "annotation"))
                : new IntegrityCheck("Annotations quote their version's text", false, List(badAnchors, "annotation does", "annotations do", " not quote the text its offsets point at")),
        ];
    }

    /// <summary>An annotation's version belongs to its article, and it points at exactly the one actor, source or
    /// claim its kind says, which exists; claims' claimants and sources and merged actors lead somewhere too.</summary>
    private static async Task<IntegrityCheck> TagReferencesAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        const string Name = "Tags point at existing rows";
        var broken = await snapshot.TextsAsync(
            """
            SELECT 'annotation ' || an."Id" || CASE
                WHEN ar."Id" IS NULL THEN ': article ' || an."ArticleId" || ' is missing'
                WHEN v."Id" IS NULL THEN ': version ' || an."VersionId" || ' is missing'
                WHEN v."ArticleId" <> an."ArticleId" THEN ': version ' || v."Id" || ' is of article ' || v."ArticleId"
                WHEN (an."ActorId" IS NOT NULL) + (an."SourceId" IS NOT NULL) + (an."ClaimId" IS NOT NULL) <> 1 THEN ': not exactly one target'
                WHEN an."Kind" = 'ActorMention' AND act."Id" IS NULL THEN ': actor ' || coalesce(an."ActorId", 'none') || ' is missing'
                WHEN an."Kind" = 'Source' AND src."Id" IS NULL THEN ': source ' || coalesce(an."SourceId", 'none') || ' is missing'
                WHEN an."Kind" = 'Claim' AND cl."Id" IS NULL THEN ': claim ' || coalesce(an."ClaimId", 'none') || ' is missing'
                ELSE ': unknown kind ' || an."Kind" END
            FROM "Annotations" AS an
            LEFT JOIN "Articles" AS ar ON ar."Id" = an."ArticleId"
            LEFT JOIN "ArticleVersions" AS v ON v."Id" = an."VersionId"
            LEFT JOIN "Actors" AS act ON act."Id" = an."ActorId"
            LEFT JOIN "Sources" AS src ON src."Id" = an."SourceId"
            LEFT JOIN "Claims" AS cl ON cl."Id" = an."ClaimId"
            WHERE ar."Id" IS NULL OR v."Id" IS NULL OR v."ArticleId" <> an."ArticleId"
                OR (an."ActorId" IS NOT NULL) + (an."SourceId" IS NOT NULL) + (an."ClaimId" IS NOT NULL) <> 1
                OR NOT ((an."Kind" = 'ActorMention' AND act."Id" IS NOT NULL) OR (an."Kind" = 'Source' AND src."Id" IS NOT NULL) OR (an."Kind" = 'Claim' AND cl."Id" IS NOT NULL))
            UNION ALL
            SELECT 'claim ' || c."Id" || ': claimant ' || c."ClaimantId" || ' is missing' FROM "Claims" AS c
            WHERE c."ClaimantId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Actors" AS a WHERE a."Id" = c."ClaimantId")
            UNION ALL
            SELECT 'claim ' || cs."ClaimId" || ': source ' || cs."SourceId" || ' or the claim is missing' FROM "ClaimSources" AS cs
            WHERE NOT EXISTS (SELECT 1 FROM "Claims" AS c WHERE c."Id" = cs."ClaimId") OR NOT EXISTS (SELECT 1 FROM "Sources" AS s WHERE s."Id" = cs."SourceId")
            UNION ALL
            SELECT 'actor ' || a."Id" || ': merged into missing actor ' || a."MergedIntoId" FROM "Actors" AS a
            WHERE a."MergedIntoId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Actors" AS m WHERE m."Id" = a."MergedIntoId")
            """,
            cancellationToken);
        var annotations = await snapshot.ScalarAsync("""SELECT count(*) FROM "Annotations" """, cancellationToken);
        return broken.Count == 0
            ? new IntegrityCheck(Name, true, Count(annotations, "annotation") + " and their actors, sources and claims")
            : new IntegrityCheck(Name, false, List(broken, "orphaned reference", "orphaned references"));
    }

    /// <summary>A tagging row and its "Created" audit entry are saved in one transaction (see
    /// the application layer's AuditLog), so a row without one was written around the log or cut short.</summary>
    private static async Task<IntegrityCheck> AuditAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        const string Name = "Tagging rows have their audit entries";
        var broken = new List<string>();
        var rows = 0;
        foreach (var type in AuditedTables)
        {
            rows += await snapshot.ScalarAsync($"""SELECT count(*) FROM "{type}s" """, cancellationToken);
            broken.AddRange(await snapshot.TextsAsync(
                $"""
                SELECT '{type.ToLowerInvariant()} ' || t."Id" FROM "{type}s" AS t
                WHERE NOT EXISTS (SELECT 1 FROM "AuditEntries" AS e WHERE e."EntityType" = '{type}' AND e."EntityKey" = CAST(t."Id" AS TEXT) AND e."Action" = 'Created')
                ORDER BY t."Id"
                """,
                cancellationToken));
        }

        return broken.Count == 0
            ? new IntegrityCheck(Name, true, Count(rows, "annotation, claim, actor and source row", "annotation, claim, actor and source rows"))
            : new IntegrityCheck(Name, false, List(broken, "row has", "rows have", " no \"Created\" audit entry"));
    }

    private static string Count(int count, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many ?? one + "s")}");

    /// <summary>"3 articles are half-stored: article 4 …; article 9 …", naming at most <see cref="ListedRows"/>.</summary>
    private static string List(List<string> items, string one, string? many = null, string suffix = "")
    {
        var listed = string.Join("; ", items.Take(ListedRows));
        var more = items.Count > ListedRows ? string.Create(CultureInfo.InvariantCulture, $"; and {items.Count - ListedRows} more") : string.Empty;
        return $"{Count(items.Count, one, many)}{suffix}: {listed}{more}";
    }

    /// <summary>Commands on one connection, in the snapshot transaction when there is one (Microsoft.Data.Sqlite
    /// requires every command to name the connection's open transaction).</summary>
    private sealed class Snapshot(SqliteConnection connection, SqliteTransaction? transaction)
    {
        public SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        public async Task<List<string>> TextsAsync(string sql, CancellationToken cancellationToken)
        {
            var texts = new List<string>();
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                texts.Add(reader.IsDBNull(0) ? string.Empty : reader.GetString(0));
            }

            return texts;
        }

        public async Task<int> ScalarAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = Command(sql);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A reader ordered by version id (its first column), read one row ahead so rows can be matched to
    /// the version being checked.</summary>
    private sealed class Ahead(DbDataReader reader)
    {
        private bool _hasRow;

        public async Task MoveAsync(CancellationToken cancellationToken) => _hasRow = await reader.ReadAsync(cancellationToken);

        public async Task SkipBeforeAsync(int versionId, CancellationToken cancellationToken)
        {
            while (_hasRow && reader.GetInt32(0) < versionId)
            {
                await MoveAsync(cancellationToken);
            }
        }

        /// <summary>The reader on the current row when that row belongs to <paramref name="versionId"/>.</summary>
        public DbDataReader? Current(int versionId) => _hasRow && reader.GetInt32(0) == versionId ? reader : null;
    }
}

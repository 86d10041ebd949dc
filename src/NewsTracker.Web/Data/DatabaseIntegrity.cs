using System.Data;
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
/// What to run on a database after a crash or a restore (the <c>check</c> command, the crash tests). On SQLite:
/// SQLite's own page and index checks and foreign keys (PostgreSQL enforces foreign keys and checks its own pages with
/// pg_amcheck). On both, the same invariants the app relies on but no constraint states: an article is stored with its
/// current version and that version's blocks in one transaction, and a tag with its audit entry in one transaction, so after any crash
/// either all of them are there or none is. A failure names the rows, so a person can see what was cut short.
/// </summary>
public static class DatabaseIntegrity
{
    /// <summary>Offending rows named in a failed check's detail; the rest are counted.</summary>
    private const int ListedRows = 10;

    /// <summary>The row types that are audited and carry an int key; each must have its "Created" entry.</summary>
    private static readonly string[] AuditedTables = ["Annotation", "Claim", "Actor", "Source"];

    /// <summary>Versions whose texts are checked together: their blocks and annotations are read one query after
    /// another (Npgsql reads one result at a time on a connection), so this bounds the texts held in memory.</summary>
    private const int VersionBatch = 100;

    public static async Task<IntegrityReport> CheckAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CheckAsync(db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs every check on an open SQLite or PostgreSQL connection. SQLite's own checks run
    /// first, on their own; the app's invariants then read one snapshot (a deferred read transaction on SQLite,
    /// REPEATABLE READ on PostgreSQL), so a write that commits while they run cannot look like a half-written row.</summary>
    public static async Task<IntegrityReport> CheckAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var checks = new List<IntegrityCheck>();
        var sqlite = connection as SqliteConnection;
        if (sqlite is not null)
        {
            checks.Add(await SqliteIntegrityAsync(sqlite, cancellationToken));
            checks.Add(await ForeignKeysAsync(sqlite, cancellationToken));
        }

        // Microsoft.Data.Sqlite has no asynchronous form of a deferred BEGIN; it takes no lock, so it cannot wait.
        await using var snapshot = sqlite is not null
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
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

    /// <summary>Every version's text against its blocks and the annotations that index into it, a batch of versions
    /// at a time in id order (each query read to its end before the next, as PostgreSQL's driver requires), so each
    /// text is read once however many rows point into it. Rows of versions that do not exist are the foreign-key
    /// check's to report.</summary>
    private static async Task<IntegrityCheck[]> TextsAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var badBlocks = new List<string>();
        var badAnchors = new List<string>();
        var versions = 0;
        var annotations = 0;

        for (var after = 0; ;)
        {
            var texts = await snapshot.RowsAsync(
                """SELECT "Id", "PlainText" FROM "ArticleVersions" WHERE "Id" > @after ORDER BY "Id" LIMIT @batch""",
                r => (Id: r.GetInt32(0), Text: r.GetString(1)),
                cancellationToken,
                ("after", after),
                ("batch", VersionBatch));
            if (texts.Count == 0)
            {
                break;
            }

            var (first, last) = (texts[0].Id, texts[^1].Id);
            var blocksOf = (await snapshot.RowsAsync(
                    """SELECT "VersionId", "Start", "Text" FROM "ArticleBlocks" WHERE "VersionId" BETWEEN @first AND @last ORDER BY "VersionId", "Ordinal" """,
                    r => (VersionId: r.GetInt32(0), Start: r.GetInt32(1), Text: r.GetString(2)),
                    cancellationToken,
                    ("first", first),
                    ("last", last)))
                .ToLookup(b => b.VersionId);
            var anchorsOf = (await snapshot.RowsAsync(
                    """SELECT "VersionId", "Id", "Start", "End", "Exact" FROM "Annotations" WHERE "VersionId" BETWEEN @first AND @last ORDER BY "VersionId", "Id" """,
                    r => (VersionId: r.GetInt32(0), Id: r.GetInt32(1), Start: r.GetInt32(2), End: r.GetInt32(3), Exact: r.GetString(4)),
                    cancellationToken,
                    ("first", first),
                    ("last", last)))
                .ToLookup(a => a.VersionId);

            foreach (var (versionId, text) in texts)
            {
                versions++;
                if (BlocksProblem(versionId, text, blocksOf[versionId].Select(b => (b.Start, b.Text))) is { } problem)
                {
                    badBlocks.Add(problem);
                }

                foreach (var (_, id, start, end, exact) in anchorsOf[versionId])
                {
                    annotations++;
                    if (end > text.Length || end - start != exact.Length || string.CompareOrdinal(text, start, exact, 0, exact.Length) != 0)
                    {
                        badAnchors.Add($"annotation {id} ([{start}, {end}) of version {versionId})");
                    }
                }
            }

            after = last;
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

    /// <summary>What is wrong with a version's blocks (in order), or null when they cover its text exactly.</summary>
    private static string? BlocksProblem(int versionId, string text, IEnumerable<(int Start, string Text)> blocks)
    {
        var covered = 0;
        var count = 0;
        foreach (var (start, blockText) in blocks)
        {
            var expected = count == 0 ? 0 : covered + ParsedArticle.BlockSeparator.Length;
            if (start != expected || start + blockText.Length > text.Length || string.CompareOrdinal(text, start, blockText, 0, blockText.Length) != 0)
            {
                return $"version {versionId}: block {count} does not match the text at offset {expected}";
            }

            covered = start + blockText.Length;
            count++;
        }

        return covered == text.Length ? null
            : count == 0 ? $"version {versionId} has no blocks"
            : $"version {versionId}: blocks cover {covered} of {text.Length} characters";
    }

    /// <summary>An annotation's version belongs to its article, and it points at exactly the one actor, source or
    /// claim its kind says, which exists; claims' claimants and sources and merged actors lead somewhere too.</summary>
    private static async Task<IntegrityCheck> TagReferencesAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        const string Name = "Tags point at existing rows";

        // How many targets a tag names, written so both providers read it (PostgreSQL does not add booleans).
        const string TargetCount = """(CASE WHEN an."ActorId" IS NULL THEN 0 ELSE 1 END + CASE WHEN an."SourceId" IS NULL THEN 0 ELSE 1 END + CASE WHEN an."ClaimId" IS NULL THEN 0 ELSE 1 END)""";
        var broken = await snapshot.TextsAsync(
            $"""
            SELECT 'annotation ' || an."Id" || CASE
                WHEN ar."Id" IS NULL THEN ': article ' || an."ArticleId" || ' is missing'
                WHEN v."Id" IS NULL THEN ': version ' || an."VersionId" || ' is missing'
                WHEN v."ArticleId" <> an."ArticleId" THEN ': version ' || v."Id" || ' is of article ' || v."ArticleId"
                WHEN {TargetCount} <> 1 THEN ': not exactly one target'
                WHEN an."Kind" = 'ActorMention' AND act."Id" IS NULL THEN ': actor ' || coalesce(CAST(an."ActorId" AS TEXT), 'none') || ' is missing'
                WHEN an."Kind" = 'Source' AND src."Id" IS NULL THEN ': source ' || coalesce(CAST(an."SourceId" AS TEXT), 'none') || ' is missing'
                WHEN an."Kind" = 'Claim' AND cl."Id" IS NULL THEN ': claim ' || coalesce(CAST(an."ClaimId" AS TEXT), 'none') || ' is missing'
                ELSE ': unknown kind ' || an."Kind" END
            FROM "Annotations" AS an
            LEFT JOIN "Articles" AS ar ON ar."Id" = an."ArticleId"
            LEFT JOIN "ArticleVersions" AS v ON v."Id" = an."VersionId"
            LEFT JOIN "Actors" AS act ON act."Id" = an."ActorId"
            LEFT JOIN "Sources" AS src ON src."Id" = an."SourceId"
            LEFT JOIN "Claims" AS cl ON cl."Id" = an."ClaimId"
            WHERE ar."Id" IS NULL OR v."Id" IS NULL OR v."ArticleId" <> an."ArticleId"
                OR {TargetCount} <> 1
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
    /// requires every command to name the connection's open transaction), each read to its end before the next.</summary>
    private sealed class Snapshot(DbConnection connection, DbTransaction? transaction)
    {
        public async Task<List<T>> RowsAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, int Value)[] parameters)
        {
            var rows = new List<T>();
            await using var command = Command(sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        public Task<List<string>> TextsAsync(string sql, CancellationToken cancellationToken) =>
            RowsAsync(sql, r => r.IsDBNull(0) ? string.Empty : r.GetString(0), cancellationToken);

        public async Task<int> ScalarAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = Command(sql, []);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        private DbCommand Command(string sql, (string Name, int Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return command;
        }
    }
}

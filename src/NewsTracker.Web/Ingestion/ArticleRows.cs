using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Writes a version's many small rows (body blocks, near-duplicate keys, event keys, term counts) as multi-row INSERTs on the
/// context's connection and transaction. Tracking a few dozen entities per article is where EF Core
/// spends most of an import's time; these rows are written once and never updated, so they need none
/// of it. Plain parameterised SQL that SQLite and PostgreSQL both accept.
/// </summary>
internal static class ArticleRows
{
    /// <summary>Rows per statement: well under SQLite's 32 766 parameters at five columns a row.</summary>
    private const int RowsPerStatement = 400;

    /// <summary>The body blocks of several versions (a batch's), in as few statements as the row limit allows.</summary>
    public static async Task InsertBlocksAsync(NewsTrackerDbContext db, IEnumerable<(int VersionId, IReadOnlyList<ParsedBlock> Blocks)> versions, CancellationToken cancellationToken)
    {
        var rows = new List<object[]>();
        foreach (var (versionId, blocks) in versions)
        {
            var offset = 0;
            for (var i = 0; i < blocks.Count; i++)
            {
                rows.Add([versionId, i, blocks[i].Kind.ToString(), blocks[i].Text, offset]);
                offset += blocks[i].Text.Length + ParsedArticle.BlockSeparator.Length;
            }
        }

        await InsertAsync(db, "ArticleBlocks", ["VersionId", "Ordinal", "Kind", "Text", "Start"], rows, cancellationToken);
    }

    public static Task InsertNearDuplicateKeysAsync(NewsTrackerDbContext db, int versionId, IEnumerable<long> keys, CancellationToken cancellationToken) =>
        InsertAsync(db, "NearDuplicateKeys", ["Key", "VersionId"], keys.Distinct().Select(key => new object[] { key, versionId }).ToList(), cancellationToken);

    /// <summary>The article's heaviest event terms with its date, for finding other reports of its event (Stories/EventStories).</summary>
    public static Task InsertEventKeysAsync(NewsTrackerDbContext db, int articleId, DateTime sortUtc, IEnumerable<string> terms, CancellationToken cancellationToken) =>
        InsertAsync(db, "EventKeys", ["Term", "ArticleId", "SortUtc"], terms.Distinct().Select(term => new object[] { term, articleId, DateTime.SpecifyKind(sortUtc, DateTimeKind.Utc) }).ToList(), cancellationToken);

    /// <summary>Counts one more article for each term, and one more in all under the empty term (corpus statistics kept as
    /// articles arrive, never by a pass over the archive).</summary>
    public static Task CountEventTermsAsync(NewsTrackerDbContext db, IEnumerable<string> terms, CancellationToken cancellationToken) =>
        CountEventTermsAsync(db, terms.Append(string.Empty).Distinct(StringComparer.Ordinal).ToDictionary(term => term, _ => 1, StringComparer.Ordinal), cancellationToken);

    /// <summary>Adds the articles counted for each term (the empty term: in all), e.g. a batch's sums, in one upsert per
    /// few hundred terms.</summary>
    public static Task CountEventTermsAsync(NewsTrackerDbContext db, IReadOnlyDictionary<string, int> articlesPerTerm, CancellationToken cancellationToken) =>
        UpsertAsync(
            db, "EventTermCounts", ["Term", "Articles"], ["Term"], "Articles",
            articlesPerTerm.Where(t => t.Value != 0).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new object[] { t.Key, t.Value }).ToList(), cancellationToken);

    /// <summary>Inserts rows whose keys are distinct, adding <paramref name="counter"/> to the row already there on a key
    /// conflict (<c>excluded</c> is the proposed row on both SQLite 3.24+ and PostgreSQL).</summary>
    public static Task UpsertAsync(NewsTrackerDbContext db, string table, string[] columns, string[] key, string counter, List<object[]> rows, CancellationToken cancellationToken) =>
        InsertAsync(
            db, table, columns, rows, cancellationToken,
            $" ON CONFLICT ({string.Join(", ", key.Select(k => $"\"{k}\""))}) DO UPDATE SET \"{counter}\" = \"{table}\".\"{counter}\" + excluded.\"{counter}\"");

    private static async Task InsertAsync(NewsTrackerDbContext db, string table, string[] columns, List<object[]> rows, CancellationToken cancellationToken, string onConflict = "")
    {
        if (rows.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Article rows are written inside the command's write transaction.");
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Statement(table, columns, count) + onConflict;
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    Add(command, $"@p{r}_{c}", rows[start + r][c]);
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Statement(string table, string[] columns, int rowCount)
    {
        var sql = new StringBuilder($"INSERT INTO \"{table}\" (");
        sql.AppendJoin(", ", columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                sql.Append(c == 0 ? string.Empty : ", ").Append("@p").Append(r).Append('_').Append(c);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Claims with their sources as CSV (<c>/api/v1/claims.csv</c>): one row per claim and source, a claim without
/// sources on one row with the source columns empty. The public gets published claims only; staff may ask for
/// any review state or all of them.
/// </summary>
public static class ClaimsCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "claim_id", "statement", "claimant", "verdict", "state", "published_utc",
        "source_id", "source_kind", "source_description", "source_actor", "appearances", "first_article_url",
    ];

    /// <summary>Claims in <paramref name="State"/>, or (staff) in every state when null.</summary>
    public sealed record Query(ReviewState? State) : IRequest<IReadOnlyList<Row>>;

    /// <summary>One claim–source pair. <paramref name="FirstArticle"/> is the id and slug of the earliest article the
    /// claim appears in (visible to the caller), if any.</summary>
    public sealed record Row(
        int ClaimId,
        string Statement,
        string? Claimant,
        string Verdict,
        ReviewState State,
        DateTime? PublishedUtc,
        int? SourceId,
        SourceKind? SourceKind,
        string? SourceDescription,
        string? SourceActor,
        int Appearances,
        (int Id, string Slug)? FirstArticle);

    public sealed class Handler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken cancellationToken)
        {
            var state = Visibility.ClaimStateFor(audit.Editor, request.State, "export");
            var claims = db.Claims.AsNoTracking().Where(c => state == null || c.State == state);
            var heads = await claims.OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Statement, Claimant = c.Claimant != null ? c.Claimant.Name : null, c.Verdict, c.State, c.PublishedUtc })
                .ToListAsync(cancellationToken);
            var sources = (await db.ClaimSources.AsNoTracking()
                    .Where(cs => claims.Any(c => c.Id == cs.ClaimId))
                    .OrderBy(cs => cs.SourceId)
                    .Select(cs => new
                    {
                        cs.ClaimId,
                        cs.SourceId,
                        cs.Source!.Kind,
                        cs.Source.Description,
                        Actor = cs.Source.Actor != null ? cs.Source.Actor.Name : null,
                    })
                    .ToListAsync(cancellationToken))
                .ToLookup(s => s.ClaimId);
            var appearances = (await (
                    from a in db.Annotations.AsNoTracking().ListedFor(audit.Editor)
                    where a.ClaimId != null && claims.Any(c => c.Id == a.ClaimId)
                    join article in db.Articles on a.ArticleId equals article.Id
                    select new { ClaimId = a.ClaimId!.Value, article.Id, article.Slug, article.SortUtc })
                    .ToListAsync(cancellationToken))
                .ToLookup(a => a.ClaimId);

            var rows = new List<Row>();
            foreach (var claim in heads)
            {
                var seen = appearances[claim.Id].ToList();
                var first = seen.OrderBy(a => a.SortUtc).ThenBy(a => a.Id).Select(a => ((int, string)?)(a.Id, a.Slug)).FirstOrDefault();
                var verdict = verdicts.Describe(claim.Verdict).Label;
                var claimSources = sources[claim.Id].ToList();
                if (claimSources.Count == 0)
                {
                    rows.Add(new Row(claim.Id, claim.Statement, claim.Claimant, verdict, claim.State, claim.PublishedUtc, null, null, null, null, seen.Count, first));
                }

                rows.AddRange(claimSources.Select(s =>
                    new Row(claim.Id, claim.Statement, claim.Claimant, verdict, claim.State, claim.PublishedUtc, s.SourceId, s.Kind, s.Description, s.Actor, seen.Count, first)));
            }

            return rows;
        }
    }

    /// <summary>Writes the header and the rows (RFC 4180, CRLF line ends, cells guarded against formula injection).</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<Row> rows, WebAnnotationLinks links, CancellationToken cancellationToken)
    {
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(Columns, cancellationToken);
        foreach (var row in rows)
        {
            await csv.WriteRowAsync(
                [
                    Number(row.ClaimId),
                    row.Statement,
                    row.Claimant,
                    row.Verdict,
                    WebAnnotationJsonLd.Word(row.State),
                    row.PublishedUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    row.SourceId is { } sourceId ? Number(sourceId) : null,
                    row.SourceKind is { } kind ? WebAnnotationJsonLd.Word(kind) : null,
                    row.SourceDescription,
                    row.SourceActor,
                    Number(row.Appearances),
                    row.FirstArticle is { } article ? links.Article(article.Id, article.Slug) : null,
                ],
                cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A small RFC 4180 CSV writer: a cell with a comma, quote, CR or LF is quoted with its quotes doubled; rows end in
/// CRLF. A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) gets a leading
/// single quote, the OWASP defence against CSV injection, so "=HYPERLINK(…)" in a claim shows as text.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    /// <summary>UTF-8 without a byte order mark, as RFC 4180 tools and most programs expect.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken = default)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                line.Append(',');
            }

            line.Append(Cell(cell));
            first = false;
        }

        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
    }

    /// <summary>One cell as it appears in the file: guarded, then quoted when it must be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var guarded = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return guarded.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + guarded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : guarded;
    }
}

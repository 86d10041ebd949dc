using System.Globalization;

namespace NewsTracker.Web.Pages;

/// <summary>An opaque keyset position in a newest-first list: the sort time and the id that breaks ties.</summary>
public readonly record struct PageCursor(DateTime SortUtc, int Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SortUtc.Ticks:x}-{Id:x}");

    public static PageCursor? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 40)
        {
            return null;
        }

        var dash = value.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && long.TryParse(value.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            && int.TryParse(value.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
                ? new PageCursor(new DateTime(ticks, DateTimeKind.Utc), id)
                : null;
    }
}

/// <summary>One keyset page cut from the rows a query read (one more than the page size, in the query's
/// order), with the cursors for the pages either side.</summary>
public static class KeysetPage
{
    /// <summary><paramref name="rows"/> were read newest first, or oldest first when paging with an
    /// <c>after</c> cursor; the page comes back newest first either way.</summary>
    public static (List<T> Items, string? OlderCursor, string? NewerCursor) Cut<T>(
        List<T> rows, int pageSize, bool hadBefore, bool hadAfter, Func<T, PageCursor> cursor)
    {
        var hasMore = rows.Count > pageSize;
        var page = rows.Take(pageSize).ToList();
        if (hadAfter)
        {
            page.Reverse();
        }

        var older = page.Count > 0 && (hadAfter || hasMore) ? cursor(page[^1]).ToString() : null;
        var newer = page.Count > 0 && (hadBefore || (hadAfter && hasMore)) ? cursor(page[0]).ToString() : null;
        return (page, older, newer);
    }
}

/// <summary>Newest-first keyset paging over articles, shared by every article list (front page, outlet pages).</summary>
public static class ArticleKeyset
{
    /// <summary>Articles older than <paramref name="before"/> (newest first), or newer than
    /// <paramref name="after"/> (oldest first, for <see cref="KeysetPage.Cut"/> to turn round), or the newest.</summary>
    public static IQueryable<Domain.Article> Page(this IQueryable<Domain.Article> articles, PageCursor? before, PageCursor? after)
    {
        if (before is { } b)
        {
            return articles.Where(a => a.SortUtc < b.SortUtc || (a.SortUtc == b.SortUtc && a.Id < b.Id))
                .OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id);
        }

        if (after is { } f)
        {
            return articles.Where(a => a.SortUtc > f.SortUtc || (a.SortUtc == f.SortUtc && a.Id > f.Id))
                .OrderBy(a => a.SortUtc).ThenBy(a => a.Id);
        }

        return articles.OrderByDescending(a => a.SortUtc).ThenByDescending(a => a.Id);
    }
}

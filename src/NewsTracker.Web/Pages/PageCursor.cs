using System.Globalization;
using System.Linq.Expressions;

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

/// <summary>Newest-first keyset paging over any rows with a sort time and an id that breaks ties.</summary>
public static class Keyset
{
    /// <summary>Rows older than <paramref name="before"/> (newest first), or newer than <paramref name="after"/>
    /// (oldest first, for <see cref="KeysetPage.Cut"/> to turn round), or the newest; <paramref name="sortUtc"/> and
    /// <paramref name="id"/> pick the row's sort time and id.</summary>
    public static IQueryable<T> Page<T>(
        this IQueryable<T> rows, Expression<Func<T, DateTime>> sortUtc, Expression<Func<T, int>> id, PageCursor? before, PageCursor? after)
    {
        if (before is { } b)
        {
            return rows.Where(Beyond(sortUtc, id, b, older: true)).OrderByDescending(sortUtc).ThenByDescending(id);
        }

        if (after is { } f)
        {
            return rows.Where(Beyond(sortUtc, id, f, older: false)).OrderBy(sortUtc).ThenBy(id);
        }

        return rows.OrderByDescending(sortUtc).ThenByDescending(id);
    }

    /// <summary><c>row.Sort &lt; cursor.Sort || (row.Sort == cursor.Sort &amp;&amp; row.Id &lt; cursor.Id)</c>, or the same
    /// with <c>&gt;</c>; the cursor's values are read from a closure so EF sends them as parameters.</summary>
    private static Expression<Func<T, bool>> Beyond<T>(Expression<Func<T, DateTime>> sortUtc, Expression<Func<T, int>> id, PageCursor cursor, bool older)
    {
        var row = sortUtc.Parameters[0];
        var rowSort = sortUtc.Body;
        var rowId = new Rebind(id.Parameters[0], row).Visit(id.Body);
        Expression<Func<DateTime>> cursorSort = () => cursor.SortUtc;
        Expression<Func<int>> cursorId = () => cursor.Id;
        Func<Expression, Expression, BinaryExpression> past = older ? Expression.LessThan : Expression.GreaterThan;
        var body = Expression.OrElse(
            past(rowSort, cursorSort.Body),
            Expression.AndAlso(Expression.Equal(rowSort, cursorSort.Body), past(rowId, cursorId.Body)));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    /// <summary>Puts one lambda's parameter in place of another's, so two selectors share a row.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>Newest-first keyset paging over articles, shared by every article list (front page, outlet pages).</summary>
public static class ArticleKeyset
{
    /// <summary>Articles older than <paramref name="before"/> (newest first), or newer than
    /// <paramref name="after"/> (oldest first, for <see cref="KeysetPage.Cut"/> to turn round), or the newest.</summary>
    public static IQueryable<Domain.Article> Page(this IQueryable<Domain.Article> articles, PageCursor? before, PageCursor? after) =>
        articles.Page(a => a.SortUtc, a => a.Id, before, after);
}

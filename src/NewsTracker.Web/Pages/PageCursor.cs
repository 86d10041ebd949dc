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

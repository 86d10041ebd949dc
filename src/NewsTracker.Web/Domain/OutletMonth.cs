namespace NewsTracker.Web.Domain;

/// <summary>How many dated articles an outlet published in one calendar month (UTC), kept at ingest by
/// <c>Stories/ArchiveCounts</c> for the outlet page's chart.</summary>
public sealed class OutletMonth
{
    public int OutletId { get; set; }

    /// <summary>The month as year × 100 + month (202612 for December 2026): a key that compares and groups the
    /// same on both providers, with no time zone to get wrong.</summary>
    public int Month { get; set; }

    public int Articles { get; set; }

    public static int Of(DateTime utc) => (utc.Year * 100) + utc.Month;

    public static DateTime FirstDay(int month) => new(month / 100, month % 100, 1, 0, 0, 0, DateTimeKind.Utc);
}

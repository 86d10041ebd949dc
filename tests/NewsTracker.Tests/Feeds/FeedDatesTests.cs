using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Tests.Feeds;

public sealed class FeedDatesTests
{
    [Theory]
    [InlineData("Sun, 22 Nov 2026 06:30:00 GMT", "2026-11-22T06:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 +0000", "2026-11-22T06:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 -0500", "2026-11-22T11:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 +05:30", "2026-11-22T01:00:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 EDT", "2026-11-22T10:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 CEST", "2026-11-22T04:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 Z", "2026-11-22T06:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 A", "2026-11-22T06:30:00")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 UTC+3", "2026-11-22T03:30:00")]
    [InlineData("Wed, 22 Nov 2026 06:30:00 GMT", "2026-11-22T06:30:00")]
    [InlineData("22 Nov 2026 06:30:00 GMT", "2026-11-22T06:30:00")]
    [InlineData("Sun,22 Nov 2026 06:30 GMT", "2026-11-22T06:30:00")]
    [InlineData("sunday, 22 november 2026 06:30:00 gmt", "2026-11-22T06:30:00")]
    [InlineData("Sun, 22 Sept 2026 06:30:00 GMT", "2026-09-22T06:30:00")]
    [InlineData("Sun, 2 Nov 2026 6:05:09 GMT", "2026-11-02T06:05:09")]
    [InlineData("22 Nov 26 06:30 GMT", "2026-11-22T06:30:00")]
    [InlineData("22 Nov 98 06:30 GMT", "1998-11-22T06:30:00")]
    [InlineData("22-Nov-2026 06:30:00", "2026-11-22T06:30:00")]
    [InlineData("22nd November 2026", "2026-11-22T00:00:00")]
    [InlineData("November 22, 2026", "2026-11-22T00:00:00")]
    [InlineData("November 22, 2026 at 6:30 pm EST", "2026-11-22T23:30:00")]
    [InlineData("Nov 22, 2026 12:15 AM", "2026-11-22T00:15:00")]
    [InlineData("Sun Nov 22 06:30:00 2026", "2026-11-22T06:30:00")]
    [InlineData("Sun Nov 22 06:30:00 PST 2026", "2026-11-22T14:30:00")]
    [InlineData("2026-11-22T06:30:00Z", "2026-11-22T06:30:00")]
    [InlineData("2026-11-22T06:30:00.123456+01:00", "2026-11-22T05:30:00")]
    [InlineData("2026-11-22T06:30:00+0100", "2026-11-22T05:30:00")]
    [InlineData("2026-11-22 06:30", "2026-11-22T06:30:00")]
    [InlineData("2026-11-22", "2026-11-22T00:00:00")]
    [InlineData("2026-11-22T24:00:00Z", "2026-11-23T00:00:00")]
    [InlineData("Di, 22 Dez 2026 06:30:00 +0100", "2026-12-22T05:30:00")]
    [InlineData("22 mars 2026 10:00", "2026-03-22T10:00:00")]
    [InlineData("22 déc. 2026 10:00", "2026-12-22T10:00:00")]
    [InlineData("22 juil. 2026", "2026-07-22T00:00:00")]
    [InlineData("11/22/2026 06:30:00", "2026-11-22T06:30:00")]
    public void Reads_the_dates_real_feeds_write(string value, string expectedUtc)
    {
        var parsed = FeedDates.Parse(value);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Value.Kind);
        Assert.Equal(DateTime.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), DateTime.SpecifyKind(parsed.Value, DateTimeKind.Unspecified));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("Mon, 31 Nov 2026 06:30:00 GMT")]
    [InlineData("Mon, 29 Feb 2027 06:30:00 GMT")]
    [InlineData("Mon, 22 Foo 2026 06:30:00 GMT")]
    [InlineData("2026-13-01")]
    [InlineData("22 Nov 2026 25:30")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("Sun, 22 Nov 2026 06:30:00 GMT this value goes on far too long to be a date; nobody writes a date like this in a feed")]
    public void Gives_up_quietly_on_what_is_not_a_date(string? value) => Assert.Null(FeedDates.Parse(value));
}

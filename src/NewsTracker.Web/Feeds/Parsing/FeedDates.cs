using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>
/// Reads the dates real feeds write, which are often not the RFC 822 or RFC 3339 their format asks for:
/// missing or wrong weekdays, full month names, two-digit years, no seconds, named or military zones,
/// <c>GMT+2</c>, AM/PM, US "November 20, 2026", asctime, a few non-English month abbreviations.
/// Never throws; what it cannot read is null (the poller then uses the time it found the item).
/// </summary>
public static partial class FeedDates
{
    /// <summary>Longer values are not dates; the cap also bounds the regular expressions' work.</summary>
    private const int MaxLength = 100;

    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,

        // German, French, Spanish and Italian abbreviations that do not collide with the English ones.
        ["mär"] = 3, ["mrz"] = 3, ["mai"] = 5, ["okt"] = 10, ["dez"] = 12,
        ["fév"] = 2, ["avr"] = 4, ["juin"] = 6, ["juil"] = 7, ["aoû"] = 8, ["déc"] = 12,
        ["ene"] = 1, ["abr"] = 4, ["ago"] = 8, ["dic"] = 12,
        ["gen"] = 1, ["giu"] = 6, ["lug"] = 7, ["set"] = 9, ["ott"] = 10,
    };

    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Z"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8), ["HST"] = TimeSpan.FromHours(-10),
        ["BST"] = TimeSpan.FromHours(1), ["WEST"] = TimeSpan.FromHours(1), ["CET"] = TimeSpan.FromHours(1), ["MET"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2), ["MEST"] = TimeSpan.FromHours(2), ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["MSK"] = TimeSpan.FromHours(3), ["IST"] = new TimeSpan(5, 30, 0), ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9),
        ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11), ["NZST"] = TimeSpan.FromHours(12), ["NZDT"] = TimeSpan.FromHours(13),
    };

    /// <summary>The instant <paramref name="value"/> names, in UTC; a value without a zone is taken as UTC.</summary>
    public static DateTime? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return null;
        }

        var text = Ingestion.TextTools.FoldWhitespace(value);
        var match = Iso().Match(text);
        if (!match.Success)
        {
            text = Weekday().Replace(text, string.Empty, 1);
            match = DayMonthYear().Match(text);
        }

        if (!match.Success)
        {
            match = MonthDayYear().Match(text);
        }

        if (!match.Success)
        {
            match = Asctime().Match(text);
        }

        if (match.Success)
        {
            return FromMatch(match);
        }

        // Last resort: numeric forms such as 11/20/2026 08:30 (invariant culture reads month first).
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            && parsed.Year >= 1970
                ? parsed.UtcDateTime
                : null;
    }

    private static DateTime? FromMatch(Match match)
    {
        var month = match.Groups["mo"].Success ? Number(match.Groups["mo"].Value) : MonthNumber(match.Groups["mon"].Value);
        var year = Number(match.Groups["y"].Value);
        if (match.Groups["y"].Length == 2)
        {
            // RFC 2822: 00–49 are 2000–2049, 50–99 are 1950–1999.
            year += year < 50 ? 2000 : 1900;
        }

        var day = Number(match.Groups["d"].Value);
        var hour = match.Groups["h"].Success ? Number(match.Groups["h"].Value) : 0;
        var minute = match.Groups["mi"].Success ? Number(match.Groups["mi"].Value) : 0;
        var second = match.Groups["s"].Success ? Math.Min(59, Number(match.Groups["s"].Value)) : 0;
        if (match.Groups["ampm"].Success && hour is >= 1 and <= 12)
        {
            var pm = char.ToUpperInvariant(match.Groups["ampm"].Value[0]) == 'P';
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        if (month is < 1 or > 12 || year is < 1970 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 24 || minute > 59)
        {
            return null;
        }

        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddHours(hour).AddMinutes(minute).AddSeconds(second);
        return DateTime.SpecifyKind(local - Offset(match.Groups["z"].Value), DateTimeKind.Utc);
    }

    private static int MonthNumber(string name) =>
        (name.Length >= 4 && Months.TryGetValue(name[..4], out var month)) || (name.Length >= 3 && Months.TryGetValue(name[..3], out month)) ? month : 0;

    private static TimeSpan Offset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (Zones.TryGetValue(zone, out var named))
        {
            return named;
        }

        // "+0200", "-05:00", "+2", "GMT+2", "UTC-03:30"; military letters and unknown names count as UTC.
        var signAt = zone.IndexOfAny(['+', '-']);
        if (signAt < 0)
        {
            return TimeSpan.Zero;
        }

        var digits = zone[(signAt + 1)..].Replace(":", string.Empty, StringComparison.Ordinal);
        var (hours, minutes) = digits.Length <= 2 ? (Number(digits), 0) : (Number(digits[..^2]), Number(digits[^2..]));
        if (hours > 14 || minutes > 59)
        {
            return TimeSpan.Zero;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return zone[signAt] == '-' ? -offset : offset;
    }

    private static int Number(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;

    private const string Time = @"(?<h>\d{1,2})[:.](?<mi>\d{2})(?:[:.](?<s>\d{2})(?:[.,]\d+)?)?(?:\s*(?<ampm>[AaPp])\.?[Mm]\.?)?";

    private const string Zone = @"(?<z>[+-]\d{1,2}(?::?\d{2})?|(?:GMT|UTC?)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Za-z]{1,5})";

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ]" + Time + @")?\s*" + Zone + "?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    // An English weekday, or any word followed by a comma before the day ("So, 22 Dez").
    [GeneratedRegex(@"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\p{L}*\.?,?|\p{L}{2,}\.?,)\s*(?=\d|\p{L}{3,}\.?\s\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"^(?<d>\d{1,2})(?:st|nd|rd|th)?\.?[\s/-]*(?<mon>\p{L}{3,})\.?,?[\s/-]*(?<y>\d{4}|\d{2})(?:(?:\s|,\s?|T)(?:at\s)?" + Time + @")?\s*" + Zone + "?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(?<mon>\p{L}{3,})\.?\s(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s(?<y>\d{4})(?:(?:\s|,\s?)(?:at\s)?" + Time + @")?\s*" + Zone + "?$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"^(?<mon>\p{L}{3,})\s(?<d>\d{1,2})\s" + Time + @"\s(?:" + Zone + @"\s)?(?<y>\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Asctime();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Reads dates the way pages write them: machine values (ISO 8601, RFC 1123, Unix time) and visible
/// datelines in many languages ("21 March 2019", "21. März 2019", "March 21st, 2019", "2019年3月21日",
/// "21.03.2019"). The page's own offset is kept, so the day is the day the page states; a value
/// without an offset keeps its wall-clock time at offset zero rather than being shifted.
/// </summary>
public static partial class DateText
{
    /// <summary>No news page on the web is older than this; earlier values are birthdays, founding years or typos.</summary>
    public static readonly DateTime Earliest = new(1995, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>How far past the present a stated date may be (time zones, embargoed pages).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(2);

    // Names and common abbreviations in the languages news pages are written in; genitive forms where
    // a language writes the month that way in dates (Slavic languages, Finnish, Greek).
    private static readonly Dictionary<string, int> MonthNames = BuildMonthNames();

    /// <summary>Parses a machine-written value (meta content, JSON-LD, a datetime attribute).</summary>
    public static DateTimeOffset? ParseValue(string? value, bool dayFirst = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > 200)
        {
            return null;
        }

        var iso = IsoDate().Match(text);
        if (iso.Success && FromIso(iso) is { } fromIso)
        {
            return fromIso;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // Unix time in seconds or milliseconds, as some CMSs write it.
            var unix = number switch
            {
                > 100_000_000_000 and < 10_000_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(number),
                > 100_000_000 and < 10_000_000_000 => DateTimeOffset.FromUnixTimeSeconds(number),
                _ => (DateTimeOffset?)null,
            };
            return Plausible(unix);
        }

        // "01-11-2023 10:29": the invariant culture would read month first wherever the page writes day first.
        var numeric = NumericDate().Match(text);
        if (numeric.Success && numeric.Index == 0)
        {
            return FindInText(text, dayFirst);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            && Plausible(KeepStatedClock(text, parsed)) is { } plain)
        {
            return plain;
        }

        return FindInText(text, dayFirst);
    }

    /// <summary>Whether a machine value names its zone (Z, an offset, GMT/UTC) rather than a bare clock.</summary>
    public static bool StatesZone(string value) => NamesZone().IsMatch(value.Trim());

    /// <summary>The first plausible date written anywhere in <paramref name="text"/>, or null.</summary>
    /// <param name="text">Visible text such as a dateline.</param>
    /// <param name="dayFirst">Whether "03/04/2019" means 3 April (most of the world) rather than March 4 (US).</param>
    public static DateTimeOffset? FindInText(string text, bool dayFirst = true)
    {
        if (text.Length < 6 || !ContainsDigitRun(text))
        {
            return null;
        }

        DateTimeOffset? best = null;
        var bestIndex = int.MaxValue;

        void Consider(DateTimeOffset? candidate, int index)
        {
            if (candidate is not null && index < bestIndex)
            {
                best = candidate;
                bestIndex = index;
            }
        }

        foreach (Match m in IsoDate().Matches(text))
        {
            // Eight bare digits in running text are more often an identifier than a date.
            if (m.Groups["sep"].Length > 0 && FromIso(m) is { } iso)
            {
                Consider(iso, m.Index);
                break;
            }
        }

        foreach (Match m in NumericDate().Matches(text))
        {
            if (m.Index >= bestIndex)
            {
                break;
            }

            var a = Number(m.Groups["a"].Value);
            var b = Number(m.Groups["b"].Value);
            var year = Number(m.Groups["y"].Value);
            var dotted = m.Groups["s"].Value == ".";
            var (day, month) = a > 12 ? (a, b) : b > 12 ? (b, a) : dotted || dayFirst ? (a, b) : (b, a);
            if (Make(year, month, day) is { } numeric)
            {
                Consider(numeric, m.Index);
                break;
            }
        }

        foreach (var pattern in new[] { DayMonthYear(), MonthDayYear(), YearMonthNameDay() })
        {
            if (FirstNamedMonthDate(pattern, text, bestIndex) is { } named)
            {
                Consider(named.Date, named.Index);
            }
        }

        foreach (Match m in CjkDate().Matches(text))
        {
            if (m.Index >= bestIndex)
            {
                break;
            }

            if (Make(Number(m.Groups["y"].Value), Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)) is { } cjk)
            {
                Consider(cjk, m.Index);
                break;
            }
        }

        return best;
    }

    /// <summary>
    /// A day written with a two-digit year and dots ("8.5.12", "28.09.19"), as German and Swiss bylines and forums
    /// write it. Only for text that already says it is a date (a dateline, the line by the headline): elsewhere the
    /// same shape is a version number.
    /// </summary>
    public static DateTimeOffset? FindShortDotted(string text)
    {
        foreach (Match m in ShortDottedDate().Matches(text))
        {
            var year = Number(m.Groups["y"].Value);
            if (Make(year + (year >= 95 ? 1900 : 2000), Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    // The first match of a pattern with a month name (groups d, m, y) that makes a real date, before limit.
    private static (DateTimeOffset Date, int Index)? FirstNamedMonthDate(Regex pattern, string text, int limit)
    {
        foreach (Match m in pattern.Matches(text))
        {
            if (m.Index >= limit)
            {
                break;
            }

            if (Month(m.Groups["m"].Value) is { } month && Make(Number(m.Groups["y"].Value), month, Number(m.Groups["d"].Value)) is { } date)
            {
                return (WithTime(date, text, m.Index + m.Length), m.Index);
            }
        }

        return null;
    }

    /// <summary>A date written in an address: /2019/03/21/, /2019-03-21-, /20190321/.</summary>
    public static DateTimeOffset? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var path = url;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = url.IndexOf('/', scheme + 3);
            path = slash < 0 ? string.Empty : url[slash..];
        }

        var m = UrlDate().Match(path);
        if (m.Success && Make(Number(m.Groups["y"].Value), Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)) is { } date)
        {
            return date;
        }

        m = UrlCompactDate().Match(path);
        if (m.Success && Make(Number(m.Groups["y"].Value), Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)) is { } compact)
        {
            return compact;
        }

        m = UrlDayFirstDate().Match(path);
        return m.Success ? Make(Number(m.Groups["y"].Value), Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)) : null;
    }

    /// <summary>The date when it lies between <see cref="Earliest"/> and a little past now.</summary>
    public static DateTimeOffset? Plausible(DateTimeOffset? date) =>
        date is { } d && d.DateTime >= Earliest && d.UtcDateTime <= DateTime.UtcNow + FutureTolerance ? d : null;

    private static DateTimeOffset? Make(int year, int month, int day)
    {
        if (year is < 1995 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return Plausible(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero));
    }

    private static DateTimeOffset? FromIso(Match m)
    {
        if (Make(Number(m.Groups["y"].Value), Number(m.Groups["m"].Value), Number(m.Groups["d"].Value)) is not { } day)
        {
            return null;
        }

        if (!m.Groups["h"].Success)
        {
            return day;
        }

        var hour = Number(m.Groups["h"].Value);
        var minute = Number(m.Groups["min"].Value);
        var second = m.Groups["s"].Success ? Number(m.Groups["s"].Value) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return day;
        }

        var offset = Offset(m.Groups["z"].Value);
        return Plausible(new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, second, offset ?? TimeSpan.Zero));
    }

    private static TimeSpan? Offset(string zone)
    {
        if (zone.Length == 0 || zone is "Z" or "z" || zone.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) || zone.StartsWith("GMT", StringComparison.OrdinalIgnoreCase))
        {
            return TimeSpan.Zero;
        }

        var sign = zone[0] == '-' ? -1 : 1;
        var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        var hours = Number(digits.Length >= 2 ? digits[..2] : digits);
        var minutes = digits.Length >= 4 ? Number(digits[2..4]) : 0;
        return hours > 14 || minutes > 59 ? null : sign * new TimeSpan(hours, minutes, 0);
    }

    // DateTimeOffset.TryParse moves a value that names no zone into UTC from nowhere; a value that names
    // none keeps its clock. Values naming a zone keep their offset as parsed.
    private static DateTimeOffset KeepStatedClock(string text, DateTimeOffset parsed) =>
        NamesZone().IsMatch(text) ? parsed : new DateTimeOffset(parsed.DateTime, TimeSpan.Zero);

    private static DateTimeOffset WithTime(DateTimeOffset day, string text, int after)
    {
        // "21 March 2019, 10:30" keeps the time only to order same-day candidates; the day never moves.
        var m = TrailingTime().Match(text, Math.Min(after, text.Length));
        if (!m.Success || m.Index - after > 6)
        {
            return day;
        }

        var hour = Number(m.Groups["h"].Value);
        var minute = Number(m.Groups["min"].Value);
        if (m.Groups["pm"].Success && m.Groups["pm"].Value.StartsWith('p') && hour < 12)
        {
            hour += 12;
        }

        return hour > 23 || minute > 59 ? day : day.AddHours(hour).AddMinutes(minute);
    }

    private static int? Month(string word)
    {
        var key = word.ToLowerInvariant().TrimEnd('.');
        return MonthNames.TryGetValue(key, out var month) ? month : null;
    }

    private static int Number(string digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            if (c is >= '0' and <= '9')
            {
                value = (value * 10) + (c - '0');
            }
            else if (char.IsDigit(c))
            {
                value = (value * 10) + (int)char.GetNumericValue(c);
            }

            if (value > 100_000)
            {
                break;
            }
        }

        return value;
    }

    private static bool ContainsDigitRun(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && char.IsAsciiDigit(text[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, int> BuildMonthNames()
    {
        string[][] languages =
        [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["jänner", "feber", "maerz", "apr", "mai", "jun", "jul", "aug", "sept", "okt", "nov", "dez"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "déc"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "setiembre", "oct", "nov", "dic"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
            ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
            ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
            ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
            ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"],
            ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
            ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
            ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
            ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"],
            ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"],
            ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
            ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"],
            ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"],
            ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"],
            ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
            ["ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου", "ιουλίου", "αυγούστου", "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου"],
            ["siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja", "srpnja", "kolovoza", "rujna", "listopada", "studenoga", "prosinca"],
            ["januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta", "septembra", "októbra", "novembra", "decembra"],
            ["sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"],
            ["urtarrila", "otsaila", "martxoa", "apirila", "maiatza", "ekaina", "uztaila", "abuztua", "iraila", "urria", "azaroa", "abendua"],
            ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            ["gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre", "novembre", "desembre"],
        ];

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var language in languages)
        {
            for (var i = 0; i < 12; i++)
            {
                names.TryAdd(language[i], i + 1);
            }
        }

        names.TryAdd("sept", 9);
        names.TryAdd("listopada", 11);
        return names;
    }

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d\d)(?<sep>[-/.]?)(?<m>[01]\d)\k<sep>(?<d>[0-3]\d)(?!\d)(?:[T\s]+(?<h>[0-2]?\d):(?<min>[0-5]\d)(?::(?<s>[0-5]\d)(?:[.,]\d+)?)?\s*(?<z>Z|[+-][01]\d(?::?[0-5]\d)?|UTC|GMT)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.])(?<d>[0-3]?\d)\.(?<m>[01]?\d)\.(?<y>\d\d)(?!\d|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ShortDottedDate();

    [GeneratedRegex(@"(?<!\d)(?<a>[0-3]?\d)(?<s>[./-])(?<b>[01]?\d)\k<s>(?<y>(?:19|20)\d\d)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<!\d)(?<d>[0-3]?\d)(?:st|nd|rd|th|\.|º|er|ª)?\s*(?:de\s+|of\s+)?(?<m>\p{L}{3,12})\.?,?\s*(?:de\s+|del\s+)?(?<y>(?:19|20)\d\d)(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"(?<m>\p{L}{3,12})\.?\s+(?<d>[0-3]?\d)(?:st|nd|rd|th|\.)?,?\s+(?<y>(?:19|20)\d\d)(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d\d)\.?\s+(?<m>\p{L}{3,12})\.?\s+(?<d>[0-3]?\d)\.?(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearMonthNameDay();

    [GeneratedRegex(@"(?<y>(?:19|20)\d\d)\s*[年년]\s*(?<m>[01]?\d)\s*[月월]\s*(?<d>[0-3]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CjkDate();

    [GeneratedRegex(@"(?<h>[0-2]?\d)[:h.](?<min>[0-5]\d)\s*(?<pm>[ap]\.?m\.?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingTime();

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d|\b(GMT|UTC|[ECMP][SD]T|BST|CET|CEST)\b)\s*$|\d[+-]\d\d(:?\d\d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamesZone();

    // A one-digit day must end its path segment: in "/2023/10/3-fragen-an" the 3 starts the slug.
    [GeneratedRegex(@"/(?<y>(?:19|20)\d\d)[/_-](?<m>[01]?\d)[/_-](?<d>[0-3]\d(?=[/_.-]|$)|[1-9](?=/|$))", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();

    [GeneratedRegex(@"[/_-](?<y>(?:19|20)\d\d)(?<m>[01]\d)(?<d>[0-3]\d)(?:[/_.-]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCompactDate();

    // A whole segment written day first, as European sites name daily pages: /meldungen/29-10-2021.
    [GeneratedRegex(@"/(?<d>[0-3]\d)[-_.](?<m>[01]\d)[-_.](?<y>(?:19|20)\d\d)(?=[/?#.]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDayFirstDate();
}

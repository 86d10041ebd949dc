using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Finds when a page was first published, from the most to the least deliberate statement: structured
/// data and meta tags, then a full date in the address, then marked-up dates (<c>time</c>,
/// <c>itemprop</c>, <c>abbr</c>), then the text of elements whose class or id says they hold a date,
/// then the first dateline in the page's visible text. Modification dates are never taken for the
/// publication date. The page's own offset is kept so the day is the day the page states.
/// </summary>
public static partial class PublishedDateFinder
{
    /// <summary>Longest text of an element whose class says "date" that is still read as a dateline.</summary>
    public const int MaxDatelineChars = 160;

    /// <summary>How many text characters the last-resort search reads before giving up.</summary>
    public const int MaxSearchedChars = 60_000;

    // Meta names and properties that state first publication, most specific first (learned from the
    // names htmldate and newspaper recognise, and from CMS defaults).
    private static readonly string[] PublishedMetaKeys =
    [
        "article:published_time", "article:published", "og:article:published_time", "og:published_time",
        "article:published_date", "article:publicationdate", "article:post_date", "og:article:published", "og:pubdate",
        "og:publish_date", "og:datepublished", "datepublished", "date_published", "publish_date", "publish-date", "publishdate",
        "published-date", "published_date", "publication_date", "publication-date", "pubdate", "parsely-pub-date", "sailthru.date",
        "dc.date.issued", "dc.date.created", "dc.date.publication", "dcterms.issued", "dcterms.created", "dcterms.date",
        "dc.date", "dc:date", "dc.created", "dc:created", "citation_publication_date", "citation_date", "citation_online_date",
        "prism.publicationdate", "rnews:datepublished", "article.published", "article.created", "article_date_original",
        "originalpublicationdate", "cxenseparse:recs:publishtime", "bt:pubdate", "date", "date_created", "datecreated",
        "dateposted", "displaydate", "doc_date", "content_create_date", "created", "release_date", "ptime", "pdate",
        "shareaholic:article_published_time", "twt-published-at", "video:release_date", "vr:published_time",
        "mediator_published_time", "rbpubdate", "analyticsattributes.articledate", "dcsext.articlefirstpublished",
        "og:question:published_time", "article:pubdate", "article_published_time", "published", "publication", "sort_date",
        "timestamp", "ga:publishdate", "pub_date", "pub-date", "published_at", "publish-time", "publishtime",
    ];

    private static readonly HashSet<string> PublishedMetaKeySet = new(PublishedMetaKeys, StringComparer.Ordinal);

    /// <summary>The page's publication date, or null when it states none.</summary>
    public static DateTimeOffset? Find(IHtmlDocument document, string? jsonLdPublished, string? url)
    {
        var dayFirst = !IsUnitedStatesEnglish(document);
        // Most deliberate statement first; each source runs only when the ones before it found nothing.
        Func<DateTimeOffset?>[] sources =
        [
            () => FirstPublication(document, SpecificMeta(document, dayFirst), DateText.ParseValue(jsonLdPublished, dayFirst), dayFirst, url),
            () => JsonLdAnywhere(document, dayFirst),
            () => DateText.FromUrl(url) ?? DateText.FromUrl(CanonicalAddress(document)),
            () => FromMarkup(document, dayFirst),
            () => FromDatelineElements(document, dayFirst),
            () => FromVisibleText(document, dayFirst, outsideToo: false, Headline(document), NearHeadlineChars),
            () => FromVisibleText(document, dayFirst, outsideToo: false),
            () => FromSummary(document, dayFirst),
            () => FromVisibleText(document, dayFirst, outsideToo: true),
            () => MostFrequentInSource(document),
        ];
        foreach (var source in sources)
        {
            if (source() is not { } found)
            {
                continue;
            }

            // A bare day has no instant to restate; only a UTC clock time may belong to another local day.
            if (found.Offset != TimeSpan.Zero || found.TimeOfDay == TimeSpan.Zero)
            {
                return found;
            }

            var local = InPageOffset(document, found, dayFirst);
            if (local.Offset == TimeSpan.Zero)
            {
                local = RestatedInScripts(document, found);
            }

            return local.Offset == TimeSpan.Zero ? OnAddressDay(found, DateText.FromUrl(url) ?? DateText.FromUrl(CanonicalAddress(document))) : local;
        }

        return null;
    }

    /// <summary>
    /// The publication meta tag and JSON-LD disagree where one of them is a re-publication or an update (Medium writes
    /// the later one in the meta tag, others in JSON-LD). The day the page states more often elsewhere (its address, marked-up
    /// dates, a dateline, the line by the headline) settles it; when neither has more witnesses, the first publication
    /// is the earlier.
    /// </summary>
    private static DateTimeOffset? FirstPublication(IHtmlDocument document, DateTimeOffset? meta, DateTimeOffset? jsonLd, bool dayFirst, string? url)
    {
        if (meta is not { } m || jsonLd is not { } j)
        {
            return meta ?? jsonLd;
        }

        var earlier = j < m ? j : m;
        if (m.Date == j.Date)
        {
            return earlier;
        }

        DateTimeOffset?[] witnesses =
        [
            DateText.FromUrl(url) ?? DateText.FromUrl(CanonicalAddress(document)),
            FromMarkup(document, dayFirst),
            FromDatelineElements(document, dayFirst),
            FromVisibleText(document, dayFirst, outsideToo: false, Headline(document), NearHeadlineChars),
        ];
        var forMeta = witnesses.Count(w => w?.Date == m.Date);
        var forJsonLd = witnesses.Count(w => w?.Date == j.Date);
        return forMeta > forJsonLd ? m : forJsonLd > forMeta ? j : earlier;
    }

    /// <summary>
    /// Many sites write machine dates in UTC but their newsroom's local clock elsewhere on the page
    /// (another meta tag, a <c>time</c> element); the local statement of the same instant gives the day
    /// the page shows its readers.
    /// </summary>
    private static DateTimeOffset InPageOffset(IHtmlDocument document, DateTimeOffset utc, bool dayFirst)
    {
        var values = document.QuerySelectorAll("meta")
            .Where(m => (m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop"))?.Trim().ToLowerInvariant() is { } key && PublishedMetaKeySet.Contains(key))
            .Select(m => m.GetAttribute("content"))
            .Concat(document.QuerySelectorAll("time[datetime], [itemprop=datePublished]").Select(t => t.GetAttribute("datetime") ?? t.GetAttribute("content")))
            .Concat(document.QuerySelectorAll("script[type='application/ld+json']").SelectMany(s => JsonDatePublished().Matches(s.TextContent).Select(m => m.Groups[1].Value)));
        foreach (var value in values)
        {
            if (DateText.ParseValue(value, dayFirst) is { } other && other.TimeOfDay != TimeSpan.Zero && LocalStatement(utc, other, value!, SameInstant) is { } local)
            {
                return local;
            }
        }

        return utc;
    }

    /// <summary>
    /// <paramref name="utc"/> on the clock of <paramref name="other"/>, another statement on the page, when both are
    /// the same instant: <paramref name="other"/> itself when it names its offset, otherwise the whole or half hours
    /// its bare clock differs by (within <paramref name="tolerance"/>) are the offset. Null when they differ.
    /// </summary>
    private static DateTimeOffset? LocalStatement(DateTimeOffset utc, DateTimeOffset other, string written, TimeSpan tolerance)
    {
        if (other.Offset != TimeSpan.Zero)
        {
            return (other.UtcDateTime - utc.UtcDateTime).Duration() <= SameInstant ? other : null;
        }

        if (DateText.StatesZone(written))
        {
            return null;
        }

        var difference = other.DateTime - utc.DateTime;
        var hours = Math.Round(difference.TotalHours * 2) / 2;
        return hours != 0 && Math.Abs(hours) <= 14 && (difference - TimeSpan.FromHours(hours)).Duration() <= tolerance
            ? utc.ToOffset(TimeSpan.FromHours(hours))
            : null;
    }

    /// <summary>
    /// A UTC instant that the page's scripts restate on the newsroom's own clock (<c>publication_date = "2020-02-17
    /// 21:18:11"</c>, <c>"date":"2020-02-24T21:25:54-05:00"</c>): the same clock minute (and second, when written) a
    /// whole or half number of hours away gives the page's offset, so the day is the one its readers were shown.
    /// </summary>
    private static DateTimeOffset RestatedInScripts(IHtmlDocument document, DateTimeOffset utc)
    {
        foreach (var script in document.Scripts)
        {
            foreach (Match m in ScriptDateTime().Matches(script.TextContent))
            {
                // Without seconds a coincidence is likelier, so the minute must match; with them, the second.
                var tolerance = m.Groups["s"].Success ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(59);
                if (DateText.ParseValue(m.Value) is { } other && LocalStatement(utc, other, m.Value, tolerance) is { } local)
                {
                    return local;
                }
            }
        }

        return utc;
    }

    private static readonly TimeSpan SameInstant = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Farthest an address may move a UTC instant into its day: newsrooms sit within nine hours of UTC (Pacific to
    /// Japan); an address naming a day further away is the day the story was drafted, not published.
    /// </summary>
    private const int MaxAddressDayShiftHours = 9;

    /// <summary>
    /// A UTC instant whose address names the neighbouring day (<c>/2019/01/01/</c> for 23:11 UTC on 31 December): the
    /// newsroom filed it on the address's day, so the instant is stated on the nearest whole-hour clock that falls on
    /// that day. The instant is unchanged; only its day, as the page's readers saw it, follows the address.
    /// </summary>
    private static DateTimeOffset OnAddressDay(DateTimeOffset utc, DateTimeOffset? addressDay)
    {
        if (addressDay is not { } day)
        {
            return utc;
        }

        var hours = (day.Date - utc.Date).Days switch
        {
            1 => (int)Math.Ceiling((TimeSpan.FromDays(1) - utc.TimeOfDay).TotalHours),
            -1 => -((int)Math.Floor(utc.TimeOfDay.TotalHours) + 1),
            _ => 0,
        };
        return Math.Abs(hours) is > 0 and <= MaxAddressDayShiftHours ? utc.ToOffset(TimeSpan.FromHours(hours)) : utc;
    }

    /// <summary>
    /// The article's headline: the first <c>h1</c> outside the site's header, which some sites spend on their logo; the
    /// first <c>h1</c> when that is all there is.
    /// </summary>
    private static IElement? Headline(IHtmlDocument document)
    {
        var headings = document.Body?.QuerySelectorAll("h1");
        return headings?.FirstOrDefault(h => h.QuerySelector("[class*=logo], [id*=logo]") is null && !IsModifiedOrOutside(h)) ?? (headings is { Length: > 0 } ? headings[0] : null);
    }

    private static DateTimeOffset? MostFrequentInSource(IHtmlDocument document)
    {
        // The page as it came: serialising the parsed tree back to HTML would cost as much again as parsing it.
        var html = document.Source.Text;
        var counts = new Dictionary<DateTimeOffset, int>();
        DateTimeOffset? best = null;
        foreach (Match m in SourceDate().Matches(html))
        {
            if (DateText.ParseValue(m.Value) is { } d)
            {
                var day = new DateTimeOffset(d.Date, TimeSpan.Zero);
                var n = counts[day] = counts.GetValueOrDefault(day) + 1;
                if (best is null || n > counts[best.Value])
                {
                    best = day;
                }
            }
        }

        return best;
    }

    private static bool IsUnitedStatesEnglish(IHtmlDocument document)
    {
        // XHTML pages declare xml:lang only; a locale meta tag is the page's word when the root declares nothing.
        var lang = document.DocumentElement.GetAttribute("lang")
            ?? document.DocumentElement.GetAttribute("xml:lang")
            ?? document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content")
            ?? document.QuerySelector("meta[property='og:locale']")?.GetAttribute("content")?.Replace('_', '-')
            ?? string.Empty;
        return lang.Equals("en-US", StringComparison.OrdinalIgnoreCase) || lang.Equals("en", StringComparison.OrdinalIgnoreCase) || lang.Length == 0;
    }

    /// <summary>
    /// The publication meta tag; a generic one (<c>date</c>, <c>DC.date</c>), which many CMSs fill with the day the page
    /// was last built, gives way to a date the page marks up as published, or else to the date it shows by its headline.
    /// </summary>
    private static DateTimeOffset? SpecificMeta(IHtmlDocument document, bool dayFirst)
    {
        var (meta, generic) = FromMeta(document, dayFirst);
        if (!generic || meta is not { } m)
        {
            return meta;
        }

        var stated = FromMarkup(document, dayFirst, machineOnly: true)
            ?? FromVisibleText(document, dayFirst, outsideToo: false, Headline(document), NearHeadlineChars);
        return stated is { } s && s.Date != m.Date ? s : meta;
    }

    private static readonly HashSet<string> GenericMetaKeys = new(["date", "dc.date", "dc:date", "dcterms.date"], StringComparer.Ordinal);

    private static (DateTimeOffset? Date, bool Generic) FromMeta(IHtmlDocument document, bool dayFirst)
    {
        var best = (Rank: int.MaxValue, Date: (DateTimeOffset?)null, Generic: false);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = (meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv"))?.Trim().ToLowerInvariant();
            if (key is null || !PublishedMetaKeySet.Contains(key))
            {
                continue;
            }

            var rank = Array.IndexOf(PublishedMetaKeys, key);
            if (rank < best.Rank && DateText.ParseValue(meta.GetAttribute("content") ?? meta.GetAttribute("datetime"), dayFirst) is { } date)
            {
                best = (rank, date, GenericMetaKeys.Contains(key));
            }
        }

        return (best.Date, best.Generic);
    }

    // Broken or unusual JSON-LD (a WebPage, a nested mainEntity, invalid JSON) still names its date.
    private static DateTimeOffset? JsonLdAnywhere(IHtmlDocument document, bool dayFirst)
    {
        // Declared JSON-LD first, then schema.org objects some sites put in untyped scripts.
        var scripts = document.QuerySelectorAll("script").OrderBy(s => s.GetAttribute("type") == "application/ld+json" ? 0 : 1);
        foreach (var script in scripts)
        {
            var match = JsonDatePublished().Match(script.TextContent);
            if (match.Success && DateText.ParseValue(match.Groups[1].Value, dayFirst) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static DateTimeOffset? FromMarkup(IHtmlDocument document, bool dayFirst, bool machineOnly = false)
    {
        foreach (var element in document.QuerySelectorAll("[itemprop=datePublished], [itemprop=dateCreated], time[pubdate], abbr.published, abbr.date-published, abbr.time-published"))
        {
            var value = element.GetAttribute("datetime") ?? element.GetAttribute("content") ?? element.GetAttribute("title") ?? element.TextContent;
            if (DateText.ParseValue(value, dayFirst) is { } date)
            {
                return date;
            }
        }

        foreach (var time in document.QuerySelectorAll("time"))
        {
            if (IsModifiedOrOutside(time))
            {
                continue;
            }

            var value = time.GetAttribute("datetime");
            if (value is null && machineOnly)
            {
                continue;
            }

            // Where the machine value and the text a reader sees name different days ("2019-07-03T10:18:46Z" shown as
            // "Publié le 29 juin 2019"), the reader's day is the page's statement.
            var shown = DateText.FindInText(time.TextContent, dayFirst);
            var machine = value is null ? null : DateText.ParseValue(value, dayFirst);
            if ((machine is { } machineDay && shown is { } shownDay && shownDay.Date != machineDay.Date ? shown : machine ?? shown) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static DateTimeOffset? FromDatelineElements(IHtmlDocument document, bool dayFirst)
    {
        if (document.Body is null)
        {
            return null;
        }

        foreach (var element in document.Body.QuerySelectorAll("*"))
        {
            var marker = (element.ClassName ?? string.Empty) + " " + (element.Id ?? string.Empty);
            if (marker.Length < 4 || !DateMarker().IsMatch(marker) || IsModifiedOrOutside(element))
            {
                continue;
            }

            // Wrappers named "post-meta" or "article-date" may hold the whole article: measure before copying its text.
            if (TextLengthOver(element, MaxDatelineChars * 4))
            {
                continue;
            }

            var text = TextTools.FoldWhitespace(element.TextContent);
            if (text.Length <= MaxDatelineChars && (DateText.FindInText(text, dayFirst) ?? DateText.FindShortDotted(text)) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static bool TextLengthOver(IElement element, int limit)
    {
        var length = 0;
        foreach (var text in element.Descendants<IText>())
        {
            length += text.Length;
            if (length > limit)
            {
                return true;
            }
        }

        return false;
    }

    private static string? CanonicalAddress(IHtmlDocument document) =>
        document.QuerySelector("link[rel~=canonical][href]")?.GetAttribute("href")
        ?? document.QuerySelector("meta[property='og:url']")?.GetAttribute("content");

    // Some pages say the date only in their summary or title ("News of 14 January 2020").
    private static DateTimeOffset? FromSummary(IHtmlDocument document, bool dayFirst)
    {
        foreach (var value in new[]
        {
            document.QuerySelector("meta[name=description]")?.GetAttribute("content"),
            document.QuerySelector("meta[property='og:description']")?.GetAttribute("content"),
            document.Title,
        })
        {
            if (value is not null && DateText.FindInText(value, dayFirst) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static DateTimeOffset? FromVisibleText(IHtmlDocument document, bool dayFirst, bool outsideToo, IElement? from = null, int maxChars = MaxSearchedChars)
    {
        if (document.Body is null)
        {
            return null;
        }

        var read = 0;
        var started = from is null;
        var walker = document.Body.Descendants<IText>();
        foreach (var node in walker)
        {
            // A blog's dateline sits next to its headline: from the headline on, before the rest of the page.
            if (!started)
            {
                started = from!.Contains(node) || (from.CompareDocumentPosition(node) & DocumentPositions.Following) != 0;
                if (!started)
                {
                    continue;
                }
            }

            if (node.Parent is IElement { LocalName: "script" or "style" or "noscript" or "template" } || (!outsideToo && IsModifiedOrOutside(node.ParentElement)))
            {
                continue;
            }

            var text = node.Data;
            read += text.Length;
            if (read > maxChars)
            {
                break;
            }

            // By the headline, a short dotted day ("02.12.19") is the dateline; further away it may be a version.
            if (text.Length is >= 6 and <= 2_000 && (DateText.FindInText(text, dayFirst) ?? (from is null ? null : DateText.FindShortDotted(text))) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    // Dates in comments, footers, sidebars and "updated" lines are not the article's publication date.
    private static bool IsModifiedOrOutside(IElement? element)
    {
        var level = 0;
        for (var current = element; current is not null && current.LocalName != "body"; current = current.ParentElement, level++)
        {
            // An embedded post (a tweet, an Instagram post) is quoted with its own date.
            if (current.LocalName is "aside" or "nav" or "blockquote" || (current.LocalName == "footer" && current.Closest("article") is null))
            {
                return true;
            }


            // Page-wide wrappers carry layout words ("page--with-sidebar"); only near containers tell.
            if (level >= NearAncestors)
            {
                continue;
            }

            var marker = (current.ClassName ?? string.Empty) + " " + (current.Id ?? string.Empty) + " " + (current.GetAttribute("itemprop") ?? string.Empty);
            if (marker.Length > 2 && OutsideMarker().IsMatch(marker))
            {
                return true;
            }
        }

        return false;
    }

    private const int NearAncestors = 4;

    /// <summary>How much text after the headline counts as its dateline's neighbourhood.</summary>
    private const int NearHeadlineChars = 1_500;

    [GeneratedRegex(@"(?<![\d/])(?:19|20)\d\d[-/.][01]\d[-/.][0-3]\d(?!\d)")]
    private static partial Regex SourceDate();

    [GeneratedRegex(@"(?<![\d/])(?:19|20)\d\d-[01]\d-[0-3]\d[T ][0-2]\d:[0-5]\d(?::(?<s>[0-5]\d))?(?:\.\d+)?(?:Z|[+-][01]\d:?[0-5]\d)?(?![\d:])")]
    private static partial Regex ScriptDateTime();

    [GeneratedRegex(@"""date(?:Published|Created)""\s*:\s*""([^""]{6,40})""")]
    private static partial Regex JsonDatePublished();

    [GeneratedRegex(@"date|time|publi|posted|dateline|byline|entry-meta|post-meta|article-meta|meta-info|submitted|datum|fecha|data|zeit", RegexOptions.IgnoreCase)]
    private static partial Regex DateMarker();

    // Besides updates, comments and sidebars: the site's header and navigation, whose date is today's edition.
    [GeneratedRegex(@"modif|updat|comment|sidebar|widget|footer|related|recent|archive|calendar|dateModified|reply|respond|\bnav(?:top|bar|wrap|igation)|topnav|main-?nav|logo|masthead|topbar|site-?header", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideMarker();

}

using System.Text.RegularExpressions;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Turns what pages put in their byline slot into authors' names: "By" and its translations, dates
/// and times, "Updated" lines, job titles, wire agencies and profile addresses go; words glued
/// together by markup without spaces ("Jane DoeReuters", "Smith22 Dec 2016") are split first; several
/// authors come back joined by ", ". A named wire agency is kept apart as the article's credit.
/// </summary>
public static partial class BylineCleaner
{
    /// <summary>Longest single name kept; longer parts are sentences, not names.</summary>
    public const int MaxNameChars = 60;

    /// <summary>Most words a single name can have.</summary>
    public const int MaxNameWords = 6;

    // Wire services credited in bylines; they are the article's source, not its authors.
    private static readonly HashSet<string> Agencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "ap", "associated press", "the associated press", "reuters", "thomson reuters", "afp", "agence france-presse", "agence france presse",
        "dpa", "apa", "epd", "kna", "sid", "ansa", "efe", "europa press", "xinhua", "upi", "pa", "pa media", "press association",
        "bloomberg", "bloomberg news", "cnn wire", "tass", "ria novosti", "kyodo", "yonhap", "aap", "cp", "the canadian press",
        "canadian press", "belga", "anp", "lusa", "agencias", "agences", "agenturen", "wires", "wire services", "staff", "staff reports",
        "news wires", "nyt", "ians", "pti", "ani",
    };

    // Words that say who filed no more than an agency name does, but credit nobody outside the newsroom.
    private static readonly HashSet<string> NotCredits = new(StringComparer.OrdinalIgnoreCase) { "staff", "staff reports" };

    /// <summary>Longest agency credit kept (several agencies joined by ", ").</summary>
    public const int MaxAgencyChars = 100;

    /// <summary>The authors' names in <paramref name="byline"/>, joined by ", ", or null when none is left.</summary>
    public static string? Clean(string? byline) => Split(byline).Authors;

    /// <summary>
    /// The authors' names and the wire agencies credited in <paramref name="byline"/> ("By Jane Doe, Reuters",
    /// "Jane Doe | AP", "(AFP)"), each joined by ", ", or null when there is none.
    /// </summary>
    public static BylineParts Split(string? byline)
    {
        if (string.IsNullOrWhiteSpace(byline))
        {
            return BylineParts.None;
        }

        var text = byline.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return BylineParts.None;
        }

        text = GluedWords().Replace(text, " ");
        text = GluedDigits().Replace(text, "$1 $2");
        text = Parenthesised().Replace(text, " ");

        // "(AFP)", "[dpa]": a bracketed agency is a credit wherever it stands.
        var agencies = new List<string>();
        text = Bracketed().Replace(text, m =>
        {
            var inside = TextTools.FoldWhitespace(m.Groups[1].Value);
            if (!IsAgency(inside))
            {
                return m.Value;
            }

            AddOnce(agencies, inside);
            return " ";
        });
        text = TextTools.FoldWhitespace(text);

        // Everything from a date, a time, an "Updated" label or any digit on is when, not who.
        var cut = DateOrLabel().Match(text);
        if (cut.Success)
        {
            text = text[..cut.Index];
        }

        var digit = text.AsSpan().IndexOfAnyInRange('0', '9');
        if (digit >= 0)
        {
            text = text[..digit];
        }

        var names = new List<string>();
        foreach (var raw in Separators().Split(text))
        {
            var part = Leading().Replace(raw.Trim(' ', '-', '–', '—', '|', '·', ':', '.', ','), string.Empty).Trim(' ', '-', '–', '—', '|', '·', ':', ',');
            if (IsAgency(part))
            {
                AddOnce(agencies, part);
                continue;
            }

            var (name, agency) = WithoutTrailingAgency(part);
            if (agency is not null)
            {
                AddOnce(agencies, agency);
            }

            if (IsName(name))
            {
                AddOnce(names, name);
            }
        }

        var credit = agencies.Count == 0 ? null : string.Join(", ", agencies);
        return new BylineParts(names.Count == 0 ? null : string.Join(", ", names), credit?.Length <= MaxAgencyChars ? credit : null);
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(value);
        }
    }

    private static bool IsAgency(string part) => Agencies.Contains(part) && !NotCredits.Contains(part);

    // "Jane Doe Reuters" (the agency glued on by markup, then split apart above) is Jane Doe, credited to Reuters.
    private static (string Name, string? Agency) WithoutTrailingAgency(string part)
    {
        foreach (var agency in Agencies)
        {
            // Short agency names count only as written (AP, AFP, dpa), never inside an ordinary surname.
            var tail = part.Length > agency.Length + 1 && part[^(agency.Length + 1)] == ' ' ? part[^agency.Length..] : null;
            if (tail is not null && (agency.Length >= 4
                ? tail.Equals(agency, StringComparison.OrdinalIgnoreCase)
                : string.Equals(tail, agency, StringComparison.Ordinal) || (tail.All(char.IsUpper) && tail.Equals(agency, StringComparison.OrdinalIgnoreCase))))
            {
                return (part[..^(agency.Length + 1)].TrimEnd(), NotCredits.Contains(tail) ? null : tail);
            }
        }

        return (part, null);
    }

    private static bool IsName(string part)
    {
        if (part.Length is < 2 or > MaxNameChars || part.Contains('@') || part.Contains("://", StringComparison.Ordinal) || Agencies.Contains(part))
        {
            return false;
        }

        if (JobTitle().IsMatch(part))
        {
            return false;
        }

        // A lone lower-case word in a cased script is a user handle ("mcupdate"), not a name.
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var handle = words.Length == 1 && part.Any(char.IsLower) && !part.Any(char.IsUpper);
        return words.Length <= MaxNameWords && !handle && part.Any(char.IsLetter) && !part.Any(char.IsDigit);
    }

    // Lower-case letters straight into a capitalised word: markup lost the space between two fields.
    // Two lower-case letters first and not after Mac or Fitz, so "McDonald", "DeSantis" and "MacKenzie" stay whole.
    [GeneratedRegex(@"(?<=\p{Ll}\p{Ll})(?<!\b(?:Mac|Fitz))(?=\p{Lu}\p{Ll})")]
    private static partial Regex GluedWords();

    [GeneratedRegex(@"[(\[]\s*([^()\[\]]{2,40}?)\s*[)\]]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"(\p{L})(\d)")]
    private static partial Regex GluedDigits();

    [GeneratedRegex(@"\((?:https?://|www\.)[^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?i)\b(updated|published|posted|last updated|aktualisiert|veröffentlicht|mis à jour|publié le|publicado|actualizado|pubblicato|aggiornato)\b|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s+\p{L}{3,}\.?\s+\d{4}\b|\b\p{L}{3,}\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")]
    private static partial Regex DateOrLabel();

    [GeneratedRegex(@"\s*(?:,|;|\||/|\s&\s|\s+(?:and|und|et|y|e|en|og|och|i|и)\s+|\n|\s[-–—]\s)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:(?:written|reported|text|photos?|words|interview)\s+)?(?:by|von|par|por|door|av|af|przez|от|autor(?:in)?:?|author:?|texte?:?)\s+|^(?:by|von|par|por):?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Leading();

    [GeneratedRegex(@"(?i)\b(reporter|correspondent|editor|editorial|writer|columnist|contributor|contributing|journalist|photographer|producer|staff|senior|chief|bureau|redaktion|redakteur|korrespondent|rédaction|rédacteur|redacción|redazione|news desk|newsdesk|health news|follow|twitter|email|more by|view all|posts by|min read|read more|opinion|analysis)\b")]
    private static partial Regex JobTitle();
}

/// <summary>A byline split into the authors' names and the wire agencies it credits (each joined by ", ", or null).</summary>
public sealed record BylineParts(string? Authors, string? Agency)
{
    /// <summary>Neither names nor an agency.</summary>
    public static readonly BylineParts None = new(null, null);
}

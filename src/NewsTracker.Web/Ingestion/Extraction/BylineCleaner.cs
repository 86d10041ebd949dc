using System.Text.RegularExpressions;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Turns what pages put in their byline slot into authors' names: "By" and its translations, dates
/// and times, "Updated" lines, job titles, wire agencies and profile addresses go; words glued
/// together by markup without spaces ("Jane DoeReuters", "Smith22 Dec 2016") are split first; several
/// authors come back joined by ", ".
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

    /// <summary>The authors' names in <paramref name="byline"/>, joined by ", ", or null when none is left.</summary>
    public static string? Clean(string? byline)
    {
        if (string.IsNullOrWhiteSpace(byline))
        {
            return null;
        }

        var text = byline.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        text = GluedWords().Replace(text, " ");
        text = GluedDigits().Replace(text, "$1 $2");
        text = Parenthesised().Replace(text, " ");
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
            var name = WithoutTrailingAgency(Leading().Replace(raw.Trim(' ', '-', '–', '—', '|', '·', ':', '.', ','), string.Empty).Trim(' ', '-', '–', '—', '|', '·', ':', ','));
            if (IsName(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? null : string.Join(", ", names);
    }

    // "Jane Doe Reuters" (the agency glued on by markup, then split apart above) is Jane Doe.
    private static string WithoutTrailingAgency(string part)
    {
        foreach (var agency in Agencies)
        {
            // Short agency names count only as written (AP, AFP, dpa), never inside an ordinary surname.
            var tail = part.Length > agency.Length + 1 && part[^(agency.Length + 1)] == ' ' ? part[^agency.Length..] : null;
            if (tail is not null && (agency.Length >= 4
                ? tail.Equals(agency, StringComparison.OrdinalIgnoreCase)
                : string.Equals(tail, agency, StringComparison.Ordinal) || (tail.All(char.IsUpper) && tail.Equals(agency, StringComparison.OrdinalIgnoreCase))))
            {
                return part[..^(agency.Length + 1)].TrimEnd();
            }
        }

        return part;
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

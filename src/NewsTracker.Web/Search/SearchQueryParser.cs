using System.Globalization;
using System.Text;

namespace NewsTracker.Web.Search;

/// <summary>
/// Reads the search language. It never fails: whatever cannot be used is dropped with a warning, so any
/// input (10 KB of punctuation included) gives a query or a friendly "nothing to search for".
/// </summary>
public static class SearchQueryParser
{
    /// <summary>Longest query read; the rest is ignored with a warning.</summary>
    public const int MaxQueryLength = 2_000;

    /// <summary>Most terms used; more would make the index work for little gain.</summary>
    public const int MaxTerms = 32;

    /// <summary>Shortest prefix allowed before <c>*</c>: one letter would match half the index.</summary>
    public const int MinPrefixLength = 2;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];

    public static SearchQuery Parse(string? input)
    {
        var warnings = new List<string>();
        var text = input ?? string.Empty;
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
            warnings.Add($"Only the first {MaxQueryLength:N0} characters of the query were used.");
        }

        var groups = new List<List<SearchTerm>>();
        var excluded = new List<SearchTerm>();
        var outlets = new List<string>();
        var actors = new List<string>();
        var topics = new List<string>();
        var languages = new List<string>();
        DateTime? after = null, before = null;
        var orPending = false;
        var termCount = 0;

        foreach (var token in Tokenize(text))
        {
            if (token.Quoted is false && token.Negated is false && token.Field is null && token.Value == "OR")
            {
                orPending = groups.Count > 0;
                continue;
            }

            switch (token.Field)
            {
                case "outlet":
                    AddFilter(outlets, token.Value);
                    continue;
                case "actor":
                    AddFilter(actors, token.Value);
                    continue;
                case "topic":
                    AddFilter(topics, token.Value);
                    continue;
                case "lang":
                    AddFilter(languages, token.Value.ToLowerInvariant());
                    continue;
                case "after":
                    after = ParseDate(token.Value, "after", warnings) ?? after;
                    continue;
                case "before":
                    before = ParseDate(token.Value, "before", warnings) is { } day ? EndOfPeriod(day, token.Value) : before;
                    continue;
            }

            var term = ToTerm(token, warnings);
            if (term is null)
            {
                orPending = false;
                continue;
            }

            if (++termCount > MaxTerms)
            {
                if (termCount == MaxTerms + 1)
                {
                    warnings.Add($"Only the first {MaxTerms} search terms were used.");
                }

                continue;
            }

            if (token.Negated)
            {
                excluded.Add(term);
                orPending = false;
            }
            else if (orPending)
            {
                groups[^1].Add(term);
                orPending = false;
            }
            else
            {
                groups.Add([term]);
            }
        }

        if (groups.Count == 0 && excluded.Count > 0)
        {
            warnings.Add("A search needs at least one word to look for, not only words to leave out.");
            excluded.Clear();
        }

        if (after is not null && before is not null && after > before)
        {
            warnings.Add("The 'after' date is later than the 'before' date, so nothing can match.");
        }

        return new SearchQuery
        {
            Required = groups,
            Excluded = excluded,
            Outlets = outlets,
            Actors = actors,
            Topics = topics,
            Languages = languages,
            AfterUtc = after,
            BeforeUtc = before,
            Warnings = warnings,
        };
    }

    private static void AddFilter(List<string> filter, string value)
    {
        var clean = value.Trim();
        if (clean.Length > 0 && clean.Length <= 200 && !filter.Contains(clean, StringComparer.OrdinalIgnoreCase))
        {
            filter.Add(clean);
        }
    }

    private static SearchTerm? ToTerm(Token token, List<string> warnings)
    {
        var titleOnly = token.Field == "title";
        if (token.Field is not null && !titleOnly)
        {
            warnings.Add($"'{token.Field}:' is not a filter here; searched for the words instead.");
        }

        if (token.Quoted)
        {
            var words = Words(token.Value);
            return words.Count switch
            {
                0 => null,
                1 => new SearchTerm(words[0], SearchTermKind.Word, titleOnly),
                _ => new SearchTerm(string.Join(' ', words), SearchTermKind.Phrase, titleOnly),
            };
        }

        var prefix = token.Value.EndsWith('*');
        var parts = Words(token.Value);
        if (parts.Count == 0)
        {
            return null;
        }

        // "U.S." or "pro-Russian" are one thing to a reader: search them as a phrase of their parts.
        if (parts.Count > 1)
        {
            return new SearchTerm(string.Join(' ', parts), SearchTermKind.Phrase, titleOnly);
        }

        if (prefix && parts[0].Length < MinPrefixLength)
        {
            warnings.Add($"'{token.Value}' is too short to search by prefix; searched for '{parts[0]}' as a word.");
            prefix = false;
        }

        return new SearchTerm(parts[0], prefix ? SearchTermKind.Prefix : SearchTermKind.Word, titleOnly);
    }

    /// <summary>Letters and digits only, lower-cased: the same notion of a word the index uses.</summary>
    private static List<string> Words(string value)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static DateTime? ParseDate(string value, string field, List<string> warnings)
    {
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return DateTime.SpecifyKind(date, DateTimeKind.Utc);
        }

        warnings.Add($"'{field}:{value}' is not a date; write it as {field}:2026-11-26.");
        return null;
    }

    /// <summary><c>before:2026-03</c> means up to the end of March, <c>before:2026-03-05</c> the end of that day;
    /// a period ending after the last day a DateTime holds (<c>before:9999</c>) means no limit at all.</summary>
    private static DateTime EndOfPeriod(DateTime start, string written)
    {
        var end = written.Length switch
        {
            4 => start.Year < DateTime.MaxValue.Year ? start.AddYears(1) : (DateTime?)null,
            7 => start.Year < DateTime.MaxValue.Year || start.Month < 12 ? start.AddMonths(1) : null,
            _ => start.Date < DateTime.MaxValue.Date ? start.AddDays(1) : null,
        };
        return end ?? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
    }

    private readonly record struct Token(string Value, string? Field, bool Quoted, bool Negated);

    private static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                yield break;
            }

            var negated = false;
            if (text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                negated = true;
                i++;
            }

            string? field = null;
            var fieldEnd = i;
            while (fieldEnd < text.Length && char.IsAsciiLetter(text[fieldEnd]))
            {
                fieldEnd++;
            }

            if (fieldEnd > i && fieldEnd + 1 < text.Length && text[fieldEnd] == ':' && !char.IsWhiteSpace(text[fieldEnd + 1]))
            {
                field = text[i..fieldEnd].ToLowerInvariant();
                i = fieldEnd + 1;
            }

            if (i < text.Length && text[i] is '"' or '“' or '”')
            {
                var close = text.IndexOfAny(['"', '“', '”'], i + 1);
                var end = close < 0 ? text.Length : close;
                yield return new Token(text[(i + 1)..end], field, Quoted: true, negated);
                i = close < 0 ? text.Length : close + 1;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            yield return new Token(text[start..i], field, Quoted: false, negated);
        }
    }
}

using System.Globalization;
using System.Text;
using NewsTracker.Web.Annotations.Suggestions;

namespace NewsTracker.Web.Stories;

/// <summary>
/// What an article says about its event, as weighted terms of its title and lede: words (stop words out, plurals
/// folded), the actors and places the suggestion engine finds (<c>n:</c>), numbers (<c>#</c>) and calendar days
/// (<c>@</c>). Two reports of one event in different words still share these; see docs/decisions/0016.
/// </summary>
public static class EventTerms
{
    /// <summary>Words of the body read after the title: the lede, where a report says what happened.</summary>
    public const int LedeWords = 70;

    /// <summary>Terms kept per article, the heaviest first: bounds storage and the cost of comparing.</summary>
    public const int MaxTerms = 48;

    /// <summary>Longest term kept (a longer one is a name or a number nobody else writes the same way).</summary>
    public const int MaxTermLength = 60;

    private const int TitleWeight = 2;
    private const int NameWeight = 2;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such",
        "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
        "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says", "say", "according", "told",
        "new", "news", "report", "reports", "reported", "reporting", "update", "updates", "live", "breaking", "latest",
        "watch", "video", "photos", "first", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "year", "years", "day", "days", "week", "time", "people", "us", "may", "might", "many", "much", "least",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
        "morning", "evening", "night", "earlier", "later", "last", "next", "still", "since", "amid", "via", "per",
        "mr", "mrs", "ms", "dr", "get", "got", "make", "made", "take", "took", "go", "went", "come", "came", "see",
    };

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4,
        ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    /// <summary>The first <see cref="LedeWords"/> words of the body's paragraphs.</summary>
    public static string Lede(string plainText)
    {
        var words = 0;
        var end = 0;
        var inWord = false;
        for (var i = 0; i < plainText.Length; i++)
        {
            var isWord = !char.IsWhiteSpace(plainText[i]);
            if (isWord && !inWord && ++words > LedeWords)
            {
                break;
            }

            inWord = isWord;
            end = i + 1;
        }

        return plainText[..end];
    }

    /// <summary>Term → weight (title words count twice, names twice more), at most <see cref="MaxTerms"/> of them.</summary>
    public static IReadOnlyDictionary<string, int> Extract(string title, string lede)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        AddWords(weights, title, TitleWeight);
        AddWords(weights, lede, 1);

        var text = title + ".\n\n" + lede;
        foreach (var suggestion in SuggestionEngine.Suggest(text, []))
        {
            if (suggestion.Kind == SuggestionKind.ActorMention && suggestion.Confidence >= Suggestion.ShownByDefault)
            {
                var name = "n:" + Fold(suggestion.NormalisedName).Replace(' ', '_');
                if (name.Length <= MaxTermLength)
                {
                    weights[name] = weights.GetValueOrDefault(name) + NameWeight;
                }
            }
        }

        return weights.Count <= MaxTerms
            ? weights
            : weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(MaxTerms).ToDictionary(StringComparer.Ordinal);
    }

    /// <summary>The distinct content words of a text (stop words out, plurals folded), for comparing headlines.</summary>
    public static IReadOnlySet<string> Words(string text)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        AddWords(weights, text, 1);
        return weights.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Terms as stored on the article: "term:weight" separated by spaces (terms hold no spaces).</summary>
    public static string Format(IReadOnlyDictionary<string, int> terms) =>
        string.Join(' ', terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + ":" + t.Value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The stored form read back; malformed parts are skipped.</summary>
    public static Dictionary<string, int> Parse(string? stored)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(stored))
        {
            return terms;
        }

        foreach (var part in stored.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon > 0 && int.TryParse(part.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                terms[part[..colon]] = weight;
            }
        }

        return terms;
    }

    private static void AddWords(Dictionary<string, int> weights, string text, int weight)
    {
        var tokens = Tokens(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            string? term;
            if (char.IsDigit(token[0]))
            {
                term = Number(token);

                // "January 2" and "2 January" name a day; the day is a term of its own.
                if (term is not null && int.TryParse(term.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
                {
                    var month = i > 0 && Months.TryGetValue(tokens[i - 1], out var before) ? before
                        : i + 1 < tokens.Count && Months.TryGetValue(tokens[i + 1], out var after) ? after : 0;
                    if (month > 0)
                    {
                        Add(weights, string.Create(CultureInfo.InvariantCulture, $"@{month:00}-{day:00}"), weight);
                    }
                }
            }
            else
            {
                term = StopWords.Contains(token) || token.Length < 2 || Months.ContainsKey(token) ? null : Stem(token);
            }

            if (term is not null && term.Length <= MaxTermLength)
            {
                Add(weights, term, weight);
            }
        }
    }

    private static void Add(Dictionary<string, int> weights, string term, int weight) =>
        weights[term] = weights.GetValueOrDefault(term) + weight;

    /// <summary>Lower-case word tokens; digits keep their separators ("1,600", "6.8") and a word its inner
    /// apostrophes and hyphens ("coast-guard" stays one), possessive "'s" dropped.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            var inner = start >= 0 && i + 1 < folded.Length && char.IsLetterOrDigit(folded[i + 1])
                && (c is '\'' or '-' || (c is ',' or '.' && char.IsDigit(folded[i - 1]) && char.IsDigit(folded[i + 1])));
            if (char.IsLetterOrDigit(c) || inner)
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0)
            {
                var token = folded[start..i];
                token = token.EndsWith("'s", StringComparison.Ordinal) ? token[..^2] : token;
                if (token.Length > 0)
                {
                    tokens.Add(token);
                }

                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>Lower case without accents, typographic apostrophes as plain ones.</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c is '\u2019' or '\u2018' ? '\'' : char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>"1,600" and "1600" are one number; "6.8" keeps its point; anything else with digits is not a number.</summary>
    private static string? Number(string token)
    {
        var digits = token.Replace(",", string.Empty, StringComparison.Ordinal);
        return digits.All(c => char.IsDigit(c) || c == '.') ? "#" + digits.TrimEnd('.') : null;
    }

    /// <summary>Plural and possessive endings folded, enough for "blasts"/"blast", "crashes"/"crash", "cities"/"city".</summary>
    private static string Stem(string word)
    {
        if (word.Contains('\'', StringComparison.Ordinal))
        {
            word = word.Replace("'", string.Empty, StringComparison.Ordinal);
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        // "crashes", "catches", "surpasses", "boxes": the "es" belongs to the plural.
        if (word.Length > 4 && (word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)
            || word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }
}

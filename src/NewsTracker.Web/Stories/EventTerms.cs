using System.Buffers;
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

    // Before the word lists below: their initialisers stem their words, which reads it.
    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouy");

    private const int TitleWeight = 2;
    private const int NameWeight = 2;

    /// <summary>Names are keys here, not tags an editor is shown: a capitalised pair, or a word the title and lede repeat
    /// ("on Maui" twice), counts even when the short text gives no sign that it acts (the default view wants one, see
    /// PageContext), as they did before that evidence was asked for.</summary>
    private const double NameConfidence = 0.65;

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

    /// <summary>
    /// Words different outlets use for one thing in their first lines ("quake"/"earthquake", "blaze"/"wildfire"):
    /// kept to the names of events' kinds, not general synonyms, so two different events do not look alike.
    /// </summary>
    private static readonly Dictionary<string, string> Synonyms = Equivalents("""
        quake|tremor|earthquake=earthquake blast|explosion=explosion chopper|copter|helicopter=helicopter
        wildfire|blaze|inferno|conflagration|bushfire=wildfire shot|shooting=shooting gunfire|gunshot=gunfire
        turkiye=turkey
        """);

    /// <summary>A country's adjective is its name as a term ("Moroccan" earthquake, "Morocco" earthquake): outlets
    /// write either, and the suggestion engine finds only the name.</summary>
    private static readonly Dictionary<string, string> Demonyms = Equivalents("""
        afghan=afghanistan algerian=algeria argentine|argentinian=argentina armenian=armenia australian=australia
        austrian=austria azerbaijani=azerbaijan belarusian=belarus belgian=belgium brazilian=brazil british=britain
        bulgarian=bulgaria canadian=canada chilean=chile chinese=china colombian=colombia croatian=croatia cuban=cuba
        danish=denmark dutch=netherlands ecuadorian=ecuador egyptian=egypt ethiopian=ethiopia filipino=philippines
        finnish=finland french=france georgian=georgia german=germany ghanaian=ghana greek=greece haitian=haiti
        hawaiian=hawaii hungarian=hungary indian=india indonesian=indonesia iranian=iran iraqi=iraq irish=ireland
        israeli=israel italian=italy japanese=japan jordanian=jordan kenyan=kenya korean=korea kuwaiti=kuwait
        lebanese=lebanon libyan=libya mexican=mexico moroccan=morocco nepalese|nepali=nepal nigerian=nigeria
        norwegian=norway pakistani=pakistan palestinian=palestine peruvian=peru polish=poland portuguese=portugal
        qatari=qatar russian=russia serbian=serbia slovak|slovakian=slovakia slovenian=slovenia somali=somalia
        spanish=spain sudanese=sudan swedish=sweden swiss=switzerland syrian=syria taiwanese=taiwan thai=thailand
        turkish=turkey ukrainian=ukraine venezuelan=venezuela vietnamese=vietnam yemeni=yemen zimbabwean=zimbabwe
        """);

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
        var names = SuggestionEngine.Actors(text);
        var repeated = names.Where(s => s.Reason == SuggestionReasons.CapitalisedWord).GroupBy(s => s.Text, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var suggestion in names)
        {
            if (suggestion.Kind == SuggestionKind.ActorMention && (suggestion.Confidence >= NameConfidence || repeated.Contains(suggestion.Text)))
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
        // "magnitude-7.8", "71-year-old": a word and a number written as one token are the word and the number.
        var tokens = Tokens(text)
            .SelectMany(t => t.Contains('-', StringComparison.Ordinal) && t.Any(char.IsDigit) ? t.Split('-', StringSplitOptions.RemoveEmptyEntries) : [t])
            .ToList();
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
                term = StopWords.Contains(token) || token.Length < 2 || Months.ContainsKey(token) ? null : Term(Stem(token));
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

    /// <summary>
    /// A light stemmer: plural, "-ed" and "-ing" endings folded, so "killed", "killing" and "kills" are one term, as are
    /// "collapsed" and "collapse", "cities" and "city". The result is a term, not always a word ("collaps").
    /// </summary>
    private static string Stem(string word)
    {
        if (word.Contains('\'', StringComparison.Ordinal))
        {
            word = word.Replace("'", string.Empty, StringComparison.Ordinal);
        }

        if (word.Length <= 3)
        {
            return word;
        }

        word = Singular(word);
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) && HasVowel(word[..^3]))
        {
            word = Undouble(word[..^3]);
        }
        else if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal) && HasVowel(word[..^2]))
        {
            word = Undouble(word[..^2]);
        }

        // "collapse"/"collaps(ed)", "injury"/"injuri(es)", "hospitalize"/"hospitalise": one spelling for each.
        if (word.Length > 4 && word[^1] == 'e')
        {
            word = word[..^1];
        }

        if (word.Length > 3 && word[^1] == 'y')
        {
            word = word[..^1] + "i";
        }

        return word.EndsWith("iz", StringComparison.Ordinal) ? word[..^1] + "s" : word;
    }

    /// <summary>Plural endings folded: "blasts", "crashes", "cities" ("citi" after <see cref="Stem"/>), "gunmen".</summary>
    private static string Singular(string word)
    {
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

        if (word.Length > 5 && word.EndsWith("men", StringComparison.Ordinal))
        {
            return word[..^3] + "man";
        }

        return word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal)
            ? word[..^1]
            : word;
    }

    private static bool HasVowel(string stem) => stem.Length >= 3 && stem.AsSpan().IndexOfAny(Vowels) >= 0;

    /// <summary>"stopp(ed)" is "stop", "plann(ed)" is "plan"; "kill(ed)" and "pass(ed)" keep theirs.</summary>
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && "aeiouylsz".IndexOf(stem[^1], StringComparison.Ordinal) < 0 ? stem[..^1] : stem;

    private static string Term(string stem) =>
        Demonyms.TryGetValue(stem, out var place) ? place : Synonyms.TryGetValue(stem, out var word) ? word : stem;

    /// <summary>Surface word → the word it stands for, both through <see cref="Stem"/>. Built from "word|word=word" lines.</summary>
    private static Dictionary<string, string> Equivalents(string lines)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=');
                var target = Stem(parts[1]);
                foreach (var surface in parts[0].Split('|'))
                {
                    map[Stem(surface)] = target;
                }
            }
        }

        return map;
    }
}

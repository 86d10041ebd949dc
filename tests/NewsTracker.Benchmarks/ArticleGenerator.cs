using System.Globalization;
using System.Text;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Benchmarks;

/// <summary>One generated article, as an import line would carry it.</summary>
public sealed record GeneratedArticle(string Title, string Outlet, string Url, DateTime PublishedUtc, IReadOnlyList<string> Paragraphs, string Byline)
{
    /// <summary>The text form ingestion reads: title on the first line, paragraphs separated by blank lines.</summary>
    public string Text => Title + "\n\n" + string.Join("\n\n", Paragraphs);

    /// <summary>The ingestion command for this article, as an import line would give it.</summary>
    public IngestArticle.Command ToCommand() => new()
    {
        Text = Text,
        Url = Url,
        Outlet = Outlet,
        Byline = Byline,
        PublishedUtc = PublishedUtc,
        Language = "en",
        Origin = "import",
    };
}

/// <summary>
/// Plausible news articles from a seeded <see cref="Random"/>, so every run ingests the same corpus:
/// headlines from word lists, a dozen outlets, dates over a year, and 4–10 paragraphs whose words follow
/// a Zipf distribution (a few very common words, a long tail of rare ones), as real prose does.
/// </summary>
public sealed class ArticleGenerator
{
    /// <summary>Changes whenever the generated corpus changes, so cached databases built from an older one are not reused.</summary>
    public const int Version = 3;

    /// <summary>Distinct body words by default: enough for the import benchmark, whose numbers were measured with it.</summary>
    public const int DefaultVocabularySize = 20_000;

    private const int Seed = 20261126;
    private const double ZipfExponent = 1.07;
    private const int MinParagraphs = 4;
    private const int MaxParagraphs = 10;
    private const int MinSentences = 2;
    private const int MaxSentences = 5;
    private const int MinWords = 8;
    private const int MaxWords = 22;
    private static readonly DateTime FirstDay = new(2025, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Name, string Domain)[] Outlets =
    [
        ("Riverside Gazette", "gazette.example"), ("The Daily Ledger", "ledger.example"), ("Coast Courier", "courier.example"),
        ("Northern Herald", "herald.example"), ("Capital Wire", "capitalwire.example"), ("Metro Tribune", "tribune.example"),
        ("The Evening Post", "eveningpost.example"), ("Valley Chronicle", "chronicle.example"), ("Harbour Times", "harbourtimes.example"),
        ("Continental Review", "review.example"), ("The Observer Desk", "observerdesk.example"), ("Island Post", "islandpost.example"),
    ];

    private static readonly string[] Subjects =
    [
        "Council", "Ministers", "Union leaders", "Regulators", "Prosecutors", "Health officials", "Rail operator", "Central bank",
        "Parliament", "Mayor", "Farmers", "Teachers", "Energy firm", "Court", "Police", "Researchers", "Airline", "Hospital trust",
    ];

    private static readonly string[] Verbs =
    [
        "approves", "rejects", "delays", "backs", "questions", "announces", "cuts", "expands", "probes", "defends", "warns over",
        "agrees", "suspends", "reviews", "unveils", "criticises",
    ];

    private static readonly string[] Objects =
    [
        "flood barrier plan", "pay deal", "budget cuts", "new rail line", "housing targets", "water charges", "border checks",
        "school funding", "wind farm", "hospital merger", "fuel subsidies", "port expansion", "tax reform", "ceasefire talks",
        "bus fares", "grain exports", "data law", "airport runway",
    ];

    private static readonly string[] Tails =
    [
        "after decade of delays", "amid protests", "as talks resume", "despite warnings", "in late-night vote", "after report",
        "ahead of election", "as costs rise", "following inquiry", string.Empty, string.Empty, string.Empty,
    ];

    // The head of the distribution is real English, so the text reads like prose to the tokenizer and SimHash.
    private static readonly string[] CommonWords =
    [
        "the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "said", "with", "as", "by", "at", "it", "from",
        "his", "her", "they", "be", "has", "have", "had", "not", "are", "were", "an", "which", "this", "but", "their", "after",
        "would", "will", "government", "people", "year", "officials", "minister", "council", "new", "plan", "city", "public",
        "report", "week", "more", "than", "about", "who", "could", "told", "last", "first", "two", "also", "over", "its",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mer", "tan", "vi", "dor", "sel", "pra", "ni", "gu", "bel", "ros", "te", "fa", "lin", "quor", "sta", "mu",
        "ren", "cho", "wid", "ex", "por", "ha", "zen", "tri", "ob", "lu", "cas", "dem",
    ];

    private static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Clara", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kavya", "Liam", "Maya", "Nadia",
        "Omar", "Priya", "Rosa", "Samuel", "Tomas", "Yara",
    ];

    private static readonly string[] LastNames =
    [
        "Andersen", "Baptiste", "Castillo", "Dubois", "Eriksen", "Fischer", "Gallagher", "Haddad", "Ivanova", "Jensen", "Kowalski",
        "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Schneider", "Tanaka", "Varga", "Whitfield",
    ];

    private readonly Random _random = new(Seed);

    // Bylines draw from their own stream, so adding them left every other generated value unchanged.
    private readonly Random _bylineRandom = new(Seed + 2);
    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;

    /// <param name="vocabularySize">Distinct body words. A larger vocabulary lengthens the Zipf tail: with 200 000
    /// words over 100 000 articles the rarest appear in a handful of articles, as names and rare words do in news.</param>
    public ArticleGenerator(int vocabularySize = DefaultVocabularySize)
    {
        _vocabulary = BuildVocabulary(vocabularySize);
        _cumulative = new double[_vocabulary.Length];
        var sum = 0.0;
        for (var rank = 0; rank < _vocabulary.Length; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, ZipfExponent);
            _cumulative[rank] = sum;
        }
    }

    public IReadOnlyList<GeneratedArticle> Generate(int count) => Stream(count).ToList();

    /// <summary>The same articles as <see cref="Generate"/>, one at a time, for corpora too large to hold in memory.</summary>
    public IEnumerable<GeneratedArticle> Stream(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (outlet, domain) = Outlets[_random.Next(Outlets.Length)];
            var tail = Tails[_random.Next(Tails.Length)];
            var title = $"{Subjects[_random.Next(Subjects.Length)]} {Verbs[_random.Next(Verbs.Length)]} {Objects[_random.Next(Objects.Length)]} {tail}".Trim();
            var published = FirstDay.AddMinutes(_random.Next(365 * 24 * 60));
            var paragraphs = Enumerable.Range(0, _random.Next(MinParagraphs, MaxParagraphs + 1)).Select(_ => Paragraph()).ToList();
            var url = string.Create(CultureInfo.InvariantCulture, $"https://{domain}/{published:yyyy/MM}/story-{i}");
            var byline = $"{FirstNames[_bylineRandom.Next(FirstNames.Length)]} {LastNames[_bylineRandom.Next(LastNames.Length)]}";
            yield return new GeneratedArticle(title, outlet, url, published, paragraphs, byline);
        }
    }

    private string Paragraph()
    {
        var text = new StringBuilder();
        var sentences = _random.Next(MinSentences, MaxSentences + 1);
        for (var s = 0; s < sentences; s++)
        {
            var words = _random.Next(MinWords, MaxWords + 1);
            for (var w = 0; w < words; w++)
            {
                var word = Word();
                if (w == 0)
                {
                    text.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
                }
                else
                {
                    text.Append(' ').Append(word);
                }
            }

            text.Append(s == sentences - 1 ? "." : ". ");
        }

        return text.ToString();
    }

    private string Word()
    {
        var target = _random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _vocabulary[index < 0 ? ~index : index];
    }

    private static string[] BuildVocabulary(int vocabularySize)
    {
        // A fixed seed of its own, so the vocabulary does not depend on how many articles are generated.
        var random = new Random(Seed + 1);
        var words = new List<string>(CommonWords);
        var seen = new HashSet<string>(CommonWords, StringComparer.Ordinal);
        while (words.Count < vocabularySize)
        {
            var word = string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)]));
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        return [.. words];
    }
}

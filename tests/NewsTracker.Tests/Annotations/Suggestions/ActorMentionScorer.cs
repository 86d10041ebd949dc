using System.Text.Json;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Annotations.Suggestions;

/// <summary>One hand-labelled article: its plain text and the spans an editor would tag as actor mentions.</summary>
public sealed record LabelledArticle(string Name, string PlainText, IReadOnlyList<TextSpan> Mentions)
{
    public const string FixtureDirectory = "Fixtures/Suggestions";

    /// <summary>Every article of the set, read from <see cref="FixtureDirectory"/> (see its README for the label format).</summary>
    public static IReadOnlyList<LabelledArticle> LoadAll() =>
        Directory.GetFiles(FixtureDirectory, "*.labels.json").Order(StringComparer.Ordinal).Select(Load).ToList();

    public static LabelledArticle Load(string labelsPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(labelsPath));
        var root = json.RootElement;
        var name = Path.GetFileName(labelsPath)[..^".labels.json".Length];
        var textPath = root.TryGetProperty("text", out var pointer)
            ? Path.Combine(FixtureDirectory, pointer.GetString()!)
            : Path.Combine(FixtureDirectory, name + ".txt");
        var plainText = PlainTextArticleParser.Parse(File.ReadAllText(textPath)).PlainText;
        var quotes = root.GetProperty("actors").EnumerateArray().Select(a => a.GetString()!).ToList();
        return new LabelledArticle(name, plainText, Resolve(name, plainText, quotes));
    }

    /// <summary>Each quote binds to its first whole-word occurrence at or after the end of the previous one.</summary>
    private static List<TextSpan> Resolve(string name, string text, List<string> quotes) => RealArticle.Resolve(name, text, quotes);
}

/// <summary>True and false positives of actor-mention suggestions against labels, exact and by overlap.</summary>
public sealed record MentionScore(int Labelled, int Suggested, int ExactHits, int OverlapHitsOfSuggestions, int OverlapHitsOfLabels)
{
    public double Precision => Ratio(ExactHits, Suggested);

    public double Recall => Ratio(ExactHits, Labelled);

    public double F1 => F(Precision, Recall);

    public double LenientPrecision => Ratio(OverlapHitsOfSuggestions, Suggested);

    public double LenientRecall => Ratio(OverlapHitsOfLabels, Labelled);

    public double LenientF1 => F(LenientPrecision, LenientRecall);

    public static MentionScore operator +(MentionScore a, MentionScore b) =>
        new(a.Labelled + b.Labelled, a.Suggested + b.Suggested, a.ExactHits + b.ExactHits,
            a.OverlapHitsOfSuggestions + b.OverlapHitsOfSuggestions, a.OverlapHitsOfLabels + b.OverlapHitsOfLabels);

    public static MentionScore Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Scores the engine's actor mentions for one article (empty registry: the built-in rules only).</summary>
    public static MentionScore Of(LabelledArticle article)
    {
        var suggested = SuggestionEngine.Suggest(article.PlainText, [])
            .Where(s => s.Kind == SuggestionKind.ActorMention)
            .Select(s => new TextSpan(s.Start, s.End))
            .ToList();
        var labels = article.Mentions;
        var exact = suggested.Intersect(labels).Count();
        var suggestionsOverlapping = suggested.Count(s => labels.Any(l => Overlaps(s, l)));
        var labelsOverlapping = labels.Count(l => suggested.Any(s => Overlaps(s, l)));
        return new MentionScore(labels.Count, suggested.Count, exact, suggestionsOverlapping, labelsOverlapping);
    }

    private static bool Overlaps(TextSpan a, TextSpan b) => a.Start < b.End && b.Start < a.End;

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}

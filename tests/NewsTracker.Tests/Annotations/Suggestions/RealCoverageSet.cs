using System.Text.Json;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Annotations.Suggestions;

/// <summary>
/// One real news article of the development set (Fixtures/RealCoverage, see its README): the parsed plain text and
/// the spans an editor would tag as actor mentions and as sources.
/// </summary>
public sealed record RealArticle(string Name, string Split, string PlainText, IReadOnlyList<TextSpan> Actors, IReadOnlyList<TextSpan> Sources)
{
    public const string Directory = "Annotations/Suggestions/Fixtures/RealCoverage";
    public const string Tune = "tune";
    public const string HeldOut = "held-out";
    public const string Seed = "seed";

    /// <summary>A fresh held-out batch, labelled and committed before any rule was scored on it (see the README).</summary>
    public const string HeldOut3 = "heldout3";

    /// <summary>Whether a split's errors may be read while tuning: the tuning set and the seed, never a held-out set.</summary>
    public static bool IsTunable(string split) => split is Tune or Seed;

    /// <summary>The articles of one split; <see cref="Seed"/> is the seed article with its own labels.</summary>
    public static IReadOnlyList<RealArticle> Load(string split) =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, split), "*.labels.json").Order(StringComparer.Ordinal).Select(p => Load(split, p)).ToList();

    private static RealArticle Load(string split, string labelsPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(labelsPath));
        var root = json.RootElement;
        var name = Path.GetFileName(labelsPath)[..^".labels.json".Length];
        var textPath = root.TryGetProperty("text", out var pointer)
            ? Path.Combine(Path.GetDirectoryName(labelsPath)!, pointer.GetString()!)
            : Path.ChangeExtension(Path.ChangeExtension(labelsPath, null), ".txt");
        var plainText = PlainTextArticleParser.Parse(File.ReadAllText(textPath)).PlainText;
        return new RealArticle(name, split, plainText, Resolve(name, plainText, Quotes(root, "actors")), Resolve(name, plainText, Quotes(root, "sources")));
    }

    private static List<string> Quotes(JsonElement root, string property) =>
        root.GetProperty(property).EnumerateArray().Select(a => a.GetString()!).ToList();

    /// <summary>Each quote binds to its first whole-word occurrence at or after the end of the previous one.</summary>
    internal static List<TextSpan> Resolve(string name, string text, List<string> quotes)
    {
        var spans = new List<TextSpan>(quotes.Count);
        var from = 0;
        foreach (var label in quotes)
        {
            // "in [Odisha]" labels only the bracketed part, found where the whole phrase stands.
            var open = label.IndexOf('[', StringComparison.Ordinal);
            var close = label.IndexOf(']', StringComparison.Ordinal);
            var quote = open >= 0 && close > open ? label.Remove(close, 1).Remove(open, 1) : label;
            var (lead, length) = open >= 0 && close > open ? (open, close - open - 1) : (0, quote.Length);
            var at = from;
            while (true)
            {
                at = text.IndexOf(quote, at, StringComparison.Ordinal);
                if (at < 0)
                {
                    throw new InvalidDataException($"{name}: label \"{quote}\" not found after offset {from}.");
                }

                if (IsWordEdge(text, at - 1) && IsWordEdge(text, at + quote.Length))
                {
                    break;
                }

                at++;
            }

            spans.Add(new TextSpan(at + lead, at + lead + length));
            from = at + quote.Length;
        }

        return spans;
    }

    private static bool IsWordEdge(string text, int index) => index < 0 || index >= text.Length || !char.IsLetterOrDigit(text[index]);
}

/// <summary>Hits and misses of one kind of suggestion against labels: exact spans for actors, overlap for sources.</summary>
public sealed record SpanScore(int Labelled, int Suggested, int CorrectSuggestions, int FoundLabels)
{
    public static SpanScore Zero { get; } = new(0, 0, 0, 0);

    public double Precision => Suggested == 0 ? 1 : (double)CorrectSuggestions / Suggested;

    public double Recall => Labelled == 0 ? 1 : (double)FoundLabels / Labelled;

    public static SpanScore operator +(SpanScore a, SpanScore b) =>
        new(a.Labelled + b.Labelled, a.Suggested + b.Suggested, a.CorrectSuggestions + b.CorrectSuggestions, a.FoundLabels + b.FoundLabels);

    /// <summary>Actor mentions count only when the span is exactly the labelled one.</summary>
    public static SpanScore Exact(IReadOnlyList<TextSpan> suggested, IReadOnlyList<TextSpan> labels)
    {
        var set = labels.ToHashSet();
        var hits = suggested.Count(set.Contains);
        return new SpanScore(labels.Count, suggested.Count, hits, hits);
    }

    /// <summary>A source's edges are a matter of taste ("Mr Ross said" or "said"), so a suggestion is right when it
    /// overlaps a labelled attribution, and a label is found when some suggestion overlaps it.</summary>
    public static SpanScore Overlap(IReadOnlyList<TextSpan> suggested, IReadOnlyList<TextSpan> labels) =>
        new(labels.Count, suggested.Count, suggested.Count(s => labels.Any(l => Overlaps(s, l))), labels.Count(l => suggested.Any(s => Overlaps(s, l))));

    private static bool Overlaps(TextSpan a, TextSpan b) => a.Start < b.End && b.Start < a.End;
}

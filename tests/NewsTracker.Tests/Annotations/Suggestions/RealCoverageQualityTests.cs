using System.Globalization;
using System.Text;
using NewsTracker.Web.Annotations.Suggestions;
using Xunit.Abstractions;

namespace NewsTracker.Tests.Annotations.Suggestions;

/// <summary>
/// The suggestion scorer on real news articles (Fixtures/RealCoverage): precision and recall of actor mentions
/// (exact spans) and sources (overlap), for everything suggested and for what the article page shows by default.
/// Run with <c>--logger "console;verbosity=detailed"</c> to see the table docs/benchmarks.md records.
/// </summary>
public sealed class RealCoverageQualityTests(ITestOutputHelper output)
{
    /// <summary>The goals of issue 16: actors precision 0.9 at recall 0.8, sources precision 0.85, as shown by default.</summary>
    private static readonly Floors Goals = new(0.9, 0.8, 0.85);

    // Floors just under what was measured on 2026-12-08 (docs/benchmarks.md), so a regression fails and the goals stay
    // visible beside them. These are development sets: tune is what the rules were chosen on, so its floors say nothing
    // about unseen text; held-out and heldout3 were each scored once after the rules were final, and now guard them.

    /// <summary>Tune, as shown by default: actors 0.987 / 0.940, sources 0.967.</summary>
    private static readonly Floors TuneMeasured = new(0.98, 0.93, 0.96);

    /// <summary>Held-out, scored once after the rules of 2026-12-08 were final: actors 0.912 / 0.830, sources 0.979.</summary>
    private static readonly Floors HeldOutMeasured = new(0.91, 0.83, 0.97);

    /// <summary>The fresh held-out batch, labelled and committed before any rule was scored on it, scored once: actors
    /// 0.912 / 0.835, sources 0.915.</summary>
    private static readonly Floors HeldOut3Measured = new(0.91, 0.83, 0.91);

    [Fact]
    public void Suggestions_meet_the_goals_on_the_tuning_set() => Check(RealArticle.Tune, Max(Goals, TuneMeasured));

    [Fact]
    public void Suggestions_meet_the_goals_on_the_held_out_set() => Check(RealArticle.HeldOut, Max(Goals, HeldOutMeasured));

    [Fact]
    public void Suggestions_meet_the_goals_on_the_fresh_held_out_set() => Check(RealArticle.HeldOut3, Max(Goals, HeldOut3Measured));

    [Fact]
    public void Suggestions_meet_the_goals_on_the_seed_article() => Check(RealArticle.Seed, new Floors(1, 1, 1));

    [Fact]
    public void The_set_has_at_least_fifty_real_articles_besides_the_seed() =>
        Assert.True(RealArticle.Load(RealArticle.Tune).Count + RealArticle.Load(RealArticle.HeldOut).Count + RealArticle.Load(RealArticle.HeldOut3).Count >= 50);

    private static Floors Max(Floors a, Floors b) =>
        new(Math.Max(a.ActorPrecision, b.ActorPrecision), Math.Max(a.ActorRecall, b.ActorRecall), Math.Max(a.SourcePrecision, b.SourcePrecision));

    private sealed record Floors(double ActorPrecision, double ActorRecall, double SourcePrecision);

    private void Check(string split, Floors floors)
    {
        var articles = RealArticle.Load(split);
        var totals = new Totals();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Split: {split}, {articles.Count} articles");
        table.AppendLine("| Article | Actors | Actor P / R (all) | Actor P / R (shown) | Sources | Source P / R (all) | Source P / R (shown) |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        var bareVerbs = new List<string>();
        foreach (var article in articles)
        {
            var suggestions = SuggestionEngine.Suggest(article.PlainText, []);
            var row = Totals.Of(article, suggestions);
            totals.Add(row);
            table.AppendLine(Row(article.Name, row));
            // One word alone is a bare verb ("said"), except the adverb that is a whole attribution by itself.
            bareVerbs.AddRange(suggestions.Where(s => s.Kind == SuggestionKind.Source && !s.Text.Contains(' ', StringComparison.Ordinal) && s.Text != "reportedly")
                .Select(s => $"{article.Name}: \"{s.Text}\""));
            // Held-out errors are never printed: whoever reads them would be tempted to write a rule for them.
            foreach (var miss in RealArticle.IsTunable(split) ? Misses(article, suggestions) : [])
            {
                output.WriteLine(miss);
            }
        }

        table.AppendLine(Row("**All**", totals));
        output.WriteLine(table.ToString());

        Assert.Empty(bareVerbs);
        Assert.True(totals.ShownActors.Precision >= floors.ActorPrecision, $"actor precision {totals.ShownActors.Precision:F3} < {floors.ActorPrecision}");
        Assert.True(totals.ShownActors.Recall >= floors.ActorRecall, $"actor recall {totals.ShownActors.Recall:F3} < {floors.ActorRecall}");
        Assert.True(totals.ShownSources.Precision >= floors.SourcePrecision, $"source precision {totals.ShownSources.Precision:F3} < {floors.SourcePrecision}");
    }

    /// <summary>What went wrong, for the person tuning: wrong actor spans and missed labels, wrong sources.</summary>
    private static IEnumerable<string> Misses(RealArticle article, IReadOnlyList<Suggestion> suggestions)
    {
        var actors = article.Actors.ToHashSet();
        foreach (var s in suggestions.Where(s => s.Kind == SuggestionKind.ActorMention && !actors.Contains(new TextSpan(s.Start, s.End))))
        {
            yield return $"{article.Name}: extra actor \"{s.Text}\" {s.Confidence:F2} {s.Reason}";
        }

        var suggested = suggestions.Where(s => s.Kind == SuggestionKind.ActorMention).Select(s => new TextSpan(s.Start, s.End)).ToHashSet();
        foreach (var l in article.Actors.Where(l => !suggested.Contains(l)))
        {
            yield return $"{article.Name}: missed actor \"{article.PlainText[l.Start..l.End]}\"";
        }

        foreach (var s in suggestions.Where(s => s.Kind == SuggestionKind.Source && !article.Sources.Any(l => l.Start < s.End && s.Start < l.End)))
        {
            yield return $"{article.Name}: extra source \"{s.Text}\" {s.Confidence:F2} {s.Reason}";
        }

        var sources = suggestions.Where(s => s.Kind == SuggestionKind.Source).ToList();
        foreach (var l in article.Sources.Where(l => !sources.Any(s => l.Start < s.End && s.Start < l.End)))
        {
            yield return $"{article.Name}: missed source \"{article.PlainText[l.Start..l.End]}\"";
        }
    }

    private static string Row(string name, Totals t) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {t.AllActors.Labelled} | {t.AllActors.Precision:F3} / {t.AllActors.Recall:F3} | {t.ShownActors.Precision:F3} / {t.ShownActors.Recall:F3} | {t.AllSources.Labelled} | {t.AllSources.Precision:F3} / {t.AllSources.Recall:F3} | {t.ShownSources.Precision:F3} / {t.ShownSources.Recall:F3} |");

    private sealed class Totals
    {
        public SpanScore AllActors { get; private set; } = SpanScore.Zero;
        public SpanScore ShownActors { get; private set; } = SpanScore.Zero;
        public SpanScore AllSources { get; private set; } = SpanScore.Zero;
        public SpanScore ShownSources { get; private set; } = SpanScore.Zero;

        public static Totals Of(RealArticle article, IReadOnlyList<Suggestion> suggestions)
        {
            List<TextSpan> Spans(SuggestionKind kind, bool shownOnly) => suggestions
                .Where(s => s.Kind == kind && (!shownOnly || s.IsConfident))
                .Select(s => new TextSpan(s.Start, s.End)).ToList();
            var t = new Totals
            {
                AllActors = SpanScore.Exact(Spans(SuggestionKind.ActorMention, false), article.Actors),
                ShownActors = SpanScore.Exact(Spans(SuggestionKind.ActorMention, true), article.Actors),
                AllSources = SpanScore.Overlap(Spans(SuggestionKind.Source, false), article.Sources),
                ShownSources = SpanScore.Overlap(Spans(SuggestionKind.Source, true), article.Sources),
            };
            return t;
        }

        public void Add(Totals other)
        {
            AllActors += other.AllActors;
            ShownActors += other.ShownActors;
            AllSources += other.AllSources;
            ShownSources += other.ShownSources;
        }
    }
}

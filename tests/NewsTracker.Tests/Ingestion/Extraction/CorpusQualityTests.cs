using NewsTracker.Web.Ingestion.Extraction;
using Xunit.Abstractions;

namespace NewsTracker.Tests.Ingestion.Extraction;

/// <summary>Holds extraction quality on the readability-test-pages corpus above measured floors. It is a
/// development set (rules were tuned while watching it), so the floors catch regressions, not prove quality.</summary>
public sealed class CorpusQualityTests(ITestOutputHelper output)
{
    // Floors sit just under what was measured (docs/benchmarks.md), so a regression fails the build.
    private const double MinMeanBodyF1 = 0.995;
    private const double MinTitleRate = 0.99;
    private const double MinBylineRate = 0.96;
    private const double MinSiteNameRate = 0.88;
    private const double MinGuessedLanguageRate = 0.90;
    private const double MinDateRate = 0.96;
    private const int WorstPagesShown = 10;

    [CorpusFact]
    public void Corpus_quality_stays_above_its_floors()
    {
        var corpus = CorpusLocator.Find();
        Assert.True(corpus is not null, $"CI=true but the corpus is missing: set {CorpusLocator.EnvironmentVariable} to the readability-test-pages folder.");

        var score = CorpusScorer.Score(corpus);
        output.WriteLine(score.ToMarkdown(WorstPagesShown));
        foreach (var page in score.Pages.Where(p => p.Error is not null))
        {
            output.WriteLine($"{page.Page}: {page.Error}");
        }

        Assert.True(score.MeanBodyF1 >= MinMeanBodyF1, $"Mean body F1 {score.MeanBodyF1:0.0000} fell below {MinMeanBodyF1}.");
        Assert.True(score.TitleRate >= MinTitleRate, $"Title match {score.TitleRate:P1} fell below {MinTitleRate:P1}.");
        Assert.True(score.BylineRate >= MinBylineRate, $"Byline match {score.BylineRate:P1} fell below {MinBylineRate:P1}.");
        Assert.True(score.SiteNameRate >= MinSiteNameRate, $"Site name match {score.SiteNameRate:P1} fell below {MinSiteNameRate:P1}.");
        Assert.True(score.GuessedLanguageRate >= MinGuessedLanguageRate, $"Language guess {score.GuessedLanguageRate:P1} fell below {MinGuessedLanguageRate:P1}.");
        Assert.True(score.DateRate >= MinDateRate, $"Date match {score.DateRate:P1} fell below {MinDateRate:P1}.");
    }
}

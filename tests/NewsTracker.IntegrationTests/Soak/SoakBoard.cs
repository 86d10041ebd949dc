using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>What the simulated editors share: the rows they all edit, the articles they all race to tag, and
/// every write the app acknowledged, to be compared with the database at the end.</summary>
public sealed partial class SoakBoard(NewsTrackerFactory factory, IReadOnlyList<int> contestedActors, int contestedClaim)
{
    /// <summary>The people every generated sentence names; tagging them finds (or first creates) one actor each.</summary>
    public static readonly string[] Names = ["Marta Kovacs", "Jonas Berg", "Amina Diallo", "Tomas Novak", "Ines Duarte"];

    /// <summary>Sentences per tagging article.</summary>
    public const int Sentences = 40;

    private readonly ConcurrentDictionary<int, Lazy<Task<int>>> _raceArticles = new();
    private readonly ConcurrentDictionary<int, Lazy<Task<string>>> _texts = new();

    public IReadOnlyList<int> ContestedActors => contestedActors;

    public int ContestedClaim => contestedClaim;

    /// <summary>Each acknowledged edit of a contested row: the row and the counter it wrote.</summary>
    public ConcurrentQueue<(string Row, int Counter)> Edits { get; } = new();

    /// <summary>Each annotation the API answered 201 for: article and sentence.</summary>
    public ConcurrentQueue<(int ArticleId, int Sentence)> Tags { get; } = new();

    public static string ActorRow(int id) => string.Create(CultureInfo.InvariantCulture, $"actor {id}");

    public static string ClaimRow(int id) => string.Create(CultureInfo.InvariantCulture, $"claim {id}");

    public static string ActorCounter(int counter) => string.Create(CultureInfo.InvariantCulture, $"Soak counter {counter}");

    public static string ClaimCounter(int counter) => string.Create(CultureInfo.InvariantCulture, $"Contested soak claim, revision {counter}");

    /// <summary>The counter in a stored description or statement.</summary>
    public static int ReadCounter(string? text) => int.Parse(CounterPattern().Match(text ?? string.Empty).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>An article of <see cref="Sentences"/> sentences, sentence k reading "Report k says NAME …".</summary>
    public static string ArticleText(string title, int seed)
    {
        var sentences = Enumerable.Range(0, Sentences).Select(k => $"{Prefix(k)}{Name(k)} {SoakText.Paragraph(seed + k, 1)}");
        return title + "\n\n" + string.Join("\n\n", sentences.Chunk(8).Select(chunk => string.Join(" ", chunk)));
    }

    public static string Prefix(int sentence) => string.Create(CultureInfo.InvariantCulture, $"Report {sentence:000} says ");

    public static string Name(int sentence) => Names[sentence % Names.Length];

    /// <summary>The shared article for race round <paramref name="round"/>, stored once whoever asks first.</summary>
    public Task<int> RaceArticleAsync(int round) => _raceArticles.GetOrAdd(round / Sentences, index => new Lazy<Task<int>>(async () =>
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"Shared soak article {index}");
        var result = await factory.SendAsync(new IngestArticle.Command { Text = ArticleText(title, 500_000 + (index * Sentences)), Origin = "soak" });
        return result.ArticleId;
    })).Value;

    /// <summary>Where the name of <paramref name="sentence"/> starts in the article's stored text: the quote alone
    /// is ambiguous (every name recurs), and a prefix differing in one digit is too close to tell them apart.</summary>
    public async Task<int> NameStartAsync(int articleId, int sentence)
    {
        var text = await _texts.GetOrAdd(articleId, id => new Lazy<Task<string>>(() => factory.WithDbAsync(db => db.ArticleVersions
            .Where(v => v.ArticleId == id).OrderByDescending(v => v.Number).Select(v => v.PlainText).FirstAsync()))).Value;
        return text.IndexOf(Prefix(sentence) + Name(sentence), StringComparison.Ordinal) + Prefix(sentence).Length;
    }

    [GeneratedRegex(@"(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CounterPattern();
}

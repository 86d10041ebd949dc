using System.Globalization;
using System.Text.Json;
using NewsTracker.Web.Stories;
using Xunit.Abstractions;

namespace NewsTracker.Tests.Stories;

/// <summary>
/// Runs the development set of real coverage (Fixtures/EventStories, README there) through the same steps ingest
/// takes, article by article in date order with corpus statistics kept as they arrive, and scores the stories
/// against the hand labels: pairwise precision and recall, each split on its own.
/// </summary>
public sealed class EventStoryDevSetTests(ITestOutputHelper output)
{
    /// <summary>The goal as floors on every split: pairwise precision 0.95, recall 0.8 (docs/benchmarks.md has what
    /// each split measures).</summary>
    private const double PrecisionFloor = 0.95;

    private const double RecallFloor = 0.8;

    [Theory]
    [InlineData("tune")]
    [InlineData("heldout")]
    [InlineData("heldout2")]
    public void Reports_of_one_event_by_different_outlets_share_a_story_and_other_events_do_not(string split)
    {
        var items = DevSet.Load(split);
        // Why each item joined or not is printed for the tune split only: the held-out splits are not looked into.
        var stories = DevSet.Cluster(items, split == "tune" ? output.WriteLine : null);
        var (precision, recall, truePairs, predictedPairs, labelledPairs) = DevSet.PairwiseScores(items, stories);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{split}: {items.Count} articles, precision {precision:0.000} ({truePairs}/{predictedPairs}), recall {recall:0.000} ({truePairs}/{labelledPairs})"));
        foreach (var group in items.Select((item, index) => (item, story: stories[index])).GroupBy(x => x.story))
        {
            output.WriteLine($"  story {group.Key}: " + string.Join(", ", group.Select(x => $"{x.item.Id}/{x.item.Event}")));
        }

        Assert.True(precision >= PrecisionFloor, $"pairwise precision {precision:0.000} on {split}");
        Assert.True(recall >= RecallFloor, $"pairwise recall {recall:0.000} on {split}");
    }

    [Fact]
    public void Tune_split_precision_and_recall_by_threshold_are_printed_for_choosing_it()
    {
        var items = DevSet.Load("tune");
        var best = 0.0;
        for (var threshold = 0.10; threshold <= 0.401; threshold += 0.02)
        {
            var (precision, recall, _, _, _) = DevSet.PairwiseScores(items, DevSet.Cluster(items, threshold: threshold));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threshold {threshold:0.00}: precision {precision:0.000} recall {recall:0.000}"));
            best = Math.Max(best, recall);
        }

        Assert.True(best > 0, "no threshold joins anything on the tune split");
    }

    [Fact]
    public void A_later_retrospective_of_an_event_starts_its_own_story()
    {
        var items = DevSet.Load("tune");
        var stories = DevSet.Cluster(items);
        var anniversary = items.FindIndex(i => i.Event == "alaska-1282-anniversary");
        var original = items.FindIndex(i => i.Event == "alaska-1282");

        Assert.NotEqual(stories[original], stories[anniversary]);
    }

    /// <summary>The labelled items and an in-memory copy of what ingest does with them.</summary>
    internal static class DevSet
    {
        public sealed record Item(string Id, string Split, string Event, string Url, DateTime Published, string Title, string Lede);

        public static List<Item> Load(string split) =>
            File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "EventStories", "event-stories.jsonl"))
                .Where(line => line.Length > 0)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Select(e => new Item(
                    e.GetProperty("id").GetString()!, e.GetProperty("split").GetString()!, e.GetProperty("event").GetString()!,
                    e.GetProperty("url").GetString()!,
                    DateTime.SpecifyKind(DateTime.ParseExact(e.GetProperty("published").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc),
                    e.GetProperty("title").GetString()!, e.GetProperty("lede").GetString()!))
                .Where(i => i.Split == split)
                .OrderBy(i => i.Published).ThenBy(i => i.Id, StringComparer.Ordinal)
                .ToList();

        /// <summary>The story each item ends in, ingested in order: keys and statistics as <c>EventStories</c> keeps them.</summary>
        public static List<int> Cluster(IReadOnlyList<Item> items, Action<string>? log = null, double threshold = EventMatcher.JoinThreshold)
        {
            var statistics = new Counts();
            var stored = new List<(IReadOnlyDictionary<string, int> Terms, IReadOnlyList<string> Keys, DateTime Date, int Story)>();
            var stories = new List<int>();
            foreach (var item in items)
            {
                var terms = EventTerms.Extract(item.Title, EventTerms.Lede(item.Lede));
                var keys = EventMatcher.Keys(terms, statistics);
                var candidates = stored
                    .Select((s, index) => (s, index, shared: s.Keys.Count(terms.ContainsKey)))
                    .Where(c => Math.Abs((c.s.Date - item.Published).Ticks) <= EventMatcher.Window.Ticks && c.shared >= EventMatcher.MinSharedKeys)
                    .OrderByDescending(c => c.shared).ThenByDescending(c => c.index)
                    .Take(EventMatcher.MaxCandidates)
                    .Select(c => new EventMatcher.Candidate(c.index, c.s.Story, c.s.Terms))
                    .ToList();
                var story = EventMatcher.ChooseStory(terms, candidates, statistics, threshold) ?? stories.Count;
                if (log is not null)
                {
                    // Why an item joined or not: its closest candidates and the events they were labelled with.
                    var closest = candidates
                        .Select(c => (c.ArticleId, Score: EventMatcher.Similarity(terms, c.Terms, statistics)))
                        .OrderByDescending(c => c.Score).Take(3)
                        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{items[c.ArticleId].Id}/{items[c.ArticleId].Event} {c.Score:0.00}"));
                    log($"  {item.Id}/{item.Event} keys [{string.Join(' ', keys)}] -> story {story}; closest: {string.Join(", ", closest)}");
                }

                statistics.Count(terms.Keys);
                stored.Add((terms, keys, item.Published, story));
                stories.Add(story);
            }

            return stories;
        }

        public static (double Precision, double Recall, int TruePairs, int PredictedPairs, int LabelledPairs) PairwiseScores(IReadOnlyList<Item> items, IReadOnlyList<int> stories)
        {
            int truePairs = 0, predicted = 0, labelled = 0;
            for (var i = 0; i < items.Count; i++)
            {
                for (var j = i + 1; j < items.Count; j++)
                {
                    var sameLabel = items[i].Event == items[j].Event;
                    var sameStory = stories[i] == stories[j];
                    labelled += sameLabel ? 1 : 0;
                    predicted += sameStory ? 1 : 0;
                    truePairs += sameLabel && sameStory ? 1 : 0;
                }
            }

            return (predicted == 0 ? 1 : (double)truePairs / predicted, labelled == 0 ? 1 : (double)truePairs / labelled, truePairs, predicted, labelled);
        }

        private sealed class Counts : EventMatcher.IStatistics
        {
            private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

            public int Articles { get; private set; }

            public int ArticlesWith(string term) => _counts.GetValueOrDefault(term);

            public void Count(IEnumerable<string> terms)
            {
                Articles++;
                foreach (var term in terms)
                {
                    _counts[term] = _counts.GetValueOrDefault(term) + 1;
                }
            }
        }
    }
}

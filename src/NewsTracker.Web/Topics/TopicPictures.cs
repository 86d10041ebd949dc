using System.Globalization;
using NewsTracker.Web.Charts;

namespace NewsTracker.Web.Topics;

/// <summary>
/// The numbers behind a topic's pictures, from its timeline alone (no further queries): articles per month for
/// the topic and per actor, and which actors appear in the same articles. Plain functions, drawn as SVG by the
/// shared chart partial.
/// </summary>
public static class TopicPictures
{
    /// <summary>Actors shown with a chart of their own, the most mentioned first.</summary>
    public const int MaxActorCharts = 6;

    /// <summary>Pairs listed in the "who appears with whom" table.</summary>
    public const int MaxPairs = 10;

    /// <summary>Actors drawn in the network.</summary>
    public const int MaxNetworkActors = 10;

    public sealed record MonthSeries(string Name, int? ActorId, IReadOnlyList<ChartPoint> Months)
    {
        public int Total => (int)Months.Sum(m => m.Value);
    }

    public sealed record Pair(int FirstId, string First, int SecondId, string Second, int Articles);

    /// <summary>Member articles per month over the topic's whole span (empty months included).</summary>
    public static MonthSeries Topic(Timeline.Result timeline) =>
        new("All articles", null, Months(timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Article && !e.IsUndated).Select(e => e.AtUtc).ToList(), Span(timeline)));

    /// <summary>Per actor, the member articles mentioning them each month, over the same span as the topic.</summary>
    public static IReadOnlyList<MonthSeries> Actors(Timeline.Result timeline)
    {
        var span = Span(timeline);
        var articles = timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Article && !e.IsUndated).ToList();
        return timeline.Actors
            .Select(a => new MonthSeries(a.Name, a.Id, Months(articles.Where(e => e.ActorIds.Contains(a.Id)).Select(e => e.AtUtc).ToList(), span)))
            .Where(s => s.Total > 0)
            .OrderByDescending(s => s.Total).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxActorCharts)
            .ToList();
    }

    /// <summary>Actor pairs mentioned in the same member articles, most shared articles first.</summary>
    public static IReadOnlyList<Pair> Pairs(Timeline.Result timeline, int max = MaxPairs)
    {
        var names = timeline.Actors.ToDictionary(a => a.Id, a => a.Name);
        var counts = new Dictionary<(int, int), int>();
        foreach (var entry in timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Article))
        {
            var ids = entry.ActorIds.Where(names.ContainsKey).Distinct().Order().ToList();
            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = i + 1; j < ids.Count; j++)
                {
                    counts[(ids[i], ids[j])] = counts.GetValueOrDefault((ids[i], ids[j])) + 1;
                }
            }
        }

        return counts
            .Select(c => new Pair(c.Key.Item1, names[c.Key.Item1], c.Key.Item2, names[c.Key.Item2], c.Value))
            .OrderByDescending(p => p.Articles).ThenBy(p => p.First, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Second, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .ToList();
    }

    public const int MaxLabelLength = 18;

    /// <summary>The actors of the strongest pairs on a circle, a line per pair whose weight class (w1 to w4)
    /// grows with the shared articles, and each name as text beside its dot.</summary>
    public static ChartLayout Network(string id, string title, IReadOnlyList<Pair> pairs)
    {
        // Wider than tall: labels stand beside the circle on the left and right, and long names are shortened
        // (the dot's title keeps the whole name) so none is cut off at the edge.
        const double width = 640, height = 440, centreX = width / 2, centre = height / 2, radius = 140, labelRadius = 162, dot = 7;
        var actors = pairs.SelectMany(p => new[] { (p.FirstId, p.First), (p.SecondId, p.Second) }).Distinct().Take(MaxNetworkActors).ToList();
        var positions = new Dictionary<int, (double X, double Y)>();
        var shapes = new List<ChartShape>();
        var texts = new List<ChartText>();
        for (var i = 0; i < actors.Count; i++)
        {
            var angle = (2 * Math.PI * i / actors.Count) - (Math.PI / 2);
            var (x, y) = (centreX + (radius * Math.Cos(angle)), centre + (radius * Math.Sin(angle)));
            positions[actors[i].Item1] = (x, y);
            shapes.Add(new ChartShape(ChartShapeKind.Circle, x, y, dot, 0, "net-node", actors[i].Item2));
            var (lx, ly) = (centreX + (labelRadius * Math.Cos(angle)), centre + (labelRadius * Math.Sin(angle)));
            var anchor = Math.Abs(lx - centreX) < 20 ? "middle" : lx > centreX ? "start" : "end";
            texts.Add(new ChartText(lx, ly + 4, ShortLabel(actors[i].Item2), "chart-label", anchor));
        }

        var strongest = pairs.Count == 0 ? 1 : pairs.Max(p => p.Articles);
        var lines = pairs
            .Where(p => positions.ContainsKey(p.FirstId) && positions.ContainsKey(p.SecondId))
            .Select(p => new ChartLine(
                positions[p.FirstId].X, positions[p.FirstId].Y, positions[p.SecondId].X, positions[p.SecondId].Y,
                "net-edge net-w" + Math.Clamp((int)Math.Ceiling(4.0 * p.Articles / strongest), 1, 4).ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return new ChartLayout(id, title, width, height, lines, shapes, texts);
    }

    /// <summary>A name short enough to fit beside the circle: whole words up to <see cref="MaxLabelLength"/>
    /// characters, then "…" ("Pan American Health…").</summary>
    public static string ShortLabel(string name)
    {
        if (name.Length <= MaxLabelLength)
        {
            return name;
        }

        var cut = name.LastIndexOf(' ', MaxLabelLength - 1);
        return string.Concat(name.AsSpan(0, cut > MaxLabelLength / 2 ? cut : MaxLabelLength - 1).TrimEnd(), "…");
    }

    private static (DateTime First, DateTime Last) Span(Timeline.Result timeline)
    {
        var dates = timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Article && !e.IsUndated).Select(e => e.AtUtc).ToList();
        return dates.Count == 0 ? (DateTime.MinValue, DateTime.MinValue) : (MonthOf(dates.Min()), MonthOf(dates.Max()));
    }

    private static List<ChartPoint> Months(IReadOnlyCollection<DateTime> dates, (DateTime First, DateTime Last) span)
    {
        if (span.First == DateTime.MinValue)
        {
            return [];
        }

        var counts = dates.GroupBy(MonthOf).ToDictionary(g => g.Key, g => g.Count());
        var points = new List<ChartPoint>();
        // At most eight years of months; older months are left off the picture.
        var first = span.Last.AddMonths(-95) > span.First ? span.Last.AddMonths(-95) : span.First;
        for (var month = first; month <= span.Last; month = month.AddMonths(1))
        {
            points.Add(new ChartPoint(month, counts.GetValueOrDefault(month)));
        }

        return points;
    }

    private static DateTime MonthOf(DateTime utc) => new(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
}

using System.Globalization;

namespace NewsTracker.Web.Charts;

/// <summary>A value at a time: one bar of a bar chart (e.g. articles in a month).</summary>
public readonly record struct ChartPoint(DateTime Date, double Value);

/// <summary>One event on a timeline: when, which lane (row) it sits in, what it is, and whether to stress it.</summary>
public sealed record TimelineEvent(DateTime Date, string Lane, string Label, bool Highlight = false);

/// <summary>
/// Lays out small server-rendered SVG charts over time (bars per period, marks on a timeline) as shapes
/// and labels that <c>Pages/Shared/_Chart.cshtml</c> draws. Layout is plain arithmetic here so Razor does
/// all the encoding, and colours come from CSS classes so the charts follow light and dark mode.
/// </summary>
public static class TimeChart
{
    private const double Width = 440;
    private const double BarPlotHeight = 150;
    private const double BarGutter = 32;

    /// <summary>The widest a bar's slot gets, so one or two months do not fill the chart with a slab.</summary>
    private const double MaxBarSlot = 48;
    private const double TopPad = 12;
    private const double AxisHeight = 34;
    private const double BarGapRatio = 0.2;
    private const int MaxAxisLabels = 6;

    /// <summary>A generous width per character of a 12 px axis label, and the space kept between two labels.</summary>
    private const double LabelCharWidth = 7;
    private const double LabelGap = 6;
    private const double LaneHeight = 30;
    private const double LaneGutter = 118;
    private const int LaneLabelMaxChars = 14;
    private const double RightPad = 16;
    private const double MarkRadius = 6;
    /// <summary>Intervals on the time axis: start, middle and end are labelled, wide enough apart not to overlap.</summary>
    private const int TimeTicks = 2;

    private static readonly int[] NiceSteps = [1, 2, 5, 10];

    /// <summary>A bar per point (points in date order, one per period), a value axis from zero, and the
    /// period under each bar (every few bars when there are many).</summary>
    public static ChartLayout Bars(string id, string title, IReadOnlyList<ChartPoint> points, Func<DateTime, string> periodLabel, Func<double, string> valueLabel)
    {
        var height = TopPad + BarPlotHeight + AxisHeight;
        var baseline = TopPad + BarPlotHeight;
        var max = NiceMax(points.Count == 0 ? 0 : points.Max(p => p.Value));
        var shapes = new List<ChartShape>();
        var texts = new List<ChartText>();
        var lines = new List<ChartLine>
        {
            new(BarGutter, baseline, Width - RightPad, baseline, "chart-axis"),
        };

        // Half-way only when it is a whole number: these charts count things.
        foreach (var tick in new[] { 0, max / 2, max }.Where(t => t == Math.Floor(t)).Distinct())
        {
            var y = baseline - (tick / max * BarPlotHeight);
            texts.Add(new ChartText(BarGutter - 6, y + 4, Format(tick), "chart-label", "end"));
            if (tick > 0)
            {
                lines.Add(new ChartLine(BarGutter, y, Width - RightPad, y, "chart-grid"));
            }
        }

        var slot = points.Count == 0 ? 0 : Math.Min(MaxBarSlot, (Width - RightPad - BarGutter) / points.Count);
        // Every few bars when there are many, and never closer than the widest label needs: with few bars the
        // slots are narrow enough that "Sep 2026" and "Oct 2026" would run into each other.
        var widestLabel = points.Count == 0 ? 0 : (points.Max(p => periodLabel(p.Date).Length) * LabelCharWidth) + LabelGap;
        var labelEvery = Math.Max(1, Math.Max(
            (int)Math.Ceiling(points.Count / (double)MaxAxisLabels),
            slot > 0 ? (int)Math.Ceiling(widestLabel / slot) : 1));
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var barHeight = point.Value / max * BarPlotHeight;
            var x = BarGutter + (i * slot) + (slot * BarGapRatio / 2);
            var label = periodLabel(point.Date);
            shapes.Add(new ChartShape(ChartShapeKind.Rect, x, baseline - barHeight, slot * (1 - BarGapRatio), barHeight, "chart-bar", $"{label}: {valueLabel(point.Value)}"));
            if (i % labelEvery == 0)
            {
                texts.Add(new ChartText(x + (slot * (1 - BarGapRatio) / 2), baseline + 20, label, "chart-label", "middle"));
            }
        }

        return new ChartLayout(id, title, Width, height, lines, shapes, texts);
    }

    /// <summary>One mark per event along a time axis, in one row per lane (lanes in order of first event),
    /// the lane's name at the left and a few times underneath.</summary>
    public static ChartLayout Timeline(string id, string title, IReadOnlyList<TimelineEvent> events)
    {
        var lanes = events.Select(e => e.Lane).Distinct(StringComparer.Ordinal).ToList();
        var plotHeight = Math.Max(1, lanes.Count) * LaneHeight;
        var height = TopPad + plotHeight + AxisHeight;
        var baseline = TopPad + plotHeight;
        var left = LaneGutter;
        var right = Width - RightPad - MarkRadius;

        var (min, max) = events.Count == 0
            ? (DateTime.UnixEpoch, DateTime.UnixEpoch)
            : (events.Min(e => e.Date), events.Max(e => e.Date));
        if (max - min < TimeSpan.FromMinutes(1))
        {
            // One moment: widen to an hour either side so the mark sits in the middle with readable ticks.
            (min, max) = (min.AddHours(-1), max.AddHours(1));
        }

        double X(DateTime date) => left + ((date - min).TotalSeconds / (max - min).TotalSeconds * (right - left));

        var lines = new List<ChartLine> { new(left, baseline, right, baseline, "chart-axis") };
        var texts = new List<ChartText>();
        for (var i = 0; i < lanes.Count; i++)
        {
            var y = TopPad + (i * LaneHeight) + (LaneHeight / 2);
            lines.Add(new ChartLine(left, y, right, y, "chart-grid"));
            texts.Add(new ChartText(left - 10, y + 4, Shorten(lanes[i]), "chart-label chart-lane", "end"));
        }

        var span = max - min;
        for (var i = 0; i <= TimeTicks; i++)
        {
            var at = min + (span * i / TimeTicks);
            var anchor = i == 0 ? "start" : i == TimeTicks ? "end" : "middle";
            lines.Add(new ChartLine(X(at), baseline, X(at), baseline + 5, "chart-axis"));
            texts.Add(new ChartText(X(at), baseline + 20, TimeLabel(at, span), "chart-label", anchor));
        }

        var shapes = events.Select(e => new ChartShape(
            ChartShapeKind.Circle,
            X(e.Date),
            TopPad + (lanes.IndexOf(e.Lane) * LaneHeight) + (LaneHeight / 2),
            MarkRadius,
            MarkRadius,
            e.Highlight ? "chart-mark chart-mark-first" : "chart-mark",
            $"{e.Lane}, {e.Date.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)}: {e.Label}")).ToList();

        return new ChartLayout(id, title, Width, height, lines, shapes, texts);
    }

    /// <summary>The largest axis value: the maximum rounded up to 1, 2 or 5 times a power of ten (at least 1).</summary>
    public static double NiceMax(double max)
    {
        if (max <= 1)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return NiceSteps.Select(m => m * magnitude).First(v => v >= max);
    }

    private static string TimeLabel(DateTime at, TimeSpan span) => at.ToString(
        span < TimeSpan.FromDays(2) ? "d MMM HH:mm" : span < TimeSpan.FromDays(300) ? "d MMM" : "MMM yyyy",
        CultureInfo.InvariantCulture);

    private static string Shorten(string lane) =>
        lane.Length <= LaneLabelMaxChars ? lane : string.Concat(lane.AsSpan(0, LaneLabelMaxChars - 1).TrimEnd(), "…");

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A drawn chart: lines (axes, grid) under shapes (bars, marks) under text labels, in a viewBox.</summary>
public sealed record ChartLayout(
    string Id, string Title, double Width, double Height, IReadOnlyList<ChartLine> Lines, IReadOnlyList<ChartShape> Shapes, IReadOnlyList<ChartText> Texts);

/// <summary>What a chart shape is drawn as.</summary>
public enum ChartShapeKind
{
    /// <summary>X, Y are the top-left corner; W, H the size.</summary>
    Rect,

    /// <summary>X, Y are the centre; W the radius.</summary>
    Circle,
}

/// <summary>A bar or mark, with the text a pointer or screen reader gets for it.</summary>
public sealed record ChartShape(ChartShapeKind Kind, double X, double Y, double W, double H, string CssClass, string Tooltip);

/// <summary>An axis, tick or grid line.</summary>
public sealed record ChartLine(double X1, double Y1, double X2, double Y2, string CssClass);

/// <summary>A label; <see cref="Anchor"/> is the SVG text-anchor (start, middle, end).</summary>
public sealed record ChartText(double X, double Y, string Text, string CssClass, string Anchor);

using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Tests.Topics;

/// <summary>Ordering, grouping and filtering of timeline entries, and the pictures drawn from them.</summary>
public sealed class TimelineViewTests
{
    private static Timeline.TimelineEntry Entry(TimelineEntryKind kind, int id, string at, params int[] actors) =>
        new(kind, id, DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            DateTime.UtcNow, $"{kind} {id}", null, null, null, "slug", null, kind == TimelineEntryKind.Claim ? new Verdict("true", "True", 5) : null, [], actors);

    private static readonly Timeline.TimelineEntry[] Entries =
    [
        Entry(TimelineEntryKind.Article, 3, "2025-02-14T18:00:00Z", 1, 2),
        Entry(TimelineEntryKind.Claim, 9, "2025-02-14T09:00:00Z", 1),
        Entry(TimelineEntryKind.Milestone, 4, "2025-02-14T00:00:00Z"),
        Entry(TimelineEntryKind.Article, 1, "2025-02-12T23:59:59Z", 2),
        Entry(TimelineEntryKind.Article, 2, "2025-03-01T00:00:00Z", 1, 2, 3),
    ];

    [Fact]
    public void A_day_shows_one_entry_per_story_with_its_other_outlets_gathered_under_it()
    {
        Timeline.TimelineEntry Report(int id, int story, string outlet) =>
            Entry(TimelineEntryKind.Article, id, "2025-02-14T08:00:00Z") with { StoryId = story, Outlet = outlet };
        Timeline.TimelineEntry[] day =
        [
            Report(1, 7, "Dale Gazette"),
            Entry(TimelineEntryKind.Claim, 9, "2025-02-14T09:00:00Z"),
            Report(2, 8, "Merrow Courier"),
            Report(3, 7, "County Wire"),
            Report(4, 7, "Valley Radio"),
        ];

        var groups = TimelineView.ByStory(day);

        Assert.Equal([1, 9, 2], groups.Select(g => g.Lead.Id));
        Assert.Equal([3, 4], groups[0].Others.Select(o => o.Id));
        Assert.Equal(["Dale Gazette", "County Wire", "Valley Radio"], groups[0].Outlets);
        Assert.Empty(groups[2].Others);
    }

    [Fact]
    public void Groups_entries_by_utc_day_oldest_first_with_the_day_in_time_order()
    {
        var days = TimelineView.Days(Entries, newestFirst: false);

        Assert.Equal(["day-2025-02-12", "day-2025-02-14", "day-2025-03-01"], days.Select(d => d.Anchor));
        Assert.Equal([4, 9, 3], days[1].Entries.Select(e => e.Id));
    }

    [Fact]
    public void Newest_first_reverses_days_and_the_entries_inside_them()
    {
        var days = TimelineView.Days(Entries, newestFirst: true);

        Assert.Equal([new DateOnly(2025, 3, 1), new DateOnly(2025, 2, 14), new DateOnly(2025, 2, 12)], days.Select(d => d.Day));
        Assert.Equal([3, 9, 4], days[1].Entries.Select(e => e.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Undated_articles_are_a_group_of_their_own_after_the_days_never_on_the_day_they_were_stored(bool newestFirst)
    {
        var undated = Entry(TimelineEntryKind.Article, 7, "2025-02-14T12:00:00Z") with { IsUndated = true };

        var days = TimelineView.Days([.. Entries, undated], newestFirst);

        Assert.DoesNotContain(days.Where(d => !d.IsUndated), d => d.Entries.Any(e => e.Id == 7));
        var group = days[^1];
        Assert.True(group.IsUndated);
        Assert.Equal("undated", group.Anchor);
        Assert.Equal([7], group.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Undated_articles_are_left_out_of_the_monthly_pictures()
    {
        var undated = Entry(TimelineEntryKind.Article, 7, "2025-04-14T12:00:00Z", 1) with { IsUndated = true };
        var timeline = new Timeline.Result(new Timeline.TopicHead(1, "T", "t", null, null, true, DateTime.UtcNow), [.. Entries, undated], [new Timeline.ActorRef(1, "A")]);

        var months = TopicPictures.Topic(timeline).Months;

        Assert.Equal([2, 1], months.Select(m => m.Value)); // February and March 2025; no April for the undated article
    }

    [Fact]
    public void At_the_same_instant_milestones_come_before_articles_before_claims()
    {
        var same = new[]
        {
            Entry(TimelineEntryKind.Claim, 1, "2025-01-01T00:00:00Z"),
            Entry(TimelineEntryKind.Article, 2, "2025-01-01T00:00:00Z"),
            Entry(TimelineEntryKind.Milestone, 3, "2025-01-01T00:00:00Z"),
        };

        Assert.Equal([TimelineEntryKind.Milestone, TimelineEntryKind.Article, TimelineEntryKind.Claim], TimelineView.Days(same, false).Single().Entries.Select(e => e.Kind));
    }

    [Fact]
    public void Filters_by_kind_and_by_actor_keeping_milestones_for_context()
    {
        var claimsOnly = TimelineView.Days(Entries, false, [TimelineEntryKind.Claim]);
        Assert.Equal([9], claimsOnly.SelectMany(d => d.Entries).Select(e => e.Id));

        var actor3 = TimelineView.Days(Entries, false, null, 3);
        Assert.Equal([4, 2], actor3.SelectMany(d => d.Entries).Select(e => e.Id));
    }

    [Theory]
    [InlineData("article,claim", new[] { TimelineEntryKind.Article, TimelineEntryKind.Claim })]
    [InlineData("Milestone, nonsense ,,", new[] { TimelineEntryKind.Milestone })]
    [InlineData("7", new TimelineEntryKind[0])]
    [InlineData(null, new TimelineEntryKind[0])]
    public void Reads_kinds_from_the_query_ignoring_what_it_does_not_know(string? value, TimelineEntryKind[] expected) =>
        Assert.Equal(expected, TimelineView.ParseKinds(value));

    [Fact]
    public void Pictures_count_articles_per_month_per_actor_and_pairs_that_appear_together()
    {
        var timeline = new Timeline.Result(
            new Timeline.TopicHead(1, "T", "t", null, null, true, DateTime.UtcNow),
            Entries,
            [new Timeline.ActorRef(1, "Alpha"), new Timeline.ActorRef(2, "Beta"), new Timeline.ActorRef(3, "Gamma")]);

        var topic = TopicPictures.Topic(timeline);
        Assert.Equal([2, 1], topic.Months.Select(m => m.Value));
        var actors = TopicPictures.Actors(timeline);
        Assert.Equal(["Beta", "Alpha", "Gamma"], actors.Select(a => a.Name));
        Assert.Equal(3, actors[0].Total);
        var pairs = TopicPictures.Pairs(timeline);
        Assert.Equal(("Alpha", "Beta", 2), (pairs[0].First, pairs[0].Second, pairs[0].Articles));
        Assert.Equal(3, pairs.Count);

        var network = TopicPictures.Network("n", "Network", pairs);
        Assert.Equal(3, network.Shapes.Count);
        Assert.Equal(3, network.Lines.Count);
        Assert.Contains(network.Lines, l => l.CssClass == "net-edge net-w4");
        Assert.Equal(["Alpha", "Beta", "Gamma"], network.Texts.Select(t => t.Text).Order());
    }

    [Theory]
    [InlineData("NATO", "NATO")]
    [InlineData("Pan American Health Organization", "Pan American…")]
    [InlineData("Zimbabwe Hospital Doctors Association", "Zimbabwe Hospital…")]
    [InlineData("Supercalifragilisticexpialidocious", "Supercalifragilis…")]
    public void Long_actor_names_are_shortened_on_the_network_so_none_is_cut_off(string name, string label)
    {
        Assert.Equal(label, TopicPictures.ShortLabel(name));
        Assert.True(label.Length <= TopicPictures.MaxLabelLength);
    }
}

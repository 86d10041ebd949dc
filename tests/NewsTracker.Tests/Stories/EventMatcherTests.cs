using NewsTracker.Web.Stories;

namespace NewsTracker.Tests.Stories;

public sealed class EventMatcherTests
{
    private static readonly Counts Empty = new();

    [Fact]
    public void Two_reports_naming_different_bodies_never_match_however_alike_their_words()
    {
        var alaska = new Dictionary<string, int> { ["n:alaska_airlines"] = 2, ["plane"] = 2, ["emergency"] = 1, ["landing"] = 1 };
        var japan = new Dictionary<string, int> { ["n:japan_airlines"] = 2, ["plane"] = 2, ["emergency"] = 1, ["landing"] = 1 };

        Assert.Equal(0, EventMatcher.Similarity(alaska, japan, Empty));
    }

    [Fact]
    public void A_name_that_is_part_of_another_counts_as_shared()
    {
        var a = new Dictionary<string, int> { ["n:coast_guard"] = 2 };
        var b = new Dictionary<string, int> { ["n:u.s._coast_guard"] = 2 };

        Assert.True(EventMatcher.ShareAName(a, b));
    }

    [Fact]
    public void A_name_the_other_report_writes_without_it_being_found_as_a_name_counts_as_shared()
    {
        var a = new Dictionary<string, int> { ["n:lahaina"] = 2, ["fire"] = 1 };
        var b = new Dictionary<string, int> { ["n:maui"] = 2, ["lahaina"] = 1, ["fire"] = 1 };
        var c = new Dictionary<string, int> { ["n:maui"] = 2, ["fire"] = 1 };

        Assert.True(EventMatcher.ShareAName(a, b));
        Assert.False(EventMatcher.ShareAName(a, c));
    }

    [Fact]
    public void While_the_archive_is_small_a_term_already_seen_still_weighs_well_over_half_an_unseen_one()
    {
        var counts = new Counts { Articles = 1, ["earthquake"] = 1 };

        Assert.True(EventMatcher.Idf(counts, "earthquake") > 0.5 * EventMatcher.Idf(counts, "unseen"));
    }

    [Fact]
    public void Joins_the_story_of_the_closest_report_above_the_threshold_and_none_below_it()
    {
        var article = new Dictionary<string, int> { ["quarry"] = 2, ["blast"] = 2, ["ravensholt"] = 1 };
        var close = new EventMatcher.Candidate(1, 10, new Dictionary<string, int> { ["quarry"] = 1, ["blast"] = 1, ["ravensholt"] = 1 });
        var far = new EventMatcher.Candidate(2, 20, new Dictionary<string, int> { ["council"] = 1, ["cycle"] = 1, ["quarry"] = 1 });

        Assert.Equal(10, EventMatcher.ChooseStory(article, [far, close], Empty));
        Assert.Null(EventMatcher.ChooseStory(article, [far], Empty, threshold: 0.9));
    }

    [Fact]
    public void A_word_in_most_articles_weighs_less_than_a_rare_one()
    {
        var counts = new Counts { Articles = 1000, ["said"] = 900, ["ravensholt"] = 2 };

        Assert.True(EventMatcher.Idf(counts, "said") < EventMatcher.Idf(counts, "ravensholt"));
        Assert.True(EventMatcher.Idf(counts, "said") >= 0);
    }

    private sealed class Counts : Dictionary<string, int>, EventMatcher.IStatistics
    {
        public int Articles { get; init; }

        public int ArticlesWith(string term) => TryGetValue(term, out var count) ? count : 0;
    }
}

using NewsTracker.Web.Stories;

namespace NewsTracker.Tests.Stories;

public sealed class EventTermsTests
{
    [Fact]
    public void Title_words_weigh_twice_and_stop_words_are_dropped()
    {
        var terms = EventTerms.Extract("Quarry blast injures workers", "The blast happened at the quarry on Monday.");

        Assert.Equal(3, terms["blast"]);
        Assert.Equal(3, terms["quarry"]);
        Assert.Equal(2, terms["worker"]);
        Assert.DoesNotContain("the", terms.Keys);
        Assert.DoesNotContain("monday", terms.Keys);
    }

    [Theory]
    [InlineData("1,600 feet", "#1600")]
    [InlineData("a magnitude 6.8 quake", "#6.8")]
    [InlineData("on January 2, officials said", "@01-02")]
    [InlineData("on 23 August the lander", "@08-23")]
    public void Numbers_and_days_are_terms_of_their_own(string lede, string expected) =>
        Assert.Contains(expected, EventTerms.Extract("Report", lede).Keys);

    [Theory]
    [InlineData("crashes", "crash")]
    [InlineData("cities", "city")]
    [InlineData("dams", "dam")]
    [InlineData("Soleimani's", "soleimani")]
    [InlineData("status", "status")]
    public void Plurals_and_possessives_fold(string word, string expected) =>
        Assert.Contains(expected, EventTerms.Words(word));

    [Fact]
    public void Names_the_suggestion_engine_finds_are_terms()
    {
        var terms = EventTerms.Extract("Wagner chief Yevgeny Prigozhin on passenger list of crashed plane", "The plane crashed in the Tver region north of Moscow.");

        Assert.Contains(terms.Keys, t => t.StartsWith("n:", StringComparison.Ordinal) && t.Contains("prigozhin", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stored_form_reads_back_the_same()
    {
        var terms = EventTerms.Extract("Two hurt as quarry blast shakes Ravensholt", "An explosion at the Ravensholt limestone quarry injured 2 workers.");

        Assert.Equal(terms.OrderBy(t => t.Key, StringComparer.Ordinal), EventTerms.Parse(EventTerms.Format(terms)).OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_lede_is_the_first_seventy_words()
    {
        var text = string.Join(' ', Enumerable.Range(1, 100).Select(i => $"w{i}"));

        var lede = EventTerms.Lede(text);

        Assert.EndsWith("w70", lede.TrimEnd(), StringComparison.Ordinal);
    }
}

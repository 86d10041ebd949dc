using NewsTracker.Web.Stories;

namespace NewsTracker.Tests.Stories;

public sealed class EventTermsTests
{
    [Fact]
    public void Title_words_weigh_twice_and_stop_words_are_dropped()
    {
        var terms = EventTerms.Extract("Quarry blast injures workers", "The blast happened at the quarry on Monday.");

        // Terms are stems ("quarri"), so the test names them through the same folding.
        Assert.Equal(3, terms[EventTerms.Words("quarry").Single()]);
        Assert.Equal(2, terms[EventTerms.Words("workers").Single()]);
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
    [InlineData("Soleimani's", "Soleimani")]
    [InlineData("gunmen", "gunman")]
    [InlineData("killed", "killing")]
    [InlineData("collapsed", "collapse")]
    [InlineData("stopped", "stop")]
    [InlineData("hospitalized", "hospitalised")]
    public void Plurals_possessives_and_verb_endings_fold_to_one_term(string word, string other) =>
        Assert.Equal(EventTerms.Words(other), EventTerms.Words(word));

    [Theory]
    [InlineData("quake", "earthquake")]
    [InlineData("blast", "explosion")]
    [InlineData("blaze", "wildfire")]
    [InlineData("Moroccan", "Morocco")]
    [InlineData("Syrians", "Syria")]
    [InlineData("Turkish", "Türkiye")]
    public void Words_outlets_use_for_one_event_kind_or_country_are_one_term(string word, string other) =>
        Assert.Equal(EventTerms.Words(other), EventTerms.Words(word));

    [Fact]
    public void Words_that_differ_keep_their_own_terms()
    {
        Assert.NotEqual(EventTerms.Words("status"), EventTerms.Words("state"));
        Assert.NotEqual(EventTerms.Words("flood"), EventTerms.Words("wildfire"));
        Assert.Single(EventTerms.Words("status"));
    }

    [Fact]
    public void A_number_written_into_a_word_is_the_number()
    {
        var terms = EventTerms.Extract("A magnitude-7.8 quake", "A 71-year-old man was held.");

        Assert.Contains("#7.8", terms.Keys);
        Assert.Contains("#71", terms.Keys);
    }

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

using NewsTracker.Web.Search;

namespace NewsTracker.Tests.Search;

public sealed class SearchQueryParserTests
{
    [Fact]
    public void Reads_filters_apart_from_the_words()
    {
        var query = SearchQueryParser.Parse("nato outlet:Reuters actor:\"Pete Hegseth\" topic:ukraine-nato lang:EN after:2026-01-15 before:2026-03");

        Assert.Equal(["Reuters"], query.Outlets);
        Assert.Equal(["Pete Hegseth"], query.Actors);
        Assert.Equal(["ukraine-nato"], query.Topics);
        Assert.Equal(["en"], query.Languages);
        Assert.Equal(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc), query.AfterUtc);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), query.BeforeUtc);
        Assert.Equal("nato", Assert.Single(Assert.Single(query.Required)).Text);
    }

    [Fact]
    public void A_query_of_filters_only_has_no_text_to_match()
    {
        var query = SearchQueryParser.Parse("outlet:Reuters");

        Assert.False(query.HasText);
        Assert.True(query.HasFilters);
        Assert.Null(LuceneQuery.Build(query));
    }

    [Theory]
    [InlineData("-nato", "at least one word")]
    [InlineData("after:yesterday nato", "not a date")]
    [InlineData("a* nato", "too short to search by prefix")]
    [InlineData("colour:red nato", "not a filter here")]
    [InlineData("after:2026-05-01 before:2026-01-01 nato", "later than the 'before' date")]
    public void Explains_what_it_could_not_use(string input, string warning) =>
        Assert.Contains(SearchQueryParser.Parse(input).Warnings, w => w.Contains(warning, StringComparison.Ordinal));

    [Fact]
    public void A_10_kb_query_is_cut_and_capped_without_failing()
    {
        var query = SearchQueryParser.Parse(string.Join(' ', Enumerable.Range(0, 2000).Select(i => "w" + i)));

        Assert.Equal(SearchQueryParser.MaxTerms, query.Required.Count);
        Assert.Contains(query.Warnings, w => w.Contains("characters", StringComparison.Ordinal));
    }
}

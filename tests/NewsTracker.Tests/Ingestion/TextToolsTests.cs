using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class TextToolsTests
{
    [Theory]
    [InlineData("U.S. Weighs Instant NATO Membership for Ukraine", "u-s-weighs-instant-nato-membership-for-ukraine")]
    [InlineData("Zelensky’s plan: “no retreat”", "zelenskys-plan-no-retreat")]
    [InlineData("Café à Kyïv", "cafe-a-kyiv")]
    [InlineData("!!!", "article")]
    public void Slugify_makes_lower_case_ascii_slugs(string title, string expected) =>
        Assert.Equal(expected, TextTools.Slugify(title));

    [Fact]
    public void Slugify_cuts_long_titles_at_a_word_boundary()
    {
        var slug = TextTools.Slugify(string.Join(' ', Enumerable.Repeat("membership", 20)), 40);
        Assert.True(slug.Length <= 40);
        Assert.False(slug.EndsWith('-'));
        Assert.EndsWith("membership", slug, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_adds_an_ellipsis_at_a_word_boundary() =>
        Assert.Equal("The White House is…", TextTools.Truncate("The White House is reportedly considering", 20));

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 9) + "😀" + "tail of text";
        var cut = TextTools.Truncate(text, 11);
        Assert.False(char.IsHighSurrogate(cut[^2]) && cut[^1] == '…');
    }

    [Fact]
    public void FoldWhitespace_collapses_runs_and_trims() =>
        Assert.Equal("a b c", TextTools.FoldWhitespace("  a \t b\n\n c  "));
}

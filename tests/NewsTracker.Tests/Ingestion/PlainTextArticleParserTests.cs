using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class PlainTextArticleParserTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "PlainText");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var expected in Directory.GetFiles(FixtureDirectory, "*.expected").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(expected));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parses_each_fixture_into_its_expected_title_and_blocks(string name)
    {
        var expected = File.ReadAllLines(Path.Combine(FixtureDirectory, name + ".expected")).Where(l => !l.StartsWith('#') && l.Length > 0).ToList();

        var parsed = PlainTextArticleParser.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, name + ".txt")));

        Assert.Equal(expected[0], parsed.Title);
        var actual = parsed.Blocks.Select(b => $"{b.Kind}|{b.Text}").ToList();
        Assert.Equal(expected.Count - 1, actual.Count);
        for (var i = 1; i < expected.Count; i++)
        {
            Assert.StartsWith(expected[i], actual[i - 1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_seed_article_keeps_its_title_once()
    {
        var parsed = PlainTextArticleParser.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "nato-ukraine-membership.txt")));

        Assert.DoesNotContain(parsed.Blocks, b => b.Text.Contains("Weighs Instant NATO Membership", StringComparison.Ordinal));
    }

    [Fact]
    public void A_given_title_makes_the_whole_text_body_and_drops_a_repeat_of_it()
    {
        var parsed = PlainTextArticleParser.Parse("Talks resume\n\nTalks resume\n\nNegotiators met again.", "Talks resume");

        Assert.Equal("Talks resume", parsed.Title);
        Assert.Equal(["Negotiators met again."], parsed.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void A_given_title_keeps_a_different_first_line_as_body()
    {
        var parsed = PlainTextArticleParser.Parse("Kyiv, Monday.\n\nNegotiators met again.", "Talks resume");

        Assert.Equal(["Kyiv, Monday.", "Negotiators met again."], parsed.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void The_last_block_is_a_paragraph_even_without_a_full_stop()
    {
        var parsed = PlainTextArticleParser.Parse("Title\n\nFirst paragraph here.\n\nReporting by the wire desk in Brussels and Kyiv today");

        Assert.Equal(BlockKind.Paragraph, parsed.Blocks[^1].Kind);
    }

    [Fact]
    public void Empty_or_blank_text_gives_no_title_and_no_blocks()
    {
        var parsed = PlainTextArticleParser.Parse(" \n\t\n ");

        Assert.Equal(string.Empty, parsed.Title);
        Assert.Empty(parsed.Blocks);
    }

    [Fact]
    public void The_plain_text_joins_blocks_with_blank_lines()
    {
        var parsed = PlainTextArticleParser.Parse("Title\n\nOne.\n\nTwo.");

        Assert.Equal("One.\n\nTwo.", parsed.PlainText);
    }

    [Fact]
    public void The_excerpt_is_the_first_paragraph_not_a_caption()
    {
        var parsed = PlainTextArticleParser.Parse(File.ReadAllText(Path.Combine(FixtureDirectory, "nato-ukraine-membership.txt")));

        Assert.StartsWith("A potential breakthrough", parsed.Excerpt(400), StringComparison.Ordinal);
        Assert.True(parsed.Excerpt(400).Length <= 400);
    }
}

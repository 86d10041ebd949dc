using NewsTracker.Web.Cli;

namespace NewsTracker.IntegrationTests.Cli;

public sealed class ImportLineTests
{
    [Theory]
    [InlineData("{\"text\": ", "The line is not valid JSON")]
    [InlineData("[\"text\"]", "The line is a JSON array, not an object")]
    [InlineData("null", "The line is a JSON null, not an object")]
    [InlineData("{\"title\": 42}", "The value of title has the wrong type")]
    [InlineData("{\"text\": \"T\\n\\nB\", \"published\": \"last Tuesday\"}", "The published date 'last Tuesday' is not a date")]
    public void Explains_what_is_wrong_with_a_line(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ImportArticles.ToCommand(line));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_every_field_and_a_published_date_without_an_offset_as_utc()
    {
        var command = ImportArticles.ToCommand("""
            {"url":"https://example.test/a","text":"T\n\nB","title":"Title","outlet":"Desk","byline":"By A","published":"2026-11-20T10:00:00","language":"en","extra":true}
            """);

        Assert.Equal(("https://example.test/a", "T\n\nB", "Title", "Desk", "By A", "en", "import"), (command.Url, command.Text, command.Title, command.Outlet, command.Byline, command.Language, command.Origin));
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), command.PublishedUtc);
        Assert.Equal(DateTimeKind.Utc, command.PublishedUtc!.Value.Kind);
    }

    [Theory]
    [InlineData("{\"text\": \"Hello world\"}", "The text has only 2 words; an article needs at least 8.")]
    [InlineData("{\"text\": \"Headline\\n\\nOne line.\"}", "The text has only 3 words; an article needs at least 8.")]
    public void A_line_too_short_to_be_an_article_is_refused(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ImportArticles.RefuseTooShort(ImportArticles.ToCommand(line)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_long_enough_to_be_an_article_passes()
    {
        var command = ImportArticles.ToCommand("{\"text\": \"Wire report on grain prices\\n\\nWheat rose two per cent on Monday.\"}");

        Assert.Same(command, ImportArticles.RefuseTooShort(command));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsTracker.IntegrationTests.Cli;
using NewsTracker.IntegrationTests.Ingestion;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Application;

/// <summary>Control characters, noncharacters and lone surrogates are refused wherever text comes in, so nothing
/// stored can break the XML of a topic's Atom feed.</summary>
public sealed class ControlCharacterTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Theory]
    [InlineData("\\u0007")]
    [InlineData("\\u0000")]
    [InlineData("\\ud800")]
    [InlineData("\\uffff")]
    public async Task The_api_refuses_a_title_with_a_forbidden_character_and_the_topic_feed_still_answers(string escaped)
    {
        var word = "bell" + Guid.NewGuid().ToString("N")[..8];
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var topic = await factory.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Topic " + word, null, null, word, true)));
        var client = await factory.CreateJournalistClientAsync();

        // Written as JSON escapes: a serializer would replace a lone surrogate before it left the client.
        var json = $"{{\"text\": \"Ring the {word}{escaped} loudly\\n\\nThe {word} rang all night in the village.\"}}";

        using var response = await client.PostAsync("/api/v1/articles", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.Contains(word))));
        using var feed = await factory.CreateClient().GetAsync($"/topics/{topic.Slug}/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
    }

    [Fact]
    public async Task The_add_form_refuses_a_title_with_a_bell_character_beside_the_field()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add?mode=text", new() { ["Data.Text"] = "Bell\u0007 in the title\n\nAnd a body that is long enough to keep.", ["Data.Title"] = "Bell\u0007 title" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control character (U+0007) at character 5", (await Forms.ParseAsync(response)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jsonl_import_line_with_a_nul_fails_by_line_and_the_others_are_stored()
    {
        var path = Path.Combine(factory.DataDirectory, "control.jsonl");
        await File.WriteAllLinesAsync(path, [
            "{\"text\": \"Harbour wall repaired\\n\\nThe harbour wall was repaired after the storm.\"}",
            "{\"text\": \"Nul\\u0000 in the title\\n\\nA body that would break the feed.\"}",
        ]);

        var (_, output, _) = await CommandLineRun.RunAsync(factory, ["import", path]);

        Assert.Contains("failed: 1", output, StringComparison.Ordinal);
        Assert.Contains("line 2: This contains a NUL character at character 4", output, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title.StartsWith("Nul"))));
    }

    [Theory]
    [InlineData(@"plain text\twith a tab\r\nand lines", -1)]
    [InlineData(@"an emoji \uD83D\uDE00 is whole", -1)]
    [InlineData(@"bell\u0007", 4)]
    [InlineData(@"low \uDC00 first", 4)]
    [InlineData(@"high at the end \uD83D", 16)]
    public void Finds_the_first_character_text_may_not_hold(string escaped, int expected) =>
        Assert.Equal(expected, PlainTextRule.FindForbidden(System.Text.RegularExpressions.Regex.Unescape(escaped)));
}

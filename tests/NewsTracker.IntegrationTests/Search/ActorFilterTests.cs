using System.Net.Http.Json;
using System.Text.Json;
using NewsTracker.IntegrationTests.Tagging;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Search;

/// <summary><c>actor:</c> in the search language, the actor facet and the actors under each hit: exactly the
/// articles with an approved mention placed in their current text, by name, alias or a merged actor's old name.</summary>
public sealed class ActorFilterTests(ActorFilterTests.Factory factory) : IClassFixture<ActorFilterTests.Factory>
{
    private async Task<List<string>> TitlesAsync(string query, string? sort = null)
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(query)}{(sort is null ? "" : $"&sort={sort}")}");
        return json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()!).ToList();
    }

    [Theory]
    [InlineData("actor:\"Vladimir Putin\"")]
    [InlineData("actor:putin")]
    [InlineData("actor:PUTIN")]
    [InlineData("actor:\"The Kremlin chief\"")]
    [InlineData("actor:\"V. Putin\"")]
    public async Task The_actor_filter_matches_exactly_the_tagged_articles_by_name_word_alias_or_merged_name(string query)
    {
        var titles = await TitlesAsync(query, "newest");

        Assert.Equal([Factory.Merged, Factory.Second, Factory.First], titles);
    }

    [Fact]
    public async Task Untagged_proposed_and_orphaned_mentions_do_not_count()
    {
        var titles = await TitlesAsync("putin");

        Assert.Contains(Factory.Untagged, titles);
        Assert.Contains(Factory.Proposed, titles);
        Assert.Contains(Factory.Orphaned, titles);
        var filtered = await TitlesAsync("putin actor:putin");
        Assert.DoesNotContain(Factory.Untagged, filtered);
        Assert.DoesNotContain(Factory.Proposed, filtered);
        Assert.DoesNotContain(Factory.Orphaned, filtered);
        Assert.Equal(new[] { Factory.First, Factory.Merged, Factory.Second }.Order(StringComparer.Ordinal), filtered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Actor_filters_combine_with_words_and_each_other()
    {
        Assert.Equal([Factory.Second], await TitlesAsync("grain actor:putin"));
        Assert.Equal([Factory.Second], await TitlesAsync("actor:putin actor:zelensky"));
        Assert.Equal([Factory.Second], await TitlesAsync("actor:zelenskyy"));
        Assert.Empty(await TitlesAsync("actor:nobody-tagged-this"));
        Assert.Empty(await TitlesAsync("actor:put"));
    }

    [Fact]
    public async Task A_filter_only_search_lists_the_actors_articles_newest_first_and_pages()
    {
        var first = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/search?q=actor:putin&limit=2");
        var titles = first.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()).ToList();
        var next = first.GetProperty("next").GetString();
        var second = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q=actor:putin&limit=2&after={next}");

        Assert.Equal([Factory.Merged, Factory.Second], titles);
        Assert.Equal([Factory.First], second.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()));
        Assert.Equal(3, first.GetProperty("matchCount").GetInt32());
        Assert.Empty(first.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task The_actor_facet_counts_articles_per_actor_and_hits_name_their_actors()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/search?q=putin");

        var facet = json.GetProperty("facets").GetProperty("actors").EnumerateArray().ToDictionary(f => f.GetProperty("label").GetString()!, f => (Count: f.GetProperty("count").GetInt32(), Id: f.GetProperty("id").GetInt32()));
        Assert.Equal(3, facet["Vladimir Putin"].Count);
        Assert.Equal(factory.PutinId, facet["Vladimir Putin"].Id);
        Assert.Equal(1, facet["Volodymyr Zelensky"].Count);
        Assert.False(facet.ContainsKey("Proposed Only Person"));
        var second = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("title").GetString() == Factory.Second);
        Assert.Equal(
            [("Vladimir Putin", $"/actors/{factory.PutinId}"), ("Volodymyr Zelensky", $"/actors/{factory.ZelenskyId}")],
            second.GetProperty("actors").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("url").GetString())).Order());
    }

    [Fact]
    public async Task The_search_page_shows_the_actor_facet_and_links_actor_names_to_their_pages()
    {
        var page = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), "/search?q=putin");

        var facet = page.QuerySelectorAll(".actor-facet li").First(li => li.TextContent.Contains("Vladimir Putin", StringComparison.Ordinal));
        Assert.Equal("/search?q=putin%20actor%3A%22Vladimir%20Putin%22", facet.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"/actors/{factory.PutinId}", facet.QuerySelector("a.facet-profile")!.GetAttribute("href"));
        Assert.Equal("3", facet.QuerySelector(".count")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".hit-actors a"), a => a.GetAttribute("href") == $"/actors/{factory.PutinId}" && a.TextContent == "Vladimir Putin");
        Assert.DoesNotContain(page.QuerySelectorAll(".alert"), a => a.TextContent.Contains("actor:", StringComparison.Ordinal));
    }

    /// <summary>Seven articles mentioning Putin: three tagged and approved (one of them through an actor since
    /// merged into him), one only proposed, one whose tag is orphaned by a new version, one never tagged.</summary>
    public sealed class Factory : NewsTrackerFactory, IAsyncLifetime
    {
        public const string First = "Putin first tagged report";
        public const string Second = "Putin and Zelensky grain report";
        public const string Merged = "Putin merged alias report";
        public const string Untagged = "Putin untagged report";
        public const string Proposed = "Putin proposed report";
        public const string Orphaned = "Putin orphaned report";

        public int PutinId { get; private set; }

        public int ZelenskyId { get; private set; }

        public async Task InitializeAsync()
        {
            var editor = await this.CreateEditorAsync(Roles.Editor);
            var journalist = await this.CreateEditorAsync(Roles.Journalist);
            var putin = await SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Vladimir Putin", ActorKind.Person, Aliases: ["The Kremlin chief"])));
            var zelensky = await SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Volodymyr Zelensky", ActorKind.Person, Aliases: ["Zelenskyy"])));
            var old = await SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("V. Putin", ActorKind.Person)));
            var proposedOnly = await SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Proposed Only Person", ActorKind.Person)));
            (PutinId, ZelenskyId) = (putin.Id, zelensky.Id);

            var first = await this.ArticleAsync("Vladimir Putin spoke about the plan.", First, new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc));
            await this.MentionAsync(editor, first, "Vladimir Putin", actorId: putin.Id);
            var second = await this.ArticleAsync("Vladimir Putin met Volodymyr Zelensky about grain exports.", Second, new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc));
            await this.MentionAsync(editor, second, "Vladimir Putin", actorId: putin.Id);
            await this.MentionAsync(editor, second, "Volodymyr Zelensky", actorId: zelensky.Id);
            var merged = await this.ArticleAsync("V. Putin, as the wire calls him, said little about Putin himself.", Merged, new DateTime(2026, 10, 9, 9, 0, 0, DateTimeKind.Utc));
            await this.MentionAsync(editor, merged, "V. Putin", actorId: old.Id);
            await SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.DetailsModel.MergeInto(old.Id, putin.Id));

            await this.ArticleAsync("Putin was mentioned here but nobody tagged it.", Untagged, new DateTime(2026, 10, 10, 9, 0, 0, DateTimeKind.Utc));
            var proposed = await this.ArticleAsync("A journalist thinks Putin is named here.", Proposed, new DateTime(2026, 10, 11, 9, 0, 0, DateTimeKind.Utc));
            await this.MentionAsync(journalist, proposed, "Putin", actorId: putin.Id);
            await this.MentionAsync(journalist, proposed, "journalist", actorId: proposedOnly.Id);

            var url = "https://orphans.example/putin";
            var orphaned = await this.ArticleAsync("Vladimir Putin was in the first text only.\n\nLater, Putin left.", Orphaned, new DateTime(2026, 10, 12, 9, 0, 0, DateTimeKind.Utc), url: url);
            await this.MentionAsync(editor, orphaned, "Vladimir Putin was in the first text only.", actorId: putin.Id);
            await SendAsync(new IngestArticle.Command { Text = Orphaned + "\n\nA rewritten text.\n\nLater, Putin left.", Url = url, PublishedUtc = new DateTime(2026, 10, 12, 9, 0, 0, DateTimeKind.Utc), Origin = "test" });
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Pages.Search;

public sealed class SearchTests(SearchTests.Factory factory) : IClassFixture<SearchTests.Factory>
{
    [Fact]
    public async Task Finds_the_seed_article_by_words_with_highlighted_snippets()
    {
        var page = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), "/search?q=hegseth+membership");

        var hit = page.QuerySelector(".results .article-card")!;
        Assert.Contains("NATO Membership for Ukraine", hit.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Membership", hit.QuerySelector("h2 mark")!.TextContent);
        Assert.Contains(hit.QuerySelectorAll(".snippet mark"), m => m.TextContent == "Hegseth");
    }

    [Theory]
    [InlineData("\"cast doubt\"", true)]
    [InlineData("\"doubt cast\"", false)]
    [InlineData("title:hegseth", false)]
    [InlineData("title:ukraine", true)]
    [InlineData("zelensky -putin", false)]
    [InlineData("zelensky -snowstorm", true)]
    [InlineData("snowstorm OR starmer", true)]
    [InlineData("acces*", true)]
    [InlineData("outlet:nowhere nato", false)]
    public async Task Understands_phrases_columns_exclusions_alternatives_and_prefixes(string query, bool findsSeed)
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(query)}");

        var titles = json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()).ToList();
        Assert.Equal(findsSeed, titles.Contains("U.S. Weighs Instant NATO Membership for Ukraine if Russia Violates Peace Deal"));
    }

    [Theory]
    [InlineData("cafe")]
    [InlineData("ZÜRICH")]
    [InlineData("zurich OR nowhere")]
    [InlineData("\"U.S. envoy\"")]
    [InlineData("u.s")]
    [InlineData("envo*")]
    public async Task Words_match_whatever_their_case_and_accents_and_punctuation_splits_them_on_either_database(string query)
    {
        await factory.SendAsync(new IngestArticle.Command { Text = "Café Society Gathers\n\nIn Zürich the U.S. envoy met the committee.", Url = "https://wire.example.com/accents" });

        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(query)}");

        Assert.Contains(json.GetProperty("hits").EnumerateArray(), h => h.GetProperty("title").GetString() == "Café Society Gathers");
    }

    [Fact]
    public async Task Filters_by_outlet_language_and_date_and_counts_facets()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/search?q=harbour");

        var outlets = json.GetProperty("facets").GetProperty("outlets").EnumerateArray().ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(2, outlets["Coast Courier"]);
        Assert.Equal(1, outlets["Harbour Gazette"]);

        // Fewer matches than the facet sample: the counts cover every one of them.
        Assert.Equal(json.GetProperty("matchCount").GetInt32(), json.GetProperty("facets").GetProperty("counted").GetInt32());

        Assert.Equal(2, await CountAsync("harbour outlet:\"Coast Courier\""));
        Assert.Equal(1, await CountAsync("harbour outlet:gazette.example.com"));
        Assert.Equal(1, await CountAsync("harbour lang:fr"));
        Assert.Equal(2, await CountAsync("harbour after:2026-03-01"));
        Assert.Equal(1, await CountAsync("harbour before:2026-02"));
        Assert.Equal(1, await CountAsync("outlet:\"Coast Courier\" lang:fr"));
    }

    [Fact]
    public async Task A_filter_only_search_counts_every_article_that_passes_the_filter()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/search?q=outlet:%22Coast%20Courier%22");

        Assert.Equal(2, json.GetProperty("matchCount").GetInt32());
        Assert.False(json.GetProperty("matchCountCapped").GetBoolean());
        Assert.Equal(2, json.GetProperty("hits").GetArrayLength());
        var outlets = json.GetProperty("facets").GetProperty("outlets").EnumerateArray().Select(f => f.GetProperty("label").GetString()).ToList();
        Assert.Equal(["Coast Courier"], outlets);
    }

    [Fact]
    public async Task Pages_through_results_without_repeats_in_either_order()
    {
        foreach (var sort in new[] { "relevance", "newest" })
        {
            var seen = new List<int>();
            string? after = null;
            do
            {
                var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q=harbour+OR+nato&sort={sort}&limit=1{(after is null ? "" : $"&after={after}")}");
                seen.AddRange(json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetInt32()));
                after = json.GetProperty("next").GetString();
            }
            while (after is not null && seen.Count < 20);

            Assert.Equal(4, seen.Count);
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task Newest_first_walks_matches_years_apart_in_date_order_with_filters_and_counts()
    {
        // Dates from hours to years apart, so the newest-first search has to widen its time span several times over.
        var days = new[] { 0.0, 0.1, 0.5, 3, 9, 40, 200, 700, 2500, 2501, 6000 };
        var origin = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < days.Length; i++)
        {
            await factory.SendAsync(new IngestArticle.Command
            {
                Text = $"Lighthouse Keeper Report {i}\n\nThe lighthouse keeper wrote report number {i} about the quay.",
                Url = $"https://keeper.example.com/report-{i}",
                Outlet = i % 2 == 0 ? "Keeper Weekly" : "Quay Post",
                PublishedUtc = origin.AddDays(-days[i]),
                Language = "en",
            });
        }

        var expected = Enumerable.Range(0, days.Length).Select(i => $"Lighthouse Keeper Report {i}").ToList();
        Assert.Equal(expected, await WalkNewestAsync("lighthouse keeper", limit: 2));
        Assert.Equal(expected.Where((_, i) => i % 2 == 1), await WalkNewestAsync("lighthouse outlet:\"Quay Post\"", limit: 2));

        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/search?q=lighthouse&sort=newest&limit=3");
        Assert.Equal(days.Length, json.GetProperty("matchCount").GetInt32());
        Assert.False(json.GetProperty("matchCountCapped").GetBoolean());
        var outlets = json.GetProperty("facets").GetProperty("outlets").EnumerateArray().ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(6, outlets["Keeper Weekly"]);
        Assert.Equal(5, outlets["Quay Post"]);
    }

    private async Task<List<string>> WalkNewestAsync(string query, int limit)
    {
        var titles = new List<string>();
        string? after = null;
        do
        {
            var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(query)}&sort=newest&limit={limit}{(after is null ? "" : $"&after={Uri.EscapeDataString(after)}")}");
            titles.AddRange(json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()!));
            after = json.GetProperty("next").GetString();
        }
        while (after is not null && titles.Count < 100);

        return titles;
    }

    [Fact]
    public async Task A_new_version_replaces_the_old_text_in_the_index()
    {
        const string Url = "https://wire.example.com/reindex";
        await factory.SendAsync(new IngestArticle.Command { Text = "Reindex Headline\n\nThe first text mentions a zeppelin over the bay.", Url = Url });
        await factory.SendAsync(new IngestArticle.Command { Text = "Reindex Headline\n\nThe second text mentions a hovercraft over the bay.", Url = Url });

        Assert.Equal(0, await CountAsync("zeppelin"));
        Assert.Equal(1, await CountAsync("hovercraft"));
        Assert.Equal(1, await CountAsync("\"second text\" reindex"));
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "\"", "\"unclosed", "*", "(nato", "nato)", "NOT", "AND OR NOT", "NEAR(a b)", "title:", "-", "- -", "{title}: x", "'; DROP TABLE Articles; --",
        "\0", "😀", "\uFFFF", new string('"', 501), new string('x', 10_240), string.Concat(Enumerable.Repeat("nato OR ", 1300)), "after:9999-99-99 x", "before:0000-00-00 x", "before:9999 x", "before:9999-12 x", "before:9999-12-31 x", "after:0001-01-01 x",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_queries_get_an_answer_never_an_error(string query)
    {
        var page = await factory.CreateBrowserClient().GetAsync($"/search?q={Uri.EscapeDataString(query)}");
        var api = await factory.CreateClient().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task A_query_of_only_punctuation_gets_a_friendly_message()
    {
        var page = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), "/search?q=%22%22%20--%20**");

        Assert.Contains("nothing to search for", page.QuerySelector(".alert-info")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlong_query_is_refused_clearly()
    {
        var response = await factory.CreateClient().GetAsync($"/api/v1/search?q={new string('x', 20_001)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Markup_in_titles_is_shown_as_text_in_results()
    {
        await factory.SendAsync(new IngestArticle.Command { Text = "<img src=x onerror=alert(1)> Quokka Headline\n\nA quokka appeared.", Outlet = "Markup Desk" });

        var html = await factory.CreateBrowserClient().GetStringAsync("/search?q=quokka");

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_far_into_a_long_text_gets_the_passage_around_it_as_its_snippet()
    {
        var filler = Filler(200);
        await factory.SendAsync(new IngestArticle.Command { Text = $"Long Session Headline\n\n{filler} A harpsichordist closed the session. {filler}", Url = "https://wire.example.com/long-session" });

        var (snippet, marked) = await FirstSnippetAsync("harpsichordist");

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Equal(["harpsichordist"], marked);
    }

    [Fact]
    public async Task A_phrase_is_marked_where_its_words_stand_together_even_when_one_of_them_came_alone_much_earlier()
    {
        await factory.SendAsync(new IngestArticle.Command { Text = $"Phrase Session Headline\n\nA quorvane was mentioned first. {Filler(40)} Then the zibbolt quorvane arrived.", Url = "https://wire.example.com/phrase-session" });

        var (snippet, marked) = await FirstSnippetAsync("\"zibbolt quorvane\"");

        Assert.Contains("zibbolt quorvane arrived", snippet, StringComparison.Ordinal);
        Assert.Contains("zibbolt", marked);
    }

    /// <summary>Plain sentences with no query word in them, about 34 characters each.</summary>
    private static string Filler(int sentences) => string.Join(' ', Enumerable.Repeat("The council met again on Tuesday.", sentences));

    /// <summary>The first hit's snippet and the words marked in it.</summary>
    private async Task<(string Snippet, List<string> Marked)> FirstSnippetAsync(string query)
    {
        var hit = (await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(query)}")).GetProperty("hits")[0];
        var snippet = hit.GetProperty("snippet").GetString()!;
        return (snippet, hit.GetProperty("snippetMatches").EnumerateArray().Select(m => snippet.Substring(m[0].GetInt32(), m[1].GetInt32())).ToList());
    }

    private async Task<int> CountAsync(string query) =>
        (await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/search?q={Uri.EscapeDataString(query)}")).GetProperty("matchCount").GetInt32();

    /// <summary>The seed plus three harbour reports from two outlets, in two languages and two months.</summary>
    public sealed class Factory : NewsTrackerFactory, IAsyncLifetime
    {
        /// <summary>Newest-first searches here look in time spans whatever their matches, so that path is tested on a
        /// few articles (other classes test sorting the matches whole).</summary>
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:NewestSpanAboveMatches"] = "0" };

        public async Task InitializeAsync()
        {
            await SendAsync(new IngestArticle.Command { Text = "Harbour Reopens After Storm\n\nThe harbour reopened on Sunday after three days of closure.", Outlet = "Coast Courier", PublishedUtc = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc), Language = "en" });
            await SendAsync(new IngestArticle.Command { Text = "Le port rouvre\n\nLe harbour du village a rouvert dimanche après la tempête.", Outlet = "Coast Courier", PublishedUtc = new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc), Language = "fr" });
            await SendAsync(new IngestArticle.Command { Text = "Harbour Dues Rise\n\nThe harbour authority raised mooring dues for the new year.", Url = "https://gazette.example.com/dues", Outlet = "Harbour Gazette", PublishedUtc = new DateTime(2026, 1, 20, 8, 0, 0, DateTimeKind.Utc), Language = "en-GB" });
        }

        Task IAsyncLifetime.DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            return Task.CompletedTask;
        }
    }
}

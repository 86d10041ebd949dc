using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Api;

public sealed class ArticlesApiTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task Lists_articles_as_json_anonymously()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/articles");

        var first = json.GetProperty("items")[0];
        Assert.Equal("U.S. Weighs Instant NATO Membership for Ukraine if Russia Violates Peace Deal", first.GetProperty("title").GetString());
        Assert.True(first.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task Gets_one_article_with_its_blocks()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/articles/1");

        var kinds = json.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Caption", "Paragraph", "Paragraph", "Caption", "Paragraph", "Paragraph", "Caption", "Paragraph"], kinds);
        Assert.False(json.TryGetProperty("meta", out _));
    }

    [Fact]
    public async Task An_unknown_article_is_problem_details_404()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/articles/424242");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Posting_without_a_token_is_401()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/articles", new { text = "Headline\n\nBody." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_with_a_signed_in_cookie_but_no_token_is_401()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await client.PostAsJsonAsync("/api/v1/articles", new { text = "Cookie Headline\n\nBody." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_readers_token_is_403()
    {
        var client = await ClientWithToken(string.Empty);

        var response = await client.PostAsJsonAsync("/api/v1/articles", new { text = "Reader Headline\n\nBody." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_garbage_token_is_401()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nt_" + new string('x', 43));

        var response = await client.PostAsJsonAsync("/api/v1/articles", new { text = "Garbage Headline\n\nBody." });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_journalist_posts_plain_text_and_a_duplicate_answers_200()
    {
        var client = await ClientWithToken(Roles.Journalist);
        var body = new { text = "API Ingest Headline\n\nThe first paragraph, said an official.", outlet = "Wire", published = "2026-11-25T09:30:00+01:00" };

        var created = await client.PostAsJsonAsync("/api/v1/articles", body);
        var duplicate = await client.PostAsJsonAsync("/api/v1/articles", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("added", json.GetProperty("outcome").GetString());
        Assert.Equal($"/api/v1/articles/{json.GetProperty("id").GetInt32()}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal("duplicate", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());

        var article = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal("2026-11-25T08:30:00Z", article.GetProperty("publishedUtc").GetString());
    }

    [Fact]
    public async Task A_wire_agency_in_the_byline_is_kept_as_the_articles_credit_and_the_names_as_its_authors()
    {
        var client = await ClientWithToken(Roles.Journalist);
        // Dated in the past, so the shared database's newest-first list keeps the seed on top for the other tests.
        var html = """
            <html lang="en"><head><title>Harbour cranes idle as dockers strike</title>
            <meta property="article:published_time" content="2020-03-03T10:00:00+01:00"></head><body><article>
            <h1>Harbour cranes idle as dockers strike</h1><p class="byline">By Jane Doe and Omar Haddad, Reuters</p>
            <p>Cranes stood idle at the harbour on Tuesday as dockers walked out over pay, the union said, and ships queued offshore.</p>
            <p>The port authority said talks would resume on Thursday and that perishable cargo was being moved by road instead.</p>
            <p>Shipping lines warned of delays of up to a week for containers bound for inland depots if the strike went on.</p>
            </article></body></html>
            """;

        var created = await client.PostAsJsonAsync("/api/v1/articles", new { html, url = "https://wire.example.org/news/harbour-cranes-idle" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal("Jane Doe, Omar Haddad", article.GetProperty("byline").GetString());
        Assert.Equal("Reuters", article.GetProperty("agency").GetString());
        var page = await client.GetStringAsync($"/articles/{article.GetProperty("id").GetInt32()}");
        Assert.Contains("<span class=\"agency\" title=\"Wire agency credited in the byline\">Reuters</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_is_validation_problem_details()
    {
        var client = await ClientWithToken(Roles.Journalist);

        var response = await client.PostAsJsonAsync("/api/v1/articles", new { text = "", url = "ftp://example.com/x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Text", out _), "an empty text is an error even with a URL");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Url", out _));
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var client = await ClientWithToken(Roles.Journalist);

        var response = await client.PostAsync("/api/v1/articles", new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_article_endpoints()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/articles", out var articles));
        Assert.True(articles.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/articles/{id}", out _));
    }

    private async Task<HttpClient> ClientWithToken(string role)
    {
        var email = await factory.CreateUserAsync(role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(email));
        return client;
    }
}

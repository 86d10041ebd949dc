using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>How many rows ingestion has written, to prove a refusal stored nothing.</summary>
public sealed record StoredRows(int Articles, int Versions, int Blocks, int Outlets, int Stories)
{
    public static async Task<StoredRows> CountAsync(NewsTrackerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        return new StoredRows(
            await db.Articles.CountAsync(),
            await db.ArticleVersions.CountAsync(),
            await db.ArticleBlocks.CountAsync(),
            await db.Outlets.CountAsync(),
            await db.Stories.CountAsync());
    }
}

/// <summary>Calls and checks shared by the ingestion API tests.</summary>
public static class IngestionApi
{
    public const string Articles = "/api/v1/articles";
    public const string Extract = "/api/v1/extract";

    public static async Task<HttpClient> CreateJournalistClientAsync(this NewsTrackerFactory factory)
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(email));
        return client;
    }

    /// <summary>Asserts a 400 ValidationProblem one of whose messages contains <paramref name="fragment"/>; returns all messages.</summary>
    public static async Task<IReadOnlyList<string>> AssertValidationProblemAsync(HttpResponseMessage response, string fragment)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var messages = problem.RootElement.GetProperty("errors").EnumerateObject()
            .SelectMany(field => field.Value.EnumerateArray().Select(m => m.GetString()!))
            .ToList();
        Assert.Contains(messages, m => m.Contains(fragment, StringComparison.Ordinal));
        return messages;
    }

    /// <summary>The app still answers after whatever the test threw at it, and is ready. Readiness includes the search
    /// index holding the newest stored version, which the catch-up loop adds within a second or so of an ingest, so a
    /// 503 right after one is waited out (up to a minute) rather than taken as a failure.</summary>
    public static async Task AssertHealthyAsync(NewsTrackerFactory factory)
    {
        var client = factory.CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            using var response = await client.GetAsync("/healthz");
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
                return;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>A published date far in the future would pin an article to the top of every list; one before 1800 is a
/// typing mistake. A date someone gives is refused with a message; one a page states is stored as unknown.</summary>
public sealed class PublishedDateTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Theory]
    [InlineData("9999-12-31T00:00:00Z", "more than a day in the future")]
    [InlineData("1799-12-31T23:00:00Z", "before 1800")]
    public async Task A_given_date_out_of_range_is_refused_with_a_message(string published, string expected)
    {
        var client = await factory.CreateJournalistClientAsync();
        var title = "Dated report " + Guid.NewGuid().ToString("N")[..8];

        using var response = await client.PostAsJsonAsync(Articles, new { text = $"{title}\n\nThe council met on Tuesday to discuss the harbour.", published });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task A_date_tomorrow_is_accepted_for_time_zones_ahead()
    {
        var client = await factory.CreateJournalistClientAsync();
        var published = DateTime.UtcNow.AddHours(20);

        using var response = await client.PostAsJsonAsync(Articles, new { text = $"Early edition {Guid.NewGuid():N}\n\nPrinted before dawn in Auckland.", published });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_page_that_claims_year_9999_is_stored_with_an_unknown_date()
    {
        var client = await factory.CreateJournalistClientAsync();
        var title = "Pinned forever " + Guid.NewGuid().ToString("N")[..8];
        var html = $"<html><head><title>{title}</title><meta property=\"article:published_time\" content=\"9999-01-01T00:00:00Z\"></head>" +
            $"<body><article><h1>{title}</h1><p>The harbour master said the new pier would open in spring, weather permitting.</p>" +
            "<p>Fishermen welcomed the news at the quay on Monday morning.</p></article></body></html>";

        using var response = await client.PostAsJsonAsync(Articles, new { html, url = $"https://harbour.example/{Guid.NewGuid():N}" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.PublishedUtc).SingleAsync()));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>Regressions found in review: outlet identity and canonical links across outlets.</summary>
public sealed class OutletAndCanonicalTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task An_outlet_named_like_a_domain_is_reused_when_that_domain_arrives_by_url()
    {
        await factory.SendAsync(new IngestArticle.Command { Text = "Probe One First\n\nA first article from the probe site.", Outlet = "probe-one.org" });

        var second = await factory.SendAsync(new IngestArticle.Command { Text = "Probe One Second\n\nA second article, arriving by its address.", Url = "https://www.probe-one.org/story" });

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var outlet = await db.Outlets.SingleAsync(o => o.NormalizedName == "PROBE-ONE.ORG");
        Assert.Equal("probe-one.org", outlet.Domain);
        Assert.Equal(outlet.Id, (await db.Articles.SingleAsync(a => a.Id == second.ArticleId)).OutletId);
    }

    [Fact]
    public async Task A_pasted_copy_whose_canonical_names_another_outlets_article_is_its_own_article_in_the_same_story()
    {
        var original = await factory.SendAsync(new IngestArticle.Command
        {
            Text = "Original Report Title\n\nThe original wire report about the harbour strike, with its details.",
            Outlet = "Origin Wire",
            Url = "https://origin-wire.example/report",
        });
        const string Copy = """
            <html><head><title>Syndicated copy</title><meta property="og:site_name" content="Aggregator">
            <link rel="canonical" href="https://origin-wire.example/report"></head>
            <body><article><h1>Syndicated copy</h1><p>The aggregator's copy of the harbour strike report, lightly edited.</p></article></body></html>
            """;

        var copy = await factory.SendAsync(new IngestArticle.Command { Html = Copy });

        Assert.Equal(IngestArticle.Outcome.Added, copy.Outcome);
        Assert.NotEqual(original.ArticleId, copy.ArticleId);
        Assert.Equal(original.StoryId, copy.StoryId);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var kept = await db.Articles.Include(a => a.Outlet).SingleAsync(a => a.Id == original.ArticleId);
        Assert.Equal("Original Report Title", kept.Title);
        Assert.Equal(1, kept.CurrentVersion);
        Assert.Equal("Origin Wire", kept.Outlet!.Name);
    }

    [Fact]
    public async Task A_duplicate_leaves_no_empty_outlet_behind()
    {
        const string Text = "Duplicate Outlet Probe\n\nThe same words arrive twice, the second time naming an outlet.";
        await factory.SendAsync(new IngestArticle.Command { Text = Text });

        var again = await factory.SendAsync(new IngestArticle.Command { Text = Text, Outlet = "Phantom Press" });

        Assert.Equal(IngestArticle.Outcome.Duplicate, again.Outcome);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Outlets.AnyAsync(o => o.Name == "Phantom Press"));
    }

    [Fact]
    public async Task A_paste_over_four_mebibytes_is_stored_through_the_form()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        var paragraph = "The harbour authority published its long annual report on shipping volumes and dues. ";
        var text = "Very Long Annual Report\n\n" + string.Join("\n\n", Enumerable.Repeat(paragraph, 5 * 1024 * 1024 / paragraph.Length));

        var response = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = text });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/articles/{response.Headers.Location!.OriginalString.Split('/')[2]}");
        Assert.Equal("Very Long Annual Report", json.GetProperty("title").GetString());
    }
}

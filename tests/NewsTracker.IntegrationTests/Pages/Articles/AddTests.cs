using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Articles;

public sealed class AddTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Text = """
        Ministers Agree Emergency Grid Funding

        Energy ministers agreed on Tuesday to fund emergency repairs to the power grid, officials said.

        Engineers inspect a damaged substation near the capital

        The package covers transformers and mobile generators, according to a spokesperson.
        """;

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/articles/add");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_without_a_staff_role_are_refused()
    {
        var client = await factory.SignedInClientAsync(string.Empty);

        var response = await client.GetAsync("/articles/add");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journalist_adds_an_article_and_lands_on_it()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add", new()
        {
            ["Data.Text"] = Text,
            ["Data.Outlet"] = "Wire Desk",
            ["Data.Url"] = "https://news.example.com/grid-funding?utm_source=x",
            ["Data.Published"] = "2026-11-20",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Forms.GetDocumentAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal("Ministers Agree Emergency Grid Funding", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Wire Desk", page.QuerySelector(".meta .outlet")!.TextContent);
        Assert.Equal("Engineers inspect a damaged substation near the capital", page.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("Article added.", page.QuerySelector(".alert-info")!.TextContent);

        await using var scope = factory.Services.CreateAsyncScope();
        var article = await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.Include(a => a.Outlet)
            .SingleAsync(a => a.Title == "Ministers Agree Emergency Grid Funding");
        Assert.Equal("https://news.example.com/grid-funding", article.CanonicalUrl);
        Assert.Equal(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc), article.PublishedUtc);
        Assert.Equal("Wire Desk", article.Outlet!.Name);
        Assert.Equal("news.example.com", article.Outlet.Domain);
    }

    [Fact]
    public async Task Pasting_the_same_article_twice_stores_it_once()
    {
        var client = await factory.SignedInClientAsync(Roles.Editor);
        var text = "Duplicate Check Headline\n\nA paragraph that appears twice, word for word.";

        await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = text });
        var second = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = text });

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.CountAsync(a => a.Title == "Duplicate Check Headline"));
    }

    [Fact]
    public async Task Invalid_input_re_renders_the_form_with_field_messages_and_stores_nothing()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        int before;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.CountAsync();
        }

        var response = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = string.Empty, ["Data.Url"] = "javascript:alert(1)" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Paste the article text", page.QuerySelector("[data-valmsg-for='Data.Text']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("absolute http", page.QuerySelector("[data-valmsg-for='Data.Url']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("javascript:alert(1)", page.QuerySelector("input[name='Data.Url']")!.GetAttribute("value"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.CountAsync());
        }
    }

    [Fact]
    public async Task A_title_without_a_body_is_refused_with_a_clear_message()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = "Only A Headline Here" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No article text was found", (await Forms.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = "Forged Headline\n\nForged body." }, includeAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.AnyAsync(a => a.Title == "Forged Headline"));
    }

    [Fact]
    public async Task Markup_in_a_title_is_shown_as_text()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Text"] = "<script>alert('x')</script> Headline\n\nBody <b>text</b> here." });

        var html = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
    }
}

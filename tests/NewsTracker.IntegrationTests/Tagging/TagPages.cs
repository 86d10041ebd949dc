using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>What the claim, actor and search tests share: articles to tag, tags made through the real commands,
/// people signed in with a role, and form posts as they would come from a browser.</summary>
public static class TagPages
{
    /// <summary>A signed-in browser and the same account as the tagging commands see it.</summary>
    public sealed record Person(HttpClient Client, Editor Editor, string Email);

    /// <summary>A new account with <paramref name="role"/> ("" for a reader), signed in.</summary>
    public static async Task<Person> SignInAsync(this NewsTrackerFactory factory, string role)
    {
        var (client, editor) = await factory.SignedInEditorAsync(role);
        return new Person(client, editor, editor.UserName!);
    }

    /// <summary>A new article (unique title) with <paramref name="body"/>; its id, slug and plain text.</summary>
    public static async Task<(int Id, string Slug, string Text)> ArticleAsync(this NewsTrackerFactory factory, string body, string? title = null, DateTime? published = null, string? outlet = null, string? url = null)
    {
        var result = await factory.SendAsync(new IngestArticle.Command
        {
            Text = (title ?? "Tagging page test " + Guid.NewGuid().ToString("N")[..8]) + "\n\n" + body,
            PublishedUtc = published,
            Outlet = outlet,
            Url = url,
            Origin = "test",
        });
        var text = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == result.ArticleId && v.Number == result.Version).Select(v => v.PlainText).SingleAsync());
        return (result.ArticleId, result.Slug, text);
    }

    /// <summary>Tags the first <paramref name="quote"/> in the article as a mention of an actor (existing or new).</summary>
    public static Task<Tags.Saved> MentionAsync(this NewsTrackerFactory factory, Editor by, (int Id, string Slug, string Text) article, string quote, int? actorId = null, Actors.NewActor? newActor = null, int occurrence = 0)
    {
        var start = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            start = article.Text.IndexOf(quote, start + 1, StringComparison.Ordinal);
        }

        Assert.True(start >= 0, $"'{quote}' is not in the article.");
        return factory.SendAsAsync(by, new Tags.Create(article.Id, null, AnnotationKind.ActorMention, start, start + quote.Length, quote, ActorId: actorId, NewActor: newActor));
    }

    /// <summary>Tags <paramref name="quote"/> as an appearance of a claim (existing or new).</summary>
    public static Task<Tags.Saved> ClaimTagAsync(this NewsTrackerFactory factory, Editor by, (int Id, string Slug, string Text) article, string quote, int? claimId = null, Claims.NewClaim? newClaim = null)
    {
        var start = article.Text.IndexOf(quote, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{quote}' is not in the article.");
        return factory.SendAsAsync(by, new Tags.Create(article.Id, null, AnnotationKind.Claim, start, start + quote.Length, quote, ClaimId: claimId, NewClaim: newClaim));
    }

    public static async Task<Claims.Saved> PublishAsync(this NewsTrackerFactory factory, Editor editor, int claimId, string verdict = "false", string? comment = null) =>
        await factory.SendAsAsync(editor, new Claims.Review(claimId, null, Claims.ReviewAction.Publish, verdict, comment));

    /// <summary>A token the antiforgery check accepts for this client: read from any form on <paramref name="page"/>
    /// (the sign-in form for anonymous visitors, the sign-out form for everyone else).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var document = await Forms.GetDocumentAsync(client, page);
        return (document.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>Posts <paramref name="fields"/> to a page handler as a browser would, with a valid antiforgery token,
    /// whether or not the page offered this person the form.</summary>
    public static async Task<HttpResponseMessage> PostHandlerAsync(HttpClient client, string url, Dictionary<string, string> fields, bool signedIn = true)
    {
        var token = await AntiforgeryTokenAsync(client, signedIn ? "/account/manage" : "/account/login");
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(url, content);
    }

    /// <summary>Submits the page's form whose action contains <c>handler=<paramref name="handler"/></c>.</summary>
    public static Task<HttpResponseMessage> SubmitHandlerAsync(HttpClient client, string url, string handler, Dictionary<string, string>? values = null) =>
        Forms.SubmitAsync(client, url, values ?? [], $"form[action*='handler={handler}']");

    public static bool IsLoginRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The app for tests that sign many people in: the sign-in rate limit is raised out of the way.</summary>
public sealed class TaggingPagesFactory : NewsTrackerFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:LoginPermitsPerMinute"] = "10000" };
}

using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>The orphans queue and an article's tag history, through real requests with real sign-in.</summary>
public sealed class OrphansAndHistoryPageTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Before = "Kyiv insists on membership.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.";
    private const string After = "A new opening paragraph was added by the desk.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.\n\nKyiv still insists on NATO membership, officials said.";

    /// <summary>An article whose tag on "Kyiv insists on membership." is orphaned by a new version.</summary>
    private async Task<(int ArticleId, int TagId)> OrphanedTagAsync(Editor editor)
    {
        var title = "Orphan test " + Guid.NewGuid().ToString("N");
        var url = $"https://example.org/{Guid.NewGuid():N}";
        var first = await factory.SendAsync(new IngestArticle.Command { Text = title + "\n\n" + Before, Url = url, Origin = "test" });
        var text = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == first.ArticleId).Select(v => v.PlainText).SingleAsync());
        const string quote = "Kyiv insists on membership.";
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        var tag = await factory.SendAsAsync(editor, new Tags.Create(first.ArticleId, null, AnnotationKind.ActorMention, start, start + quote.Length, quote, NewActor: new Actors.NewActor("Kyiv", ActorKind.Other)));
        await factory.SendAsync(new IngestArticle.Command { Text = title + "\n\n" + After, Url = url, Origin = "test" });
        Assert.True(await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == tag.Id).Select(a => a.IsOrphaned).SingleAsync()));
        return (first.ArticleId, tag.Id);
    }

    [Fact]
    public async Task Anonymous_visitors_and_readers_cannot_see_the_queue_or_history()
    {
        var anonymous = factory.CreateBrowserClient();
        var reader = await factory.SignedInClientAsync(string.Empty);

        using var queue = await anonymous.GetAsync("/annotations/orphans");
        using var history = await anonymous.GetAsync("/articles/1/history");
        using var readerQueue = await reader.GetAsync("/annotations/orphans");

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Contains("/account/login", queue.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, history.StatusCode);
        Assert.Contains("accessdenied", readerQueue.Headers.Location!.OriginalString.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_editor_finds_the_passage_in_the_new_text_and_reattaches_the_orphan()
    {
        var (client, editor) = await factory.SignedInEditorAsync(Roles.Editor);
        var (articleId, tagId) = await OrphanedTagAsync(editor);

        var page = await Forms.GetDocumentAsync(client, $"/annotations/orphans?article={articleId}&find={tagId}&text=insists+on+NATO+membership");
        Assert.Contains("Kyiv insists on membership.", page.QuerySelector($"#orphan-{tagId} .orphan-quote")!.TextContent, StringComparison.Ordinal);
        var attach = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.Action.Contains("handler=Reattach", StringComparison.Ordinal));
        using var response = await Forms.PostFormAsync(client, attach, "/annotations/orphans", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var tag = await factory.WithDbAsync(db => db.Annotations.Include(a => a.Version).SingleAsync(a => a.Id == tagId));
        Assert.False(tag.IsOrphaned);
        Assert.Equal(2, tag.Version!.Number);
        Assert.Equal("insists on NATO membership", tag.Exact);
    }

    [Fact]
    public async Task A_journalist_sees_the_queue_but_cannot_reattach_or_delete()
    {
        var (_, editor) = await factory.SignedInEditorAsync(Roles.Editor);
        var (articleId, tagId) = await OrphanedTagAsync(editor);
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);

        var page = await Forms.GetDocumentAsync(journalist, $"/annotations/orphans?article={articleId}");
        Assert.NotNull(page.QuerySelector($"#orphan-{tagId}"));
        Assert.Empty(page.QuerySelectorAll($"#orphan-{tagId} form[method=post]"));

        // A hand-made post is refused by the command itself.
        var stamp = await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == tagId).Select(a => a.ConcurrencyStamp).SingleAsync());
        var token = page.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement;
        var form = new Dictionary<string, string> { ["id"] = tagId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["stamp"] = stamp.ToString() };
        if (token is not null)
        {
            form["__RequestVerificationToken"] = token.Value;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await journalist.PostAsync("/annotations/orphans?handler=Delete", content);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
        Assert.True(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == tagId)));
    }

    [Fact]
    public async Task The_history_lists_each_change_with_who_and_undo_takes_back_the_last()
    {
        var (client, editor) = await factory.SignedInEditorAsync(Roles.Editor);
        var (articleId, tagId) = await OrphanedTagAsync(editor);
        var text = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == articleId && v.Number == 2).Select(v => v.PlainText).SingleAsync());
        var start = text.IndexOf("NATO", StringComparison.Ordinal);
        await factory.SendAsAsync(editor, new Tags.Create(articleId, null, AnnotationKind.ActorMention, start, start + 4, "NATO", NewActor: new Actors.NewActor("NATO", ActorKind.Organisation)));

        var page = await Forms.GetDocumentAsync(client, $"/articles/{articleId}/history");
        var entries = page.QuerySelectorAll(".history-entry").Select(e => e.TextContent).ToList();
        Assert.Contains(entries, e => e.Contains("“NATO”", StringComparison.Ordinal) && e.Contains(editor.UserName!, StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("Kyiv insists", StringComparison.Ordinal));
        Assert.Contains("NATO", page.QuerySelector(".undo-bar")!.TextContent, StringComparison.Ordinal);

        using var undo = await Forms.SubmitAsync(client, $"/articles/{articleId}/history", [], "form.undo-bar");
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.ArticleId == articleId && a.Exact == "NATO")));
        Assert.True(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == tagId)));
        var after = await Forms.GetDocumentAsync(client, $"/articles/{articleId}/history");
        Assert.NotEmpty(after.QuerySelectorAll(".history-entry.undone"));
    }
}

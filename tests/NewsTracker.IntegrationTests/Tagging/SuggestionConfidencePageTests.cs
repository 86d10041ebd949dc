using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>Suggestions on the article page: confident ones by default and the rest on request, what editors'
/// decisions teach them (muted wordings, restored from the actor's page), and the kind proposed for a new actor.</summary>
public sealed class SuggestionConfidencePageTests(TaggingPagesFactory factory) : IClassFixture<TaggingPagesFactory>
{
    // "Zubrowski" is a less certain name: nothing in the text says it acts (a name that speaks or does something is shown).
    private static string Body(string extra) =>
        $"Vladimir Putin met the envoy in Minsk on Monday, by the Zubrowski fountain. {extra} Talks ended early.";

    private static string Entry(string kind, string text, string quote)
    {
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        return $".sugg-entry[data-sugg='{kind}-{start}-{start + quote.Length}']";
    }

    [Fact]
    public async Task Less_certain_suggestions_wait_behind_a_link_that_works_without_the_script()
    {
        var article = await factory.ArticleAsync(Body("Nobody else came."));
        var editor = await factory.SignInAsync(Roles.Editor);
        var url = $"/articles/{article.Id}/{article.Slug}";

        var page = await Forms.GetDocumentAsync(editor.Client, url);

        Assert.NotNull(page.QuerySelector(Entry("ActorMention", article.Text, "Vladimir Putin")));
        Assert.Null(page.QuerySelector(Entry("ActorMention", article.Text, "Zubrowski")));
        var link = page.QuerySelector("[data-action=all-suggestions]")!;
        Assert.Equal("?suggestions=all#suggestions", link.GetAttribute("href"));
        Assert.Contains("less certain suggestion", link.TextContent, StringComparison.Ordinal);

        var all = await Forms.GetDocumentAsync(editor.Client, url + "?suggestions=all");

        var uncertain = all.QuerySelector(Entry("ActorMention", article.Text, "Zubrowski"))!;
        Assert.Contains("sugg-uncertain", uncertain.ClassList);
        Assert.Contains("less certain", uncertain.TextContent, StringComparison.Ordinal);
        Assert.NotNull(all.QuerySelector(Entry("ActorMention", article.Text, "Vladimir Putin")));
        Assert.NotNull(all.QuerySelector("[data-action=confident-suggestions]"));
    }

    [Fact]
    public async Task A_wording_editors_dismissed_on_three_articles_is_not_suggested_until_restored_on_the_actors_page()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var tagged = await factory.ArticleAsync(Body("The first report."));
        var actor = await factory.MentionAsync(editor.Editor, tagged, "Vladimir Putin", newActor: new Actors.NewActor("Vladimir Putin", ActorKind.Person));
        foreach (var n in new[] { "second", "third", "fourth" })
        {
            var article = await factory.ArticleAsync(Body($"The {n} report."));
            var start = article.Text.IndexOf("Vladimir Putin", StringComparison.Ordinal);
            await factory.SendAsAsync(editor.Editor, new NewsTracker.Web.Pages.Articles.DetailsModel.RejectSuggestion(article.Id, 1, AnnotationKind.ActorMention, start, start + 14));
        }

        var fresh = await factory.ArticleAsync(Body("The fifth report."));
        var freshUrl = $"/articles/{fresh.Id}/{fresh.Slug}?suggestions=all";
        var page = await Forms.GetDocumentAsync(editor.Client, freshUrl);
        Assert.Null(page.QuerySelector(Entry("ActorMention", fresh.Text, "Vladimir Putin")));

        var actorId = actor.ActorId!.Value;
        var actorPage = await Forms.GetDocumentAsync(editor.Client, $"/actors/{actorId}");
        var muted = actorPage.QuerySelector(".muted-forms li")!;
        Assert.Contains("“vladimir putin”, turned down on 3 articles", muted.TextContent, StringComparison.Ordinal);
        using var restored = await Forms.PostFormAsync(editor.Client, (IHtmlFormElement)muted.QuerySelector("form")!, $"/actors/{actorId}", []);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.SuggestionFormDecisions.CountAsync(d => d.Form == "vladimir putin" && !d.Accepted)));
        page = await Forms.GetDocumentAsync(editor.Client, freshUrl);
        Assert.NotNull(page.QuerySelector(Entry("ActorMention", fresh.Text, "Vladimir Putin")));
    }

    [Fact]
    public async Task A_dismissed_suggestion_is_in_the_articles_history_and_undo_offers_it_again()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        // Another wording than the other tests', whose counts of turned-down articles share this host.
        var article = await factory.ArticleAsync(Body("The dismissed report."));
        var start = article.Text.IndexOf("Zubrowski", StringComparison.Ordinal);
        await factory.SendAsAsync(editor.Editor, new NewsTracker.Web.Pages.Articles.DetailsModel.RejectSuggestion(article.Id, 1, AnnotationKind.ActorMention, start, start + 9));

        var history = await factory.SendAsync(new History.Query(History.Subject.Article, article.Id));
        Assert.Contains(history.Entries, e => e.Summary == "Dismissed a suggested actor" && e.UserName == editor.Editor.UserName);
        Assert.Contains(history.Entries, e => e.Summary == "Turned down the wording “zubrowski”");

        await factory.SendAsAsync(editor.Editor, new History.Undo());

        Assert.Equal(0, await factory.WithDbAsync(db => db.RejectedSuggestions.CountAsync(r => r.Start == start && db.ArticleVersions.Any(v => v.Id == r.VersionId && v.ArticleId == article.Id))));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SuggestionFormDecisions.CountAsync(d => d.ArticleId == article.Id)));
        var page = await Forms.GetDocumentAsync(editor.Client, $"/articles/{article.Id}/{article.Slug}?suggestions=all");
        Assert.NotNull(page.QuerySelector(Entry("ActorMention", article.Text, "Zubrowski")));
    }

    [Fact]
    public async Task Only_editors_may_restore_a_wording()
    {
        var journalist = await factory.SignInAsync(Roles.Journalist);
        var article = await factory.ArticleAsync(Body("A journalist's report."));
        var editor = await factory.SignInAsync(Roles.Editor);
        var actor = await factory.MentionAsync(editor.Editor, article, "Vladimir Putin", newActor: new Actors.NewActor("Vladimir Putin", ActorKind.Person));

        using var refused = await TagPages.PostHandlerAsync(journalist.Client, $"/actors/{actor.ActorId}?handler=RestoreForm", new() { ["form"] = "vladimir putin" });

        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"got {refused.StatusCode}");
    }

    [Theory]
    [InlineData("NATO", "Organisation")]
    [InlineData("White House", "GovernmentBody")]
    [InlineData("Ukraine", "Country")]
    [InlineData("Pete Hegseth", "Person")]
    [InlineData("Ministry of Justice", "GovernmentBody")]
    public async Task The_tag_dialog_proposes_a_new_actors_kind_from_what_it_is(string name, string kind)
    {
        var article = await factory.ArticleAsync(Body("Kinds."));
        var journalist = await factory.SignInAsync(Roles.Journalist);

        var json = await journalist.Client.GetStringAsync($"/articles/{article.Id}/{article.Slug}?handler=ActorKind&name={Uri.EscapeDataString(name)}");

        Assert.Equal(kind, JsonDocument.Parse(json).RootElement.GetProperty("kind").GetString());
    }
}

using System.Net;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using static NewsTracker.IntegrationTests.Tagging.TagPages;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>An actor a journalist creates (in a proposed tag or in the registry) is invisible to readers on every
/// public page until an editor approves it or a tag that names it; staff see it all along, marked.</summary>
public sealed class ProposedActorVisibilityTests(TaggingPagesFactory factory) : IClassFixture<TaggingPagesFactory>
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task An_actor_named_in_a_journalists_proposed_tag_is_hidden_from_readers_until_an_editor_approves_the_tag()
    {
        var journalist = await factory.CreateEditorAsync(Roles.Journalist);
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var name = Unique("Proposed Ministerova");
        var article = await factory.ArticleAsync($"{name} said the port would reopen on Monday.");
        var tag = await factory.MentionAsync(journalist, article, name, newActor: new Actors.NewActor(name, ActorKind.Person));
        var actorId = tag.ActorId!.Value;
        var reader = factory.CreateBrowserClient();
        var staff = await factory.SignInAsync(Roles.Editor);

        await AssertHiddenFromReadersAsync(reader, actorId, name, article);
        var staffPage = await Forms.GetDocumentAsync(staff.Client, $"/actors/{actorId}");
        Assert.Contains("Not yet approved", staffPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(name, await staff.Client.GetStringAsync($"/actors?q={Uri.EscapeDataString(name)}"), StringComparison.Ordinal);

        await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Approve: true));

        using var approved = await reader.GetAsync($"/actors/{actorId}");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var registry = await Forms.GetDocumentAsync(reader, $"/actors?q={Uri.EscapeDataString(name)}");
        Assert.Equal([$"/actors/{actorId}"], registry.QuerySelectorAll(".actor-table .actor-name").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task An_editor_approves_a_journalists_new_actor_on_its_page_and_readers_then_see_it()
    {
        var journalist = await factory.SignInAsync(Roles.Journalist);
        var name = Unique("Registry Proposal");
        var actor = await factory.SendAsAsync(journalist.Editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor(name, ActorKind.Organisation)));
        var reader = factory.CreateBrowserClient();
        var article = await factory.ArticleAsync($"Nothing here names the new organisation {Guid.NewGuid():N}.");
        await AssertHiddenFromReadersAsync(reader, actor.Id, name, article);

        // A journalist is not offered the form, and a forged post is refused with nothing changed.
        Assert.Null((await Forms.GetDocumentAsync(journalist.Client, $"/actors/{actor.Id}")).QuerySelector("form[action*='handler=Approve']"));
        using var forged = await PostHandlerAsync(journalist.Client, $"/actors/{actor.Id}?handler=Approve", new() { ["stamp"] = actor.Stamp.ToString() });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using (var stillHidden = await reader.GetAsync($"/actors/{actor.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, stillHidden.StatusCode);
        }

        var editor = await factory.SignInAsync(Roles.Editor);
        using var approve = await SubmitHandlerAsync(editor.Client, $"/actors/{actor.Id}", "Approve");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        using var shown = await reader.GetAsync($"/actors/{actor.Id}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains(name, await reader.GetStringAsync($"/actors?q={Uri.EscapeDataString(name)}"), StringComparison.Ordinal);
        var editorPage = await Forms.GetDocumentAsync(editor.Client, $"/actors/{actor.Id}");
        Assert.Null(editorPage.QuerySelector("form[action*='handler=Approve']"));
    }

    [Fact]
    public async Task An_actor_an_editor_creates_is_public_at_once()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var name = Unique("Editor Made");
        var actor = await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor(name, ActorKind.Person)));

        using var page = await factory.CreateBrowserClient().GetAsync($"/actors/{actor.Id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>The actor's page answers 404 as for an actor that does not exist; the registry (also when searched for
    /// it by name), the article, search and the annotations API neither name nor link to it (the
    /// article's own text, and a search box echoing the query, may well contain the name).</summary>
    private static async Task AssertHiddenFromReadersAsync(HttpClient reader, int actorId, string name, (int Id, string Slug, string Text) article)
    {
        using var page = await reader.GetAsync($"/actors/{actorId}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(name, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await reader.GetStringAsync("/actors"), StringComparison.Ordinal);

        var searched = await Forms.GetDocumentAsync(reader, $"/actors?q={Uri.EscapeDataString(name)}");
        Assert.Empty(searched.QuerySelectorAll(".actor-table .actor-name"));
        foreach (var url in new[] { $"/articles/{article.Id}/{article.Slug}", $"/search?q={Uri.EscapeDataString(name)}", $"/api/v1/articles/{article.Id}/annotations" })
        {
            Assert.DoesNotContain($"/actors/{actorId}\"", await reader.GetStringAsync(url), StringComparison.Ordinal);
        }
    }
}

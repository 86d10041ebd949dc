using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using static NewsTracker.IntegrationTests.Tagging.TagPages;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>The claims list and claim page through real HTTP: who sees what, the review forms and who may post
/// them, stale stamps, and the ClaimReview JSON-LD of published claims.</summary>
public sealed class ClaimPagesTests(TaggingPagesFactory factory) : IClassFixture<TaggingPagesFactory>
{
    private const string Body = "Kyiv insists on membership.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.";

    /// <summary>A claim tagged in a new article by <paramref name="by"/>, with a claimant and a source.</summary>
    private async Task<(int ClaimId, (int Id, string Slug, string Text) Article)> TaggedClaimAsync(Editor by, string? statement = null, string claimant = "Vladimir Putin")
    {
        var article = await factory.ArticleAsync(Body, outlet: "Claim Desk Wire", published: new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), url: $"https://wire.example/{Guid.NewGuid():N}");
        var putin = await factory.MentionAsync(by, article, "Vladimir Putin", newActor: new Actors.NewActor(claimant, ActorKind.Person, WikidataId: "Q7747"));
        var source = await factory.SendAsAsync(by, new NewsTracker.Web.Pages.Claims.DetailsModel.CreateSource(new Sources.NewSource(SourceKind.UnspecifiedReports, "according to reports")));
        var tag = await factory.ClaimTagAsync(by, article, "Vladimir Putin rejected the plan",
            newClaim: new Claims.NewClaim(statement ?? "Putin rejected the plan " + Guid.NewGuid().ToString("N")[..6], putin.ActorId, [source.Id]));
        return (tag.ClaimId!.Value, article);
    }

    private async Task<int> DraftAsync(Editor by, string? statement = null) =>
        (await factory.SendAsAsync(by, new Claims.Create(new Claims.NewClaim(statement ?? "A draft claim " + Guid.NewGuid().ToString("N")[..6])))).Id;

    private Task<ReviewState> StateAsync(int claimId) => factory.WithDbAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.State).SingleAsync());

    private Task<Guid> StampAsync(int claimId) => factory.WithDbAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.ConcurrencyStamp).SingleAsync());

    private static JsonElement JsonLdIn(IHtmlDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.False(string.IsNullOrEmpty(script.GetAttribute("nonce")));
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    [Fact]
    public async Task A_published_claim_shows_its_verdict_sources_and_appearances_with_ClaimReview_JSON_LD()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (claimId, article) = await TaggedClaimAsync(editor, "Putin rejected the US plan");
        await factory.PublishAsync(editor, claimId, "unproven", "Only unnamed reports so far.");

        var page = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/claims/{claimId}");

        Assert.Equal("Putin rejected the US plan", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Unproven", page.QuerySelector(".claim-head .verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Vladimir Putin", page.QuerySelector($".claim-head a[href^='/actors/']")!.TextContent);
        Assert.Contains("according to reports", page.QuerySelector(".source-list")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Only unnamed reports so far.", page.QuerySelector(".review-comment")!.TextContent, StringComparison.Ordinal);
        var appearance = page.QuerySelector(".appearance")!;
        Assert.Equal($"/articles/{article.Id}/{article.Slug}", appearance.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("Vladimir Putin rejected the plan", appearance.QuerySelector("mark")!.TextContent);
        Assert.Contains(", according to reports", appearance.QuerySelector(".in-context")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Claim Desk Wire", appearance.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#history"));
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));

        var review = JsonLdIn(page);
        Assert.Equal("ClaimReview", review.GetProperty("@type").GetString());
        Assert.Equal("Putin rejected the US plan", review.GetProperty("claimReviewed").GetString());
        Assert.Equal($"https://localhost/claims/{claimId}", review.GetProperty("url").GetString());
        Assert.Equal("NewsTracker", review.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("Unproven", review.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal(3, review.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
        var item = review.GetProperty("itemReviewed");
        Assert.Equal("https://www.wikidata.org/wiki/Q7747", item.GetProperty("author").GetProperty("sameAs").GetString());
        Assert.Equal("2026-11-20T08:00:00Z", item.GetProperty("datePublished").GetString());
        Assert.StartsWith("https://wire.example/", Assert.Single(item.GetProperty("appearance").EnumerateArray()).GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jsonld_address_serves_the_same_review_as_ld_json_and_404_unless_published()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(editor);
        var client = factory.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/claims/{claimId}.jsonld")).StatusCode);
        var staff = await factory.SignInAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync($"/api/v1/claims/{claimId}.jsonld")).StatusCode);

        await factory.PublishAsync(editor, claimId, "false");
        var response = await client.GetAsync($"/api/v1/claims/{claimId}.jsonld");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ClaimReview", json.GetProperty("@type").GetString());
        Assert.Equal(1, json.GetProperty("reviewRating").GetProperty("ratingValue").GetInt32());
        var page = JsonLdIn(await Forms.GetDocumentAsync(client, $"/claims/{claimId}"));
        Assert.Equal(page.GetRawText(), json.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/claims/987654.jsonld")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_and_readers_get_404_for_unpublished_claims_and_staff_see_them_without_JSON_LD()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(editor);
        var reader = await factory.SignInAsync(string.Empty);
        var journalist = await factory.SignInAsync(Roles.Journalist);

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/claims/{claimId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.GetAsync($"/claims/{claimId}")).StatusCode);
        var page = await Forms.GetDocumentAsync(journalist.Client, $"/claims/{claimId}");
        Assert.Contains("Draft", page.QuerySelector(".claim-head .review-state")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.NotNull(page.QuerySelector("#history"));
    }

    [Fact]
    public async Task Readers_see_only_published_claims_in_the_list_and_staff_get_state_tabs_with_counts()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var published = await DraftAsync(editor, $"Published {marker}");
        await factory.PublishAsync(editor, published, "true");
        var draft = await DraftAsync(editor, $"Drafted {marker}");
        var staff = await factory.SignInAsync(Roles.Editor);

        var anonymous = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/claims?q={marker}");
        Assert.Equal([$"Published {marker}"], anonymous.QuerySelectorAll(".claim-statement a").Select(a => a.TextContent));
        Assert.Null(anonymous.QuerySelector("nav.tabs"));
        Assert.NotNull(anonymous.QuerySelector("a[href='/api/v1/claims.csv']"));
        var sneaky = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/claims?q={marker}&state=draft");
        Assert.Equal([$"Published {marker}"], sneaky.QuerySelectorAll(".claim-statement a").Select(a => a.TextContent));

        var queue = await Forms.GetDocumentAsync(staff.Client, $"/claims?q={marker}");
        Assert.Equal([$"Drafted {marker}", $"Published {marker}"], queue.QuerySelectorAll(".claim-statement a").Select(a => a.TextContent));
        var tabs = queue.QuerySelectorAll("nav.tabs a").ToDictionary(a => a.ChildNodes[0].TextContent.Trim(), a => a.QuerySelector(".tab-count")!.TextContent);
        Assert.Equal("2", tabs["All"]);
        Assert.Equal("1", tabs["Draft"]);
        Assert.Equal("1", tabs["Published"]);
        Assert.Equal("0", tabs["Rejected"]);
        var drafts = await Forms.GetDocumentAsync(staff.Client, $"/claims?q={marker}&state=draft");
        Assert.Equal([$"/claims/{draft}"], drafts.QuerySelectorAll(".claim-statement a").Select(a => a.GetAttribute("href")));
        Assert.Equal("page", drafts.QuerySelector("nav.tabs a[href*='state=draft']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task The_list_filters_by_verdict_claimant_and_words_and_pages_newest_first()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (first, _) = await TaggedClaimAsync(editor, "Verdict filter one", "Claimant One");
        var (second, _) = await TaggedClaimAsync(editor, "Verdict filter two", "Claimant Two");
        await factory.PublishAsync(editor, first, "false");
        await factory.PublishAsync(editor, second, "mostly-true");
        var claimant = await factory.WithDbAsync(db => db.Claims.Where(c => c.Id == first).Select(c => c.ClaimantId!.Value).SingleAsync());
        var client = factory.CreateBrowserClient();

        var falseOnes = await Forms.GetDocumentAsync(client, "/claims?q=verdict+filter&verdict=false");
        Assert.Equal([$"/claims/{first}"], falseOnes.QuerySelectorAll(".claim-statement a").Select(a => a.GetAttribute("href")));
        var byClaimant = await Forms.GetDocumentAsync(client, $"/claims?claimant={claimant}");
        Assert.Equal([$"/claims/{first}"], byClaimant.QuerySelectorAll(".claim-statement a").Select(a => a.GetAttribute("href")));
        var caseless = await Forms.GetDocumentAsync(client, "/claims?q=VERDICT+FILTER");
        Assert.Equal([$"/claims/{second}", $"/claims/{first}"], caseless.QuerySelectorAll(".claim-statement a").Select(a => a.GetAttribute("href")));
        var wildcard = await Forms.GetDocumentAsync(client, "/claims?q=verdict%25filter");
        Assert.Empty(wildcard.QuerySelectorAll(".claim-card"));

        var page1 = await factory.SendAsAsync(Editor.Anonymous, new NewsTracker.Web.Pages.Claims.IndexModel.Query { Text = "verdict filter", PageSize = 1 });
        var page2 = await factory.SendAsAsync(Editor.Anonymous, new NewsTracker.Web.Pages.Claims.IndexModel.Query { Text = "verdict filter", PageSize = 1, Before = page1.OlderCursor });
        Assert.Equal(second, Assert.Single(page1.Items).Id);
        Assert.Equal(first, Assert.Single(page2.Items).Id);
        Assert.Null(page2.OlderCursor);
    }

    [Fact]
    public async Task An_editor_publishes_with_a_verdict_through_the_form_and_can_reopen()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(editor.Editor);

        var published = await SubmitHandlerAsync(editor.Client, $"/claims/{claimId}", "Publish", new() { ["verdict"] = "misleading", ["comment"] = "Out of context." });

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var claim = await factory.WithDbAsync(db => db.Claims.SingleAsync(c => c.Id == claimId));
        Assert.Equal((ReviewState.Published, "misleading", "Out of context."), (claim.State, claim.Verdict, claim.ReviewComment));
        var page = await Forms.GetDocumentAsync(editor.Client, $"/claims/{claimId}");
        Assert.Contains("Misleading", page.QuerySelector(".claim-head .verdict")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".claim-head .verdict .verdict-symbol"));
        Assert.Contains(page.QuerySelectorAll("#history .history-entries li"), li => li.TextContent.Contains("Updated claim", StringComparison.Ordinal) && li.QuerySelector(".diff-table") is not null);

        var reopened = await SubmitHandlerAsync(editor.Client, $"/claims/{claimId}", "Reopen");
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal(ReviewState.InReview, await StateAsync(claimId));
    }

    [Fact]
    public async Task A_rejection_without_a_comment_re_renders_with_the_message_and_changes_nothing()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(editor.Editor);

        var response = await SubmitHandlerAsync(editor.Client, $"/claims/{claimId}", "Reject", new() { ["comment"] = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Say why the claim is rejected", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReviewState.Draft, await StateAsync(claimId));
    }

    [Fact]
    public async Task A_stale_stamp_is_a_409_naming_who_changed_it_and_when_and_nothing_is_overwritten()
    {
        var first = await factory.SignInAsync(Roles.Editor);
        var second = await factory.SignInAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(first.Editor);
        var opened = await Forms.GetDocumentAsync(first.Client, $"/claims/{claimId}");
        var publish = (IHtmlFormElement)opened.QuerySelector("form[action*='handler=Publish']")!;
        var edit = (IHtmlFormElement)opened.QuerySelector("form[action*='handler=Edit']")!;

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitHandlerAsync(second.Client, $"/claims/{claimId}", "Edit", new() { ["Form.Statement"] = "Reworded by the second editor" })).StatusCode);
        var stale = await Forms.PostFormAsync(first.Client, publish, $"/claims/{claimId}", new() { ["verdict"] = "true" });
        var staleEdit = await Forms.PostFormAsync(first.Client, edit, $"/claims/{claimId}", new() { ["Form.Statement"] = "Overwritten?" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleEdit.StatusCode);
        var page = await Forms.ParseAsync(stale);
        var message = page.QuerySelector("#form-errors")!.TextContent;
        Assert.Contains($"changed by {second.Email} at ", message, StringComparison.Ordinal);
        Assert.Contains("UTC", message, StringComparison.Ordinal);
        Assert.Contains("Reload", message, StringComparison.Ordinal);
        Assert.Equal($"/claims/{claimId}", page.QuerySelector("#form-errors a")!.GetAttribute("href"));
        Assert.Equal("Reworded by the second editor", page.QuerySelector("h1")!.TextContent);
        var claim = await factory.WithDbAsync(db => db.Claims.SingleAsync(c => c.Id == claimId));
        Assert.Equal((ReviewState.Draft, "Reworded by the second editor"), (claim.State, claim.Statement));
    }

    [Fact]
    public async Task Anonymous_posts_to_every_handler_go_to_sign_in_and_change_nothing()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(editor);
        await factory.PublishAsync(editor, claimId);
        var stamp = (await StampAsync(claimId)).ToString();
        var client = factory.CreateBrowserClient();

        foreach (var handler in new[] { "Submit", "Publish", "Reject", "Reopen", "Edit", "Delete" })
        {
            var response = await PostHandlerAsync(client, $"/claims/{claimId}?handler={handler}", new()
            {
                ["stamp"] = stamp, ["Form.Stamp"] = stamp, ["verdict"] = "true", ["comment"] = "no", ["Form.Statement"] = "Anonymous rewording",
            }, signedIn: false);
            Assert.True(IsLoginRedirect(response), $"{handler}: {(int)response.StatusCode}");
        }

        var claim = await factory.WithDbAsync(db => db.Claims.SingleAsync(c => c.Id == claimId));
        Assert.Equal((ReviewState.Published, "false"), (claim.State, claim.Verdict));
        Assert.DoesNotContain("Anonymous", claim.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_get_403_from_every_handler_and_change_nothing()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (claimId, _) = await TaggedClaimAsync(editor);
        await factory.PublishAsync(editor, claimId);
        var stamp = (await StampAsync(claimId)).ToString();
        var reader = await factory.SignInAsync(string.Empty);

        foreach (var handler in new[] { "Submit", "Publish", "Reject", "Reopen", "Edit", "Delete" })
        {
            var response = await PostHandlerAsync(reader.Client, $"/claims/{claimId}?handler={handler}", new()
            {
                ["stamp"] = stamp, ["Form.Stamp"] = stamp, ["verdict"] = "true", ["comment"] = "no", ["Form.Statement"] = "Reader rewording",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{handler}: {(int)response.StatusCode}");
        }

        Assert.Equal(stamp, (await StampAsync(claimId)).ToString());
    }

    [Fact]
    public async Task A_journalist_edits_submits_and_deletes_only_their_own_drafts_and_never_reviews()
    {
        var journalist = await factory.SignInAsync(Roles.Journalist);
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var own = await DraftAsync(journalist.Editor, "My own draft");
        var others = await DraftAsync(editor, "An editor's draft");

        var ownPage = await Forms.GetDocumentAsync(journalist.Client, $"/claims/{own}");
        Assert.Null(ownPage.QuerySelector("form[action*='handler=Publish']"));
        Assert.Null(ownPage.QuerySelector("form[action*='handler=Reject']"));
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitHandlerAsync(journalist.Client, $"/claims/{own}", "Edit", new() { ["Form.Statement"] = "My own draft, reworded" })).StatusCode);
        Assert.Equal("My own draft, reworded", await factory.WithDbAsync(db => db.Claims.Where(c => c.Id == own).Select(c => c.Statement).SingleAsync()));

        var othersPage = await Forms.GetDocumentAsync(journalist.Client, $"/claims/{others}");
        Assert.Empty(othersPage.QuerySelectorAll("main form[method=post]"));
        var othersStamp = (await StampAsync(others)).ToString();
        foreach (var handler in new[] { "Edit", "Submit", "Delete", "Publish", "Reject" })
        {
            var response = await PostHandlerAsync(journalist.Client, $"/claims/{others}?handler={handler}", new()
            {
                ["stamp"] = othersStamp, ["Form.Stamp"] = othersStamp, ["Form.Statement"] = "Taken over", ["verdict"] = "true", ["comment"] = "no",
            });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{handler}: {(int)response.StatusCode}");
        }

        var ownStamp = (await StampAsync(own)).ToString();
        foreach (var handler in new[] { "Publish", "Reject" })
        {
            var response = await PostHandlerAsync(journalist.Client, $"/claims/{own}?handler={handler}", new() { ["stamp"] = ownStamp, ["verdict"] = "true", ["comment"] = "no" });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{handler}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitHandlerAsync(journalist.Client, $"/claims/{own}", "Submit")).StatusCode);
        Assert.Equal(ReviewState.InReview, await StateAsync(own));
        var submitted = await Forms.GetDocumentAsync(journalist.Client, $"/claims/{own}");
        Assert.Null(submitted.QuerySelector("form[action*='handler=Edit']"));

        var another = await DraftAsync(journalist.Editor, "A draft to throw away");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitHandlerAsync(journalist.Client, $"/claims/{another}", "Delete")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Claims.AnyAsync(c => c.Id == another)));
        Assert.Equal("An editor's draft", await factory.WithDbAsync(db => db.Claims.Where(c => c.Id == others).Select(c => c.Statement).SingleAsync()));
    }

    [Fact]
    public async Task Editing_creates_a_new_source_inline_and_picks_a_claimant_in_one_change()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var claimId = await DraftAsync(editor.Editor);
        var hegseth = await factory.SendAsAsync(editor.Editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Pete Hegseth", ActorKind.Person)));

        var response = await SubmitHandlerAsync(editor.Client, $"/claims/{claimId}", "Edit", new()
        {
            ["Form.Statement"] = "The US weighs instant membership",
            ["Form.ClaimantId"] = hegseth.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.NewSourceKind"] = nameof(SourceKind.Official),
            ["Form.NewSourceDescription"] = "a Pentagon official " + claimId,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var claim = await factory.WithDbAsync(db => db.Claims.Include(c => c.Sources).ThenInclude(s => s.Source).SingleAsync(c => c.Id == claimId));
        Assert.Equal(("The US weighs instant membership", hegseth.Id), (claim.Statement, claim.ClaimantId!.Value));
        var source = Assert.Single(claim.Sources).Source!;
        Assert.Equal((SourceKind.Official, $"a Pentagon official {claimId}"), (source.Kind, source.Description));
        var key = source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sourceChange = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Source" && e.EntityKey == key).Select(e => e.ChangeId).SingleAsync());
        var claimChange = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Claim" && e.ClaimId == claimId && e.Action == "Updated").Select(e => e.ChangeId).SingleAsync());
        Assert.Equal(claimChange, sourceChange);
        var page = await Forms.GetDocumentAsync(editor.Client, $"/claims/{claimId}");
        Assert.Contains("Official / spokesperson", page.QuerySelector(".source-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_with_appearances_cannot_be_deleted_and_one_without_can()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var (tagged, _) = await TaggedClaimAsync(editor.Editor);
        var loose = await DraftAsync(editor.Editor);

        var taggedPage = await Forms.GetDocumentAsync(editor.Client, $"/claims/{tagged}");
        Assert.Null(taggedPage.QuerySelector("form[action*='handler=Delete']"));
        var refused = await PostHandlerAsync(editor.Client, $"/claims/{tagged}?handler=Delete", new() { ["stamp"] = (await StampAsync(tagged)).ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("still tagged", (await Forms.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        var deleted = await SubmitHandlerAsync(editor.Client, $"/claims/{loose}", "Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/claims", deleted.Headers.Location!.OriginalString);
        Assert.False(await factory.WithDbAsync(db => db.Claims.AnyAsync(c => c.Id == loose)));
    }

    [Fact]
    public async Task A_post_without_the_stamp_is_refused()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var claimId = await DraftAsync(editor.Editor);

        var response = await PostHandlerAsync(editor.Client, $"/claims/{claimId}?handler=Publish", new() { ["verdict"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReviewState.Draft, await StateAsync(claimId));
    }

    [Fact]
    public async Task Proposed_appearances_are_for_staff_only()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var journalist = await factory.CreateEditorAsync(Roles.Journalist);
        var (claimId, _) = await TaggedClaimAsync(editor);
        var other = await factory.ArticleAsync(Body);
        await factory.ClaimTagAsync(journalist, other, "talks would continue", claimId: claimId);
        await factory.PublishAsync(editor, claimId);
        var staff = await factory.SignInAsync(Roles.Editor);

        var anonymous = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/claims/{claimId}");
        var staffPage = await Forms.GetDocumentAsync(staff.Client, $"/claims/{claimId}");

        Assert.Single(anonymous.QuerySelectorAll(".appearance"));
        Assert.Single(JsonLdIn(anonymous).GetProperty("itemReviewed").GetProperty("appearance").EnumerateArray());
        Assert.Equal(2, staffPage.QuerySelectorAll(".appearance").Length);
        Assert.Contains("Proposed", staffPage.QuerySelector(".appearance.proposed")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_with_markup_from_older_data_render_as_text_on_claim_pages()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        const string Hostile = "<script>alert('x')</script><b>Bold</b>";
        // The validators refuse such names now; rows written before them (or by other tools) must still be inert.
        var actorId = await factory.WithDbAsync(async db =>
        {
            var actor = new Actor { Name = Hostile, NormalizedName = TagRules.NormalizeName(Hostile), Kind = ActorKind.Person };
            db.Actors.Add(actor);
            await db.SaveChangesAsync();
            return actor.Id;
        });
        var claimId = (await factory.SendAsAsync(editor, new Claims.Create(new Claims.NewClaim("Markup claimant test", actorId)))).Id;
        await factory.PublishAsync(editor, claimId);

        var html = await factory.CreateBrowserClient().GetStringAsync($"/claims/{claimId}");
        Assert.Contains("<script type=\"application/ld+json\" nonce=\"", html, StringComparison.Ordinal);
        var list = await factory.CreateBrowserClient().GetStringAsync("/claims?q=markup+claimant");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", list, StringComparison.Ordinal);
        var review = JsonLdIn(await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/claims/{claimId}"));
        Assert.Equal(Hostile, review.GetProperty("itemReviewed").GetProperty("author").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Sources_are_listed_for_staff_and_only_editors_change_them()
    {
        var editor = await factory.SignInAsync(Roles.Editor);
        var journalist = await factory.SignInAsync(Roles.Journalist);
        var reader = await factory.SignInAsync(string.Empty);
        var description = "a ministry spokesperson " + Guid.NewGuid().ToString("N")[..6];
        var source = await factory.SendAsAsync(editor.Editor, new NewsTracker.Web.Pages.Claims.DetailsModel.CreateSource(new Sources.NewSource(SourceKind.Official, description)));
        var claim = await factory.SendAsAsync(editor.Editor, new Claims.Create(new Claims.NewClaim("Cited by a claim " + source.Id, SourceIds: [source.Id])));
        var url = $"/sources/{source.Id}";
        var fields = new Dictionary<string, string> { ["stamp"] = source.Stamp.ToString(), ["Form.Stamp"] = source.Stamp.ToString(), ["Form.Kind"] = "Anonymous", ["Form.Description"] = "taken over" };

        Assert.True(IsLoginRedirect(await factory.CreateBrowserClient().GetAsync("/sources")));
        Assert.Contains("/account/access-denied", (await reader.Client.GetAsync(url)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        foreach (var handler in new[] { "Edit", "Delete" })
        {
            Assert.True(IsLoginRedirect(await PostHandlerAsync(factory.CreateBrowserClient(), $"{url}?handler={handler}", fields, signedIn: false)), handler);
            Assert.Contains("/account/access-denied", (await PostHandlerAsync(reader.Client, $"{url}?handler={handler}", fields)).Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await PostHandlerAsync(journalist.Client, $"{url}?handler={handler}", fields)).StatusCode);
        }

        var list = await Forms.GetDocumentAsync(journalist.Client, $"/sources?q={Uri.EscapeDataString(description)}");
        Assert.Equal([description], list.QuerySelectorAll(".source-table tbody td:first-child a").Select(a => a.TextContent));
        Assert.Null((await Forms.GetDocumentAsync(journalist.Client, url)).QuerySelector("form[action*='handler=Edit']"));

        var edited = await SubmitHandlerAsync(editor.Client, url, "Edit", new() { ["Form.Description"] = description + " (unnamed)" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var page = await Forms.GetDocumentAsync(editor.Client, url);
        Assert.Equal(description + " (unnamed)", page.QuerySelector("h1")!.TextContent);
        Assert.Equal([$"/claims/{claim.Id}"], page.QuerySelectorAll(".claim-statement a").Select(a => a.GetAttribute("href")));
        Assert.Null(page.QuerySelector("form[action*='handler=Delete']"));
    }
}

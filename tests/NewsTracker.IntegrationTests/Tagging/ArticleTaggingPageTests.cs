using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>The article page's tagging: highlights drawn server-side (nested and crossing), who sees what, and
/// every write handler through real HTTP (plain form posts and the script's JSON requests).</summary>
public sealed class ArticleTaggingPageTests(TaggingPagesFactory factory) : IClassFixture<TaggingPagesFactory>
{
    private const string Text = "Kyiv insists on membership.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.";

    private sealed record TestArticle(int Id, string Url, string Text, string Title, int VersionId);

    private async Task<TestArticle> NewArticleAsync(string? url = null)
    {
        var title = "Page tagging " + Guid.NewGuid().ToString("N");
        var result = await factory.SendAsync(new IngestArticle.Command { Text = title + "\n\n" + Text, Url = url, Origin = "test" });
        var version = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == result.ArticleId && v.Number == result.Version).Select(v => new { v.Id, v.PlainText }).SingleAsync());
        return new TestArticle(result.ArticleId, $"/articles/{result.ArticleId}/{result.Slug}", version.PlainText, title, version.Id);
    }

    private Task<int> RejectedCountAsync(TestArticle article, AnnotationKind? kind = null) =>
        factory.WithDbAsync(db => db.RejectedSuggestions.CountAsync(r => db.ArticleVersions.Any(v => v.Id == r.VersionId && v.ArticleId == article.Id) && (kind == null || r.Kind == kind)));

    private static (int Start, int End) Find(string text, string quote, int after = 0)
    {
        var start = text.IndexOf(quote, after, StringComparison.Ordinal);
        Assert.True(start >= 0, $"“{quote}” is not in the text");
        return (start, start + quote.Length);
    }

    private Task<Tags.Saved> TagAsync(Editor editor, TestArticle article, AnnotationKind kind, string quote, string? name = null)
    {
        var (start, end) = Find(article.Text, quote);
        return factory.SendAsAsync(editor, kind switch
        {
            AnnotationKind.ActorMention => new Tags.Create(article.Id, null, kind, start, end, quote, NewActor: new Actors.NewActor(name ?? quote, ActorKind.Person)),
            AnnotationKind.Source => new Tags.Create(article.Id, null, kind, start, end, quote, NewSource: new Sources.NewSource(SourceKind.UnspecifiedReports, name ?? quote)),
            _ => new Tags.Create(article.Id, null, kind, start, end, quote, NewClaim: new Claims.NewClaim(name ?? quote)),
        });
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, IDictionary<string, string> fields, bool json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return await client.SendAsync(request);
    }

    private static Dictionary<string, string> TagFields(TestArticle article, string quote, string? name = null) =>
        new()
        {
            ["Kind"] = "ActorMention",
            ["Start"] = Find(article.Text, quote).Start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["End"] = Find(article.Text, quote).End.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Exact"] = quote,
            ["NewActorName"] = name ?? quote,
            ["NewActorKind"] = "Organisation",
        };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The tag ids of the marks around a text node, innermost last.</summary>
    private static List<int> TagsAround(INode node) =>
        node.GetAncestors().OfType<IElement>().Where(e => e.LocalName == "mark" && e.HasAttribute("data-tag"))
            .Select(e => int.Parse(e.GetAttribute("data-tag")!, System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToList();

    [Fact]
    public async Task Nested_and_crossing_tags_render_as_well_formed_marks_over_exactly_their_text()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var article = await NewArticleAsync();
        var claim = await TagAsync(editor, article, AnnotationKind.Claim, "Vladimir Putin rejected the plan, according to reports");
        var putin = await TagAsync(editor, article, AnnotationKind.ActorMention, "Vladimir Putin");
        var reports = await TagAsync(editor, article, AnnotationKind.Source, "according to reports");
        var crossing = await TagAsync(editor, article, AnnotationKind.Claim, "reports, while NATO officials said talks would continue");
        var nato = await TagAsync(editor, article, AnnotationKind.ActorMention, "NATO");
        var tags = new[] { claim, putin, reports, crossing, nato };
        var client = await factory.SignedInClientAsync(Roles.Editor);

        var document = await Forms.GetDocumentAsync(client, article.Url);

        var blocks = await factory.WithDbAsync(db => db.ArticleBlocks.Where(b => b.VersionId == article.VersionId).OrderBy(b => b.Ordinal).Select(b => new { b.Text, b.Start }).ToListAsync());
        var rendered = document.QuerySelectorAll("#article-body [data-start]");
        Assert.Equal(blocks.Select(b => (b.Start, b.Text)), rendered.Select(e => (int.Parse(e.GetAttribute("data-start")!, System.Globalization.CultureInfo.InvariantCulture), e.TextContent)));
        foreach (var block in blocks)
        {
            Assert.Equal(article.Text.Substring(block.Start, block.Text.Length), block.Text);
        }

        // Every piece of text sits inside exactly the marks of the tags that cover it.
        foreach (var element in rendered)
        {
            var offset = int.Parse(element.GetAttribute("data-start")!, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var node in element.Descendants().OfType<IText>())
            {
                var (start, end) = (offset, offset + node.Data.Length);
                var covering = tags.Where(t => t.Start <= start && t.End >= end).Select(t => t.Id).Order().ToList();
                Assert.Equal(covering, TagsAround(node).Order().ToList());
                if (node.ParentElement is { LocalName: "mark" } innermost)
                {
                    Assert.Equal(TagsAround(node), innermost.GetAttribute("data-tags")!.Split(' ').Select(int.Parse).ToList());
                }

                offset = end;
            }
        }

        foreach (var tag in tags)
        {
            var marks = document.QuerySelectorAll($"mark[data-tag='{tag.Id}']");
            Assert.Equal(article.Text[tag.Start..tag.End], string.Concat(marks.Select(m => m.TextContent)));
            Assert.Single(marks, m => m.Id == $"mark-{tag.Id}" && m.ClassList.Contains("tag-start"));
            Assert.Single(marks, m => m.ClassList.Contains("tag-end"));
        }

        Assert.True(document.QuerySelectorAll($"mark[data-tag='{crossing.Id}']").Length > 1, "the crossing claim is cut where the other claim ends");
        var putinMark = document.QuerySelector($"#mark-{putin.Id}")!;
        Assert.Equal($"tag-{putin.Id}-label", putinMark.GetAttribute("aria-describedby"));
        Assert.Equal("Actor: Vladimir Putin", document.GetElementById($"tag-{putin.Id}-label")!.TextContent.Trim());
        Assert.Contains("tag-actor", putinMark.ClassList);
        Assert.Contains("tag-claim", document.QuerySelector($"#mark-{claim.Id}")!.ClassList);
        Assert.Contains("tag-source", document.QuerySelector($"#mark-{reports.Id}")!.ClassList);
    }

    [Fact]
    public async Task Anonymous_visitors_and_readers_see_only_approved_tags_whose_claim_is_published()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var journalist = await factory.CreateEditorAsync(Roles.Journalist);
        var article = await NewArticleAsync();
        var nato = await TagAsync(editor, article, AnnotationKind.ActorMention, "NATO");
        var draft = await TagAsync(editor, article, AnnotationKind.Claim, "Kyiv insists on membership.");
        var published = await TagAsync(editor, article, AnnotationKind.Claim, "talks would continue");
        await factory.SendAsAsync(editor, new Claims.Review(published.ClaimId!.Value, null, Claims.ReviewAction.Publish, "unproven"));
        var proposal = await TagAsync(journalist, article, AnnotationKind.ActorMention, "Vladimir Putin");

        foreach (var client in new[] { factory.CreateBrowserClient(), await factory.SignedInClientAsync(string.Empty) })
        {
            var document = await Forms.GetDocumentAsync(client, article.Url);

            var shown = document.QuerySelectorAll("mark[data-tag]").Select(m => int.Parse(m.GetAttribute("data-tag")!, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();
            Assert.Equal(new[] { nato.Id, published.Id }.Order(), shown);
            Assert.NotNull(document.GetElementById($"tag-{published.Id}"));
            Assert.Null(document.GetElementById($"tag-{draft.Id}"));
            Assert.Null(document.GetElementById($"tag-{proposal.Id}"));
            Assert.Contains("Published", document.GetElementById($"tag-{published.Id}")!.TextContent, StringComparison.Ordinal);
            Assert.Empty(document.QuerySelectorAll(".sugg, #suggestions, #tag-dialog, .tag-panel form"));
        }
    }

    [Fact]
    public async Task Staff_see_proposals_suggestions_not_yet_tagged_and_the_orphans_notice()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var journalist = await factory.CreateEditorAsync(Roles.Journalist);
        var url = $"https://example.org/{Guid.NewGuid():N}";
        var article = await NewArticleAsync(url);
        var nato = await TagAsync(editor, article, AnnotationKind.ActorMention, "NATO");
        await TagAsync(editor, article, AnnotationKind.ActorMention, "Kyiv insists on membership.", "Kyiv");
        var proposal = await TagAsync(journalist, article, AnnotationKind.Claim, "talks would continue");
        // A new version without the first sentence: the Kyiv tag cannot be placed and becomes an orphan.
        await factory.SendAsync(new IngestArticle.Command { Text = article.Title + "\n\n" + Text[(Text.IndexOf("Vladimir", StringComparison.Ordinal))..], Url = url, Origin = "test" });
        var current = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == article.Id).OrderByDescending(v => v.Number).Select(v => v.PlainText).FirstAsync());
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var document = await Forms.GetDocumentAsync(client, article.Url);

        Assert.Contains("tag-proposed", document.QuerySelector($"#mark-{proposal.Id}")!.ClassList);
        Assert.Contains("Proposed", document.GetElementById($"tag-{proposal.Id}")!.TextContent, StringComparison.Ordinal);
        var suggestions = document.QuerySelectorAll(".sugg-entry").Select(e => (Kind: e.GetAttribute("data-kind"), Start: int.Parse(e.GetAttribute("data-start")!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Contains(("ActorMention", current.IndexOf("Vladimir Putin", StringComparison.Ordinal)), suggestions);
        var natoNow = await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == nato.Id).Select(a => a.Start).SingleAsync());
        Assert.DoesNotContain(("ActorMention", natoNow), suggestions);
        Assert.NotEmpty(document.QuerySelectorAll($".sugg[data-sugg='ActorMention-{current.IndexOf("Vladimir Putin", StringComparison.Ordinal)}-{current.IndexOf("Vladimir Putin", StringComparison.Ordinal) + 14}']"));
        var orphans = document.QuerySelector(".tag-orphans")!;
        Assert.Contains("1 tag could not be placed on this version", orphans.TextContent, StringComparison.Ordinal);
        Assert.Equal("/annotations/orphans", orphans.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(document.GetElementById("tag-dialog"));
        Assert.Equal($"/articles/{article.Id}/history", document.QuerySelector(".tag-history")!.GetAttribute("href"));

        var older = await Forms.GetDocumentAsync(client, article.Url + "?version=1");
        Assert.Empty(older.QuerySelectorAll("mark[data-tag], .sugg, #tag-panel"));
        Assert.Contains("Tags are shown on the latest version", older.QuerySelector(".version-note")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> WriteHandlers => new()
    {
        { "Tag", "Kind=ActorMention&Start=0&End=4&NewActorName=Kyiv&NewActorKind=Other" },
        { "Update", "tagId=1&approve=true" },
        { "Delete", "tagId=1" },
        { "RejectSuggestion", "version=1&kind=ActorMention&start=0&end=4" },
        { "Undo", string.Empty },
    };

    private static Dictionary<string, string> Fields(string query, TestArticle article) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => p[0] == "Start" ? Find(article.Text, "Kyiv").Start.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : p[0] == "End" ? Find(article.Text, "Kyiv").End.ToString(System.Globalization.CultureInfo.InvariantCulture) : p[1]);

    [Theory]
    [MemberData(nameof(WriteHandlers))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_readers_are_refused_by_every_write_handler(string handler, string fields)
    {
        var article = await NewArticleAsync();
        var before = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        var anonymous = factory.CreateBrowserClient();
        var anonymousToken = await TagPages.AntiforgeryTokenAsync(anonymous, "/account/login");
        var reader = await factory.SignedInClientAsync(string.Empty);
        var readerToken = await TagPages.AntiforgeryTokenAsync(reader, article.Url);
        var url = $"{article.Url}?handler={handler}";

        using var anonymousForm = await PostAsync(anonymous, url, anonymousToken, Fields(fields, article), json: false);
        using var anonymousJson = await PostAsync(anonymous, url, anonymousToken, Fields(fields, article), json: true);
        using var readerForm = await PostAsync(reader, url, readerToken, Fields(fields, article), json: false);
        using var readerJson = await PostAsync(reader, url, readerToken, Fields(fields, article), json: true);

        Assert.Equal(HttpStatusCode.Redirect, anonymousForm.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=" + Uri.EscapeDataString(article.Url), anonymousForm.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousJson.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerForm.StatusCode);
        Assert.Contains("Only journalists and editors can tag articles", (await Forms.ParseAsync(readerForm)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, readerJson.StatusCode);
        Assert.Equal("application/problem+json", readerJson.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before, await factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, await RejectedCountAsync(article));
    }

    [Fact]
    public async Task The_actor_typeahead_is_for_staff_and_finds_names_and_aliases()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var article = await NewArticleAsync();
        var unique = "Zorblat" + Guid.NewGuid().ToString("N")[..6];
        await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor($"Volodymyr {unique}", ActorKind.Person, Aliases: [$"{unique}yy"])));
        var url = $"{article.Url}?handler=Actors&q={unique}";

        using var anonymous = await factory.CreateBrowserClient().GetAsync(url);
        using var reader = await (await factory.SignedInClientAsync(string.Empty)).GetAsync(url);
        using var journalist = await (await factory.SignedInClientAsync(Roles.Journalist)).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, journalist.StatusCode);
        var found = (await JsonAsync(journalist)).EnumerateArray().ToList();
        var option = Assert.Single(found);
        Assert.Equal($"Volodymyr {unique}", option.GetProperty("name").GetString());
        Assert.Equal("Person", option.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_journalists_tag_through_the_page_is_a_proposal_and_an_editors_is_approved()
    {
        var article = await NewArticleAsync();
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var editor = await factory.SignedInClientAsync(Roles.Editor);

        using var proposed = await PostAsync(journalist, $"{article.Url}?handler=Tag", await TagPages.AntiforgeryTokenAsync(journalist, article.Url), TagFields(article, "NATO"), json: true);
        using var approved = await PostAsync(editor, $"{article.Url}?handler=Tag", await TagPages.AntiforgeryTokenAsync(editor, article.Url), TagFields(article, "Kyiv", "Kyiv city"), json: false);

        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var json = await JsonAsync(proposed);
        Assert.Contains("an editor will review it", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        var proposedId = json.GetProperty("result").GetProperty("id").GetInt32();
        Assert.Equal(AnnotationStatus.Proposed, await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == proposedId).Select(a => a.Status).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.StartsWith(article.Url + "#tag-", approved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var tags = await factory.WithDbAsync(db => db.Annotations.Where(a => a.ArticleId == article.Id).Select(a => new { a.Exact, a.Status, Actor = a.Actor!.Name }).ToListAsync());
        Assert.Contains(tags, t => t.Exact == "Kyiv" && t.Status == AnnotationStatus.Approved && t.Actor == "Kyiv city");
        var after = await Forms.GetDocumentAsync(editor, article.Url);
        Assert.Equal("Tagged “Kyiv” as an actor.", after.QuerySelector(".alert-info")!.TextContent.Trim());
    }

    [Fact]
    public async Task Editors_approve_note_and_remove_through_the_panel_forms_and_journalists_cannot_approve()
    {
        var journalistEditor = await factory.CreateEditorAsync(Roles.Journalist);
        var article = await NewArticleAsync();
        var proposal = await TagAsync(journalistEditor, article, AnnotationKind.ActorMention, "NATO");
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var editor = await factory.SignedInClientAsync(Roles.Editor);

        using var refused = await PostAsync(journalist, $"{article.Url}?handler=Update", await TagPages.AntiforgeryTokenAsync(journalist, article.Url),
            new Dictionary<string, string> { ["tagId"] = $"{proposal.Id}", ["stamp"] = $"{proposal.Stamp}", ["approve"] = "true" }, json: true);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var page = await Forms.GetDocumentAsync(editor, article.Url);
        var approve = page.QuerySelectorAll($"#tag-{proposal.Id} form").OfType<IHtmlFormElement>().Single(f => f.TextContent.Contains("Approve", StringComparison.Ordinal));
        using var approved = await Forms.PostFormAsync(editor, approve, article.Url, []);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(AnnotationStatus.Approved, await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == proposal.Id).Select(a => a.Status).SingleAsync()));

        page = await Forms.GetDocumentAsync(editor, article.Url);
        var note = (IHtmlFormElement)page.QuerySelector($"#tag-{proposal.Id} .tag-note-edit form")!;
        using var noted = await Forms.PostFormAsync(editor, note, article.Url, new() { ["note"] = "The alliance, not a member state." });
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        page = await Forms.GetDocumentAsync(editor, article.Url);
        Assert.Contains("The alliance, not a member state.", page.GetElementById($"tag-{proposal.Id}")!.TextContent, StringComparison.Ordinal);
        using var cleared = await Forms.PostFormAsync(editor, (IHtmlFormElement)page.QuerySelector($"#tag-{proposal.Id} .tag-note-edit form")!, article.Url, new() { ["note"] = string.Empty });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == proposal.Id).Select(a => a.Note).SingleAsync()));
        page = await Forms.GetDocumentAsync(editor, article.Url);

        var remove = page.QuerySelectorAll($"#tag-{proposal.Id} form").OfType<IHtmlFormElement>().Single(f => f.TextContent.Contains("Remove", StringComparison.Ordinal));
        using var removed = await Forms.PostFormAsync(editor, remove, article.Url, []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == proposal.Id)));

        // The undo button takes the removal back.
        page = await Forms.GetDocumentAsync(editor, article.Url);
        var undo = (IHtmlFormElement)page.QuerySelector(".tag-undo")!;
        Assert.Contains("Undo: Deleted actor tag on “NATO”", undo.TextContent, StringComparison.Ordinal);
        using var undone = await Forms.PostFormAsync(editor, undo, article.Url, []);
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == proposal.Id)));
    }

    [Fact]
    public async Task Accepting_and_dismissing_suggestions_works_as_plain_forms()
    {
        var article = await NewArticleAsync();
        var editor = await factory.SignedInClientAsync(Roles.Editor);
        var putin = Find(article.Text, "Vladimir Putin");
        var page = await Forms.GetDocumentAsync(editor, article.Url);
        var entry = page.QuerySelector($".sugg-entry[data-sugg='ActorMention-{putin.Start}-{putin.End}']")!;

        using var accepted = await Forms.PostFormAsync(editor, (IHtmlFormElement)entry.QuerySelector("form[data-sugg-accept]")!, article.Url, []);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var tag = await factory.WithDbAsync(db => db.Annotations.Where(a => a.ArticleId == article.Id).Select(a => new { a.Start, a.End, a.Kind, a.Status, a.Actor!.Name, ActorKind = a.Actor.Kind }).SingleAsync());
        Assert.Equal((putin.Start, putin.End, AnnotationKind.ActorMention, AnnotationStatus.Approved, "Vladimir Putin", ActorKind.Person), (tag.Start, tag.End, tag.Kind, tag.Status, tag.Name, tag.ActorKind));

        page = await Forms.GetDocumentAsync(editor, article.Url);
        Assert.Null(page.QuerySelector($".sugg-entry[data-sugg='ActorMention-{putin.Start}-{putin.End}']"));
        var reports = Find(article.Text, "according to reports");
        var source = page.QuerySelectorAll(".sugg-entry[data-kind=Source]").Single(e => e.GetAttribute("data-start") == $"{reports.Start}");
        using var dismissed = await Forms.PostFormAsync(editor, (IHtmlFormElement)source.QuerySelector("form[data-sugg-reject]")!, article.Url, []);

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        page = await Forms.GetDocumentAsync(editor, article.Url);
        Assert.DoesNotContain(page.QuerySelectorAll(".sugg-entry[data-kind=Source]"), e => e.GetAttribute("data-start") == $"{reports.Start}");
        Assert.Equal(1, await RejectedCountAsync(article, AnnotationKind.Source));
    }

    public static TheoryData<int, int, string> BadSpans => new()
    {
        { 10, 5, "ends (at 5) before it starts (at 10)" },
        { -1, 3, "cannot start before the beginning" },
        { 4, 4, "The selection is empty" },
        { 0, 100000, "characters long" },
    };

    [Theory]
    [MemberData(nameof(BadSpans))]
    public async Task A_bad_span_through_the_page_is_400_with_the_message_and_stores_nothing(int start, int end, string message)
    {
        var article = await NewArticleAsync();
        var editor = await factory.SignedInClientAsync(Roles.Editor);
        var token = await TagPages.AntiforgeryTokenAsync(editor, article.Url);
        var fields = new Dictionary<string, string> { ["Kind"] = "ActorMention", ["Start"] = $"{start}", ["End"] = $"{end}", ["NewActorName"] = "Somebody Else", ["NewActorKind"] = "Person" };

        using var json = await PostAsync(editor, $"{article.Url}?handler=Tag", token, fields, json: true);
        using var form = await PostAsync(editor, $"{article.Url}?handler=Tag", token, fields, json: false);

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        var problem = await JsonAsync(json);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var page = await Forms.ParseAsync(form);
        Assert.Contains(message, page.QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#article-body"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == article.Id)));
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name == "Somebody Else")));
    }

    [Fact]
    public async Task A_quote_that_does_not_match_and_an_unreadable_number_are_400()
    {
        var article = await NewArticleAsync();
        var editor = await factory.SignedInClientAsync(Roles.Editor);
        var token = await TagPages.AntiforgeryTokenAsync(editor, article.Url);
        var mismatch = TagFields(article, "NATO");
        mismatch["Exact"] = "OTAN";
        var unreadable = TagFields(article, "NATO");
        unreadable["Start"] = "twelve";

        using var quote = await PostAsync(editor, $"{article.Url}?handler=Tag", token, mismatch, json: true);
        using var number = await PostAsync(editor, $"{article.Url}?handler=Tag", token, unreadable, json: true);

        Assert.Equal(HttpStatusCode.BadRequest, quote.StatusCode);
        Assert.Contains("does not match the article", (await JsonAsync(quote)).GetProperty("errors").GetProperty("exact")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        Assert.True((await JsonAsync(number)).GetProperty("errors").TryGetProperty("Start", out _));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == article.Id)));
    }

    [Fact]
    public async Task A_name_with_markup_is_refused()
    {
        var article = await NewArticleAsync();
        var editor = await factory.SignedInClientAsync(Roles.Editor);

        using var response = await PostAsync(editor, $"{article.Url}?handler=Tag", await TagPages.AntiforgeryTokenAsync(editor, article.Url), TagFields(article, "NATO", "<b>x</b>"), json: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(TagRules.MarkupMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name.Contains("<b>"))));
    }

    [Fact]
    public async Task A_stored_name_with_angle_brackets_is_shown_as_text()
    {
        var article = await NewArticleAsync();
        const string name = "<img src=x onerror=alert(1)>Evil & Co";
        var (start, end) = Find(article.Text, "NATO");
        await factory.WithDbAsync(async db =>
        {
            var version = await db.ArticleVersions.Where(v => v.ArticleId == article.Id).Select(v => v.Id).SingleAsync();
            var actor = new Actor { Name = name, NormalizedName = "evil co " + Guid.NewGuid().ToString("N"), Kind = ActorKind.Organisation };
            db.Actors.Add(actor);
            db.Annotations.Add(new Annotation
            {
                ArticleId = article.Id, VersionId = version, Kind = AnnotationKind.ActorMention, Start = start, End = end, Exact = "NATO",
                Prefix = string.Empty, Suffix = string.Empty, Actor = actor, Status = AnnotationStatus.Approved,
            });
            return await db.SaveChangesAsync();
        });

        using var response = await factory.CreateBrowserClient().GetAsync(article.Url);
        var html = await response.Content.ReadAsStringAsync();
        var document = await Forms.ParseAsync(response);

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;Evil &amp; Co", html, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("#tag-panel img, #article-body img"));
        Assert.Contains(name, document.QuerySelector("#tag-panel .tag-entry-label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Actor: {name}", document.QuerySelector("mark.tag")!.GetAttribute("title"));
    }

    [Fact]
    public async Task A_stale_stamp_is_a_409_naming_who_changed_the_tag_and_nothing_is_overwritten()
    {
        var first = await factory.CreateEditorAsync(Roles.Editor);
        var article = await NewArticleAsync();
        var tag = await TagAsync(first, article, AnnotationKind.ActorMention, "NATO");
        await factory.SendAsAsync(first, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Note: "first"));
        var second = await factory.SignedInClientAsync(Roles.Editor);
        var token = await TagPages.AntiforgeryTokenAsync(second, article.Url);
        var stale = new Dictionary<string, string> { ["tagId"] = $"{tag.Id}", ["stamp"] = $"{tag.Stamp}", ["note"] = "second" };

        using var json = await PostAsync(second, $"{article.Url}?handler=Update", token, stale, json: true);
        using var form = await PostAsync(second, $"{article.Url}?handler=Delete", token, stale, json: false);

        Assert.Equal(HttpStatusCode.Conflict, json.StatusCode);
        var detail = (await JsonAsync(json)).GetProperty("detail").GetString()!;
        Assert.Contains($"changed by {first.UserName} at ", detail, StringComparison.Ordinal);
        Assert.Contains("Reload", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, form.StatusCode);
        Assert.Contains(first.UserName!, (await Forms.ParseAsync(form)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("first", await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == tag.Id).Select(a => a.Note).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_handler_name_still_shows_the_article()
    {
        var article = await NewArticleAsync();

        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), article.Url + "?handler=Nothing");

        Assert.NotNull(document.QuerySelector("#article-body"));
    }
}

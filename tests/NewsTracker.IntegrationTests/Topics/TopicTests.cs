using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Pages.Topics;
using NewsTracker.Web.Search;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Topics;

/// <summary>Topics end to end: the seed topic, membership by search, actors and picks, the timeline page, API,
/// feed and embed, following, the output cache and who may change what.</summary>
public sealed class TopicTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private static string Word() => "zq" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(int Id, string Text)> IngestAsync(string title, string body)
    {
        var result = await factory.SendAsync(new IngestArticle.Command { Text = title + "\n\n" + body, Origin = "test" });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var plain = await db.ArticleVersions.Where(v => v.ArticleId == result.ArticleId && v.Number == result.Version).Select(v => v.PlainText).SingleAsync();
        return (result.ArticleId, plain);
    }

    private async Task<TopicEditing.Saved> NewTopicAsync(string definition, bool published = true, IReadOnlyList<string>? actors = null)
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        return await factory.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Topic " + Word(), null, "About things", definition, published, actors)));
    }

    private async Task<Timeline.Result> TimelineAsync(string slug) => await factory.SendAsync(new Timeline.Query(slug, Editor.System));

    [Fact]
    public async Task First_start_creates_the_published_seed_topic_with_the_seed_article_and_a_milestone()
    {
        var timeline = await TimelineAsync(TopicSeed.Slug);

        Assert.True(timeline.Topic.IsPublished);
        Assert.Contains(timeline.Entries, e => e.Kind == TimelineEntryKind.Article && e.Title == TopicSeed.SeedArticleTitle);
        var milestone = Assert.Single(timeline.Entries, e => e.Kind == TimelineEntryKind.Milestone);
        Assert.Equal(new DateTime(2025, 2, 12, 0, 0, 0, DateTimeKind.Utc), milestone.AtUtc);

        await factory.Services.SeedTopicsAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        Assert.Equal(1, await db.Topics.CountAsync(t => t.Slug == TopicSeed.Slug));
        Assert.Equal(1, await db.Milestones.CountAsync(m => m.TopicId == timeline.Topic.Id));
    }

    [Fact]
    public async Task An_anonymous_visitor_sees_the_seed_timeline_with_counts()
    {
        var client = factory.CreateBrowserClient();

        var document = await Forms.GetDocumentAsync(client, "/topics/" + TopicSeed.Slug);

        Assert.Equal("Ukraine and NATO membership", document.QuerySelector("h1")!.TextContent);
        Assert.NotNull(document.QuerySelector("#day-2025-02-12"));
        Assert.Contains(document.QuerySelectorAll(".entry-article h3"), h => h.TextContent == TopicSeed.SeedArticleTitle);
        Assert.Contains("Articles", document.QuerySelector(".stats")!.TextContent, StringComparison.Ordinal);
        var list = await Forms.GetDocumentAsync(client, "/topics");
        Assert.Contains(list.QuerySelectorAll(".topic-card a"), a => a.GetAttribute("href") == "/topics/" + TopicSeed.Slug);
    }

    [Fact]
    public async Task Membership_takes_search_matches_actor_mentions_and_includes_minus_excludes_and_their_published_claims()
    {
        var word = Word();
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var matching = await IngestAsync("Matching " + word, $"The {word} talks continued in Brussels on Tuesday, officials said.");
        var excluded = await IngestAsync("Excluded " + word, $"Another {word} report that an editor keeps out of the topic.");
        var mentioning = await IngestAsync("Mention " + Word(), "Ambassador Quillfeather said the alliance would decide later.");
        var included = await IngestAsync("Included " + Word(), "An unrelated report an editor puts in by hand.");
        var unrelated = await IngestAsync("Unrelated " + Word(), "Nothing to do with the topic at all.");
        var start = mentioning.Text.IndexOf("Ambassador Quillfeather", StringComparison.Ordinal);
        var actorName = "Quillfeather " + word;
        await factory.SendAsAsync(editor, new Tags.Create(mentioning.Id, null, AnnotationKind.ActorMention, start, start + "Ambassador Quillfeather".Length, NewActor: new Actors.NewActor(actorName, ActorKind.Person)));
        var claimStart = matching.Text.IndexOf("talks continued", StringComparison.Ordinal);
        var claimTag = await factory.SendAsAsync(editor, new Tags.Create(matching.Id, null, AnnotationKind.Claim, claimStart, claimStart + "talks continued".Length, NewClaim: new Claims.NewClaim("Talks continued " + word)));
        await factory.SendAsAsync(editor, new Claims.Review(claimTag.ClaimId!.Value, null, Claims.ReviewAction.Publish, "true"));
        var draftStart = excluded.Text.IndexOf("keeps out", StringComparison.Ordinal);
        await factory.SendAsAsync(editor, new Tags.Create(excluded.Id, null, AnnotationKind.Claim, draftStart, draftStart + "keeps out".Length, NewClaim: new Claims.NewClaim("Draft claim " + word)));

        var topic = await factory.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Membership " + word, null, null, word, true, [actorName])));
        await factory.SendAsAsync(editor, new TopicEditing.Pick(topic.Id, included.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), true));
        await factory.SendAsAsync(editor, new TopicEditing.Pick(topic.Id, $"/articles/{excluded.Id}/whatever", false));

        var timeline = await TimelineAsync(topic.Slug);
        var articleIds = timeline.Entries.Where(e => e.Kind == TimelineEntryKind.Article).Select(e => e.Id).ToList();
        Assert.Equal(new[] { matching.Id, mentioning.Id, included.Id }.Order(), articleIds.Order());
        Assert.DoesNotContain(unrelated.Id, articleIds);
        var claim = Assert.Single(timeline.Entries, e => e.Kind == TimelineEntryKind.Claim);
        Assert.Equal("Talks continued " + word, claim.Title);
        Assert.Equal("True", claim.Verdict!.Label);
        Assert.Equal(3, timeline.ArticleCount);
        Assert.Equal(1, timeline.ClaimCount);

        // The topic: search filter finds the same articles.
        await using var scope = factory.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        var page = await search.SearchAsync(new SearchRequest(SearchQueryParser.Parse("topic:" + topic.Slug), SearchSort.Newest, null, 20), CancellationToken.None);
        Assert.Equal(articleIds.Order(), page.Hits.Select(h => h.ArticleId).Order());
        var narrowed = await search.SearchAsync(new SearchRequest(SearchQueryParser.Parse("Brussels topic:" + topic.Slug), SearchSort.Relevance, null, 20), CancellationToken.None);
        Assert.Equal([matching.Id], narrowed.Hits.Select(h => h.ArticleId));
    }

    [Fact]
    public async Task The_feed_is_valid_atom_with_stable_ids_escaped_markup_and_the_newest_update()
    {
        var word = Word();
        var title = $"<b>Bold</b> & \"quoted\" {word} <script>alert(1)</script>";
        var article = await IngestAsync(title, $"Body text about {word} and more words for the parser to keep.");
        var topic = await NewTopicAsync(word);
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        await factory.SendAsAsync(editor, new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(new DateOnly(2025, 2, 14), "A <milestone> & more", "https://example.org/a?b=1&c=2")));
        var client = factory.CreateBrowserClient();

        var response = await client.GetAsync($"/topics/{topic.Slug}/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;

        var stored = await TimelineAsync(topic.Slug);
        var articleEntry = Assert.Single(feed.Items, i => i.Id == $"tag:localhost,2026:article/{article.Id}");
        Assert.Equal(stored.Entries.Single(e => e.Kind == TimelineEntryKind.Article).Title, articleEntry.Title.Text);
        Assert.Contains("<b>Bold</b>", articleEntry.Title.Text, StringComparison.Ordinal);
        Assert.Contains(feed.Items, i => i.Id.StartsWith("tag:localhost,2026:milestone/", StringComparison.Ordinal) && i.Title.Text.EndsWith("A <milestone> & more", StringComparison.Ordinal));
        Assert.Equal(stored.Entries.Max(e => e.UpdatedUtc), feed.LastUpdatedTime.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.All(feed.Items, i => Assert.True(i.LastUpdatedTime <= feed.LastUpdatedTime));

        // The same entry keeps its id when the feed is read again.
        var again = SyndicationFeed.Load(XmlReader.Create(new StringReader(await client.GetStringAsync($"/topics/{topic.Slug}/feed.atom"))));
        Assert.Equal(feed.Items.Select(i => i.Id).Order(), again.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task The_timeline_page_and_api_group_by_day_in_either_order_and_filter_by_kind()
    {
        var word = Word();
        await IngestAsync("Day test " + word, $"Words about {word} for the timeline grouping test.");
        var topic = await NewTopicAsync(word);
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        await factory.SendAsAsync(editor, new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(new DateOnly(2025, 2, 14), "Earlier event", null)));
        await factory.SendAsAsync(editor, new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(new DateOnly(2025, 2, 14), "Same day event", null)));
        var client = factory.CreateBrowserClient();

        var oldest = await Forms.GetDocumentAsync(client, $"/topics/{topic.Slug}");
        var days = oldest.QuerySelectorAll(".timeline-day").Select(d => d.Id).ToList();
        // The article gave no publication date: it is in the "Date unknown" group after the days, in either order.
        Assert.Equal(["day-2025-02-14", "undated"], days);
        Assert.Equal(2, oldest.QuerySelectorAll("#day-2025-02-14 .timeline-entry").Length);
        Assert.Contains("Date unknown", oldest.QuerySelector("#undated .timeline-date")!.TextContent, StringComparison.Ordinal);
        Assert.Single(oldest.QuerySelectorAll("#undated .entry-article"));
        var newest = await Forms.GetDocumentAsync(client, $"/topics/{topic.Slug}?order=newest");
        Assert.Equal(["day-2025-02-14", "undated"], newest.QuerySelectorAll(".timeline-day").Select(d => d.Id));
        var milestonesOnly = await Forms.GetDocumentAsync(client, $"/topics/{topic.Slug}?kind=milestone");
        Assert.Empty(milestonesOnly.QuerySelectorAll(".entry-article"));

        var json = await client.GetStringAsync($"/api/v1/topics/{topic.Slug}/timeline?order=newest&kind=article");
        Assert.Contains("\"kind\":\"article\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kind\":\"milestone\"", json, StringComparison.Ordinal);
        Assert.Contains("\"day\":null,\"anchor\":\"undated\"", json, StringComparison.Ordinal);
        Assert.Contains("\"undated\":true", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cached_timeline_shows_a_new_matching_article_after_it_is_ingested()
    {
        var word = Word();
        await IngestAsync("First " + word, $"The first report on {word} for the cache test.");
        var topic = await NewTopicAsync(word);
        var client = factory.CreateBrowserClient();
        var first = await client.GetAsync($"/topics/{topic.Slug}");
        var second = await client.GetAsync($"/topics/{topic.Slug}");
        Assert.True(second.Headers.Age is not null, "the second anonymous request is served from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var feedBefore = await client.GetStringAsync($"/topics/{topic.Slug}/feed.atom");

        await IngestAsync("Second " + word, $"A later report on {word} that matches the topic too.");

        var after = await client.GetStringAsync($"/topics/{topic.Slug}");
        Assert.Contains("Second " + word, after, StringComparison.Ordinal);
        Assert.Contains("Second " + word, await client.GetStringAsync($"/topics/{topic.Slug}/feed.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain("Second " + word, feedBefore, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_that_change_nothing_readers_see_leave_the_cached_timeline_in_place()
    {
        var word = Word();
        await IngestAsync("Cached " + word, $"A report on {word} for the bookkeeping cache test.");
        var topic = await NewTopicAsync(word);
        var client = factory.CreateBrowserClient();
        await client.GetAsync($"/topics/{topic.Slug}");
        Assert.NotNull((await client.GetAsync($"/topics/{topic.Slug}")).Headers.Age);

        // An API token and a repeat of an article already stored are commands, but nothing public changes.
        await factory.CreateTokenAsync(await factory.CreateUserAsync(Roles.Journalist));
        await IngestAsync("Cached " + word, $"A report on {word} for the bookkeeping cache test.");

        Assert.NotNull((await client.GetAsync($"/topics/{topic.Slug}")).Headers.Age);
    }

    [Fact]
    public async Task A_signed_in_reader_follows_sees_new_counts_and_marks_then_unfollows()
    {
        var word = Word();
        await IngestAsync("Before " + word, $"An early report on {word} before following.");
        var topic = await NewTopicAsync(word);
        var reader = await factory.SignedInClientAsync(string.Empty);

        var follow = await Forms.SubmitAsync(reader, $"/topics/{topic.Slug}/follow", [], "main form");
        Assert.Equal(HttpStatusCode.Redirect, follow.StatusCode);
        var following = await Forms.GetDocumentAsync(reader, "/following");
        Assert.Contains(following.QuerySelectorAll(".topic-card"), c => c.TextContent.Contains("Nothing new", StringComparison.Ordinal));

        await IngestAsync("After " + word, $"A later report on {word} after following.");
        following = await Forms.GetDocumentAsync(reader, "/following");
        Assert.Equal("1 new", following.QuerySelector(".topic-card .new-badge")!.TextContent);
        var page = await Forms.GetDocumentAsync(reader, $"/topics/{topic.Slug}");
        var marked = Assert.Single(page.QuerySelectorAll(".entry-new"));
        Assert.Contains("After " + word, marked.TextContent, StringComparison.Ordinal);

        // The visit moved "last seen" to now: nothing is new any more.
        following = await Forms.GetDocumentAsync(reader, "/following");
        Assert.Null(following.QuerySelector(".topic-card .new-badge"));
        page = await Forms.GetDocumentAsync(reader, $"/topics/{topic.Slug}");
        Assert.Empty(page.QuerySelectorAll(".entry-new"));

        var unfollow = await Forms.SubmitAsync(reader, $"/topics/{topic.Slug}/follow", [], "main form");
        Assert.Equal(HttpStatusCode.Redirect, unfollow.StatusCode);
        following = await Forms.GetDocumentAsync(reader, "/following");
        Assert.Empty(following.QuerySelectorAll(".topic-card"));
    }

    [Fact]
    public async Task An_anonymous_visitor_follows_with_a_cookie_and_sees_what_is_new()
    {
        var word = Word();
        await IngestAsync("Anon before " + word, $"An early report on {word} for the cookie test.");
        var topic = await NewTopicAsync(word);
        var client = factory.CreateBrowserClient();

        var follow = await Forms.SubmitAsync(client, $"/topics/{topic.Slug}/follow", [], "main form");
        Assert.Equal(HttpStatusCode.Redirect, follow.StatusCode);
        await IngestAsync("Anon after " + word, $"A later report on {word} for the cookie test.");

        var following = await Forms.GetDocumentAsync(client, "/following");
        Assert.Equal("1 new", following.QuerySelector(".topic-card .new-badge")!.TextContent);
        var page = await Forms.GetDocumentAsync(client, $"/topics/{topic.Slug}");
        Assert.Contains("Anon after " + word, Assert.Single(page.QuerySelectorAll(".entry-new")).TextContent, StringComparison.Ordinal);
        following = await Forms.GetDocumentAsync(client, "/following");
        Assert.Null(following.QuerySelector(".topic-card .new-badge"));
    }

    [Fact]
    public async Task Unpublished_topics_are_not_found_for_readers_and_visible_to_staff()
    {
        var topic = await NewTopicAsync(Word(), published: false);

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/topics/{topic.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/topics/{topic.Slug}/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/api/v1/topics/{topic.Slug}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/topics/{topic.Slug}/embed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInClientAsync(string.Empty)).GetAsync($"/topics/{topic.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInClientAsync(Roles.Journalist)).GetAsync($"/topics/{topic.Slug}")).StatusCode);
    }

    [Fact]
    public async Task Only_editors_manage_topics()
    {
        var topic = await NewTopicAsync(Word());
        var anonymous = factory.CreateBrowserClient();
        var login = await anonymous.GetAsync("/topics/new");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/login", login.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/account/login", (await anonymous.GetAsync($"/topics/{topic.Slug}/edit")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var anonymousPost = await anonymous.PostAsync($"/topics/{topic.Slug}/edit?handler=AddMilestone", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, anonymousPost.StatusCode);
        Assert.StartsWith("/account/login", anonymousPost.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        foreach (var role in new[] { string.Empty, Roles.Journalist })
        {
            var client = await factory.SignedInClientAsync(role);
            var denied = await client.GetAsync($"/topics/{topic.Slug}/edit");
            Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.StartsWith("/account/access-denied", (await client.GetAsync("/topics/new")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            var person = await factory.CreateEditorAsync(role);
            await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(person, new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(new DateOnly(2025, 1, 1), "Nope", null))));
            await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(person, new EditModel.Update(topic.Id, null, new TopicEditing.TopicFields("Nope", null, null, null, true))));
            await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(person, new TopicEditing.Pick(topic.Id, "1", true)));
            await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(person, new EditModel.Delete(topic.Id, null)));
        }

        var editor = await factory.SignedInClientAsync(Roles.Editor);
        var created = await Forms.SubmitAsync(editor, "/topics/new", new() { ["Data.Name"] = "Editor made " + Word(), ["Data.Definition"] = "NATO", ["Data.IsPublished"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var added = await Forms.SubmitAsync(editor, editUrl, new() { ["day"] = "2025-03-01", ["text"] = "Editors can add milestones" }, "#milestone-form");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var invalid = await Forms.SubmitAsync(editor, editUrl, new() { ["day"] = "2025-03-01", ["text"] = "Bad link", ["url"] = "javascript:alert(1)" }, "#milestone-form");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var page = await Forms.GetDocumentAsync(editor, editUrl);
        Assert.Contains(page.QuerySelectorAll(".milestone-form input[name=text]"), i => i.GetAttribute("value") == "Editors can add milestones");
    }

    [Fact]
    public async Task Topic_and_milestone_changes_are_audited_and_stale_edits_conflict()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var topic = await factory.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Audited " + Word(), null, null, "NATO", true)));
        var milestoneId = await factory.SendAsAsync(editor, new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(new DateOnly(2025, 5, 1), "Audited event", null)));
        await factory.SendAsAsync(editor, new EditModel.Update(topic.Id, topic.Stamp, new TopicEditing.TopicFields("Audited again", topic.Slug, null, "NATO", true)));

        await Assert.ThrowsAsync<ConflictException>(() => factory.SendAsAsync(editor, new EditModel.Update(topic.Id, topic.Stamp, new TopicEditing.TopicFields("Stale", topic.Slug, null, null, true))));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var entries = await db.AuditEntries.Where(e => e.UserId == editor.UserId).ToListAsync();
        Assert.Contains(entries, e => e.EntityType == nameof(Topic) && e.Action == "Created");
        Assert.Contains(entries, e => e.EntityType == nameof(Topic) && e.Action == "Updated" && e.After!.Contains("Audited again", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EntityType == nameof(Milestone) && e.EntityKey == milestoneId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Audited again", (await db.Topics.SingleAsync(t => t.Id == topic.Id)).Name);
    }

    [Fact]
    public async Task Readers_register_with_email_and_password_and_get_no_role()
    {
        var client = factory.CreateBrowserClient();
        var email = $"reader-{Guid.NewGuid():N}@example.test";

        var tooShort = await Forms.SubmitAsync(client, "/account/register", new() { ["Data.Email"] = email, ["Data.Password"] = "short", ["Data.ConfirmPassword"] = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var withoutToken = await Forms.SubmitAsync(client, "/account/register", new() { ["Data.Email"] = email, ["Data.Password"] = NewsTrackerFactory.Password, ["Data.ConfirmPassword"] = NewsTrackerFactory.Password }, includeAntiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var registered = await Forms.SubmitAsync(client, "/account/register", new() { ["Data.Email"] = email, ["Data.Password"] = NewsTrackerFactory.Password, ["Data.ConfirmPassword"] = NewsTrackerFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/account/login", registered.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        // Registering a taken email answers exactly as a new one does, and changes nothing.
        var again = await Forms.SubmitAsync(factory.CreateBrowserClient(), "/account/register", new() { ["Data.Email"] = email, ["Data.Password"] = "another long passphrase here", ["Data.ConfirmPassword"] = "another long passphrase here" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(registered.Headers.Location, again.Headers.Location);

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.True(await users.CheckPasswordAsync(user!, NewsTrackerFactory.Password));
        Assert.Empty(await users.GetRolesAsync(user!));
    }

    [Fact]
    public async Task The_embed_may_not_be_framed_unless_configured()
    {
        var response = await factory.CreateBrowserClient().GetAsync($"/topics/{TopicSeed.Slug}/embed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var embed = await Forms.ParseAsync(response);
        Assert.Contains("does not allow its timelines to be shown inside other sites", embed.QuerySelector(".embed-refused")!.TextContent, StringComparison.Ordinal);

        // The topic page says the same instead of offering a snippet that would show an empty frame.
        var topicPage = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/topics/{TopicSeed.Slug}");
        Assert.Null(topicPage.QuerySelector("#embed-code"));
        Assert.Contains("Topics:EmbedFrameAncestors", topicPage.QuerySelector("#embed .embed-refused")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>The embed with allowed frame ancestors configured.</summary>
public sealed class TopicEmbedTests(TopicEmbedTests.Factory factory) : IClassFixture<TopicEmbedTests.Factory>
{
    public sealed class Factory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Topics:EmbedFrameAncestors"] = "https://partner.example https://*.news.example; script-src *",
        };
    }

    [Fact]
    public async Task The_embed_allows_the_configured_sites_to_frame_it_and_nothing_else_changes()
    {
        var client = factory.CreateBrowserClient();
        foreach (var _ in new[] { 1, 2 }) // the second answer comes from the output cache
        {
            var response = await client.GetAsync($"/topics/{TopicSeed.Slug}/embed");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.EndsWith("frame-ancestors https://partner.example https://*.news.example", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src *", policy, StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("X-Frame-Options"));
        }

        var page = await client.GetAsync($"/topics/{TopicSeed.Slug}");
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());

        // The topic page offers the snippet to copy, with the embed's address, and the embed itself no refusal.
        var snippet = (await Forms.ParseAsync(page)).QuerySelector("#embed-code")!.TextContent;
        Assert.StartsWith("<iframe src=\"", snippet, StringComparison.Ordinal);
        Assert.Contains($"/topics/{TopicSeed.Slug}/embed\"", snippet, StringComparison.Ordinal);
        Assert.Null((await Forms.GetDocumentAsync(client, $"/topics/{TopicSeed.Slug}/embed")).QuerySelector(".embed-refused"));
    }
}

/// <summary>The topic edit page's preview, on a host of its own (its sign-in must not count against the other tests'
/// per-address limit).</summary>
public sealed class TopicPreviewTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task Editing_the_saved_search_previews_what_it_would_include_before_anything_is_saved()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var match = await factory.SendAsync(new IngestArticle.Command { Text = $"Preview {word}\n\nThe {word} ferry talks continued on Tuesday, officials said.", Origin = "test" });
        var owner = await factory.CreateEditorAsync(Roles.Editor);
        var topic = await factory.SendAsAsync(owner, new TopicEditing.Create(new TopicEditing.TopicFields("Preview " + word, null, null, "NATO", true)));
        var editor = await factory.SignedInClientAsync(Roles.Editor);
        var editUrl = $"/topics/{topic.Slug}/edit";
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await Forms.GetDocumentAsync(editor, editUrl)).QuerySelector("#topic-form")!;
        form.SetAttribute("action", editUrl + "?handler=Preview");

        var response = await Forms.PostFormAsync(editor, form, editUrl, new() { ["Data.Definition"] = word });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("1 article matches", page.QuerySelector("#preview")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/articles/{match.ArticleId}/preview-{word}", page.QuerySelector("#preview .preview-list a")!.GetAttribute("href"));
        Assert.Equal(word, page.QuerySelector("#topic-form input[name='Data.Definition']")!.GetAttribute("value"));
        var saved = await factory.WithDbAsync(db => db.Topics.Where(t => t.Id == topic.Id).Select(t => t.Definition).SingleAsync());
        Assert.Equal("NATO", saved);
    }
}

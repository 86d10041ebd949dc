using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Pages.Stories;
using NewsTracker.Web.Stories;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Pages.Stories;

/// <summary>
/// Other outlets' own reports of one event join its story at ingest; editors split, move and merge through the story
/// page (antiforgery forms), the change is in the article's history and undoable, and later clustering leaves an
/// editor's placement alone. Each test ingests its own event on its own day, so the tests share a host but not stories.
/// </summary>
public sealed class EventStoryTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task Other_outlets_own_reports_of_one_event_join_its_story_and_an_unrelated_article_does_not()
    {
        var day = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        var reports = await IngestEventAsync(day, "first");
        var unrelated = await IngestAsync(EventCoverage.UnrelatedTitle, EventCoverage.UnrelatedText, "Merrow Courier", day.AddHours(4), "https://courier.example/first/cycle-lanes");

        Assert.All(reports, r => Assert.Equal(reports[0].StoryId, r.StoryId));
        Assert.True(reports[1].JoinedStory);
        Assert.NotEqual(reports[0].StoryId, unrelated.StoryId);

        var client = factory.CreateBrowserClient();
        using var story = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/stories/{reports[0].StoryId}"));
        Assert.Equal(
            ["Dale Gazette first", "County Wire first", "Valley Radio first"],
            story.RootElement.GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        using var article = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/articles/{reports[2].ArticleId}"));
        Assert.Equal(reports[0].StoryId, article.RootElement.GetProperty("storyId").GetInt32());
    }

    [Fact]
    public async Task An_editor_splits_a_story_on_its_page_and_undoes_it_from_the_history()
    {
        var reports = await IngestEventAsync(new DateTime(2026, 4, 6, 9, 0, 0, DateTimeKind.Utc), "split");
        var (client, editor) = await factory.SignedInEditorAsync(Roles.Editor);

        var response = await Forms.SubmitAsync(client, $"/stories/{reports[0].StoryId}", new() { ["articleIds"] = reports[2].ArticleId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#split-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var moved = await StoryOfAsync(reports[2].ArticleId);
        Assert.NotEqual(reports[0].StoryId, moved.StoryId);
        Assert.True(moved.Pinned);
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(reports[1].ArticleId)).StoryId);
        var history = await factory.SendAsync(new History.Query(History.Subject.Article, reports[2].ArticleId));
        Assert.Contains(history.Entries, e => e.EntityType == nameof(Article) && e.UserName == editor.UserName);

        var undone = await Forms.SubmitAsync(client, $"/articles/{reports[2].ArticleId}/history", new(), "form.undo-bar");

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        var back = await StoryOfAsync(reports[2].ArticleId);
        Assert.Equal(reports[0].StoryId, back.StoryId);
        Assert.False(back.Pinned);
        // Both stories' kept counts follow the undo, as check sees them.
        Assert.DoesNotContain(await WrongCountsAsync(), w => w.StartsWith($"story {reports[0].StoryId}:", StringComparison.Ordinal) || w.StartsWith($"story {moved.StoryId}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_editor_merges_two_stories_and_undoes_it_from_the_history()
    {
        var day = new DateTime(2026, 7, 6, 9, 0, 0, DateTimeKind.Utc);
        var reports = await IngestEventAsync(day, "unmerge");
        // Its own wording, so it is not a near-copy of the other tests' unrelated article and gets its own story.
        var unrelated = await IngestAsync("Harbour ferry timetable changes in July", "The harbour ferry will run every twenty minutes from July, the operator said on Monday, after a summer of complaints about crowded boats and missed connections at the rail station.", "Merrow Courier", day, "https://courier.example/unmerge/ferry");
        var (client, _) = await factory.SignedInEditorAsync(Roles.Editor);
        var merged = await Forms.SubmitAsync(client, $"/stories/{reports[0].StoryId}", new() { ["otherStoryId"] = unrelated.StoryId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#merge-form");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(unrelated.ArticleId)).StoryId);

        var undone = await Forms.SubmitAsync(client, $"/articles/{unrelated.ArticleId}/history", new(), "form.undo-bar");

        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Equal(unrelated.StoryId, (await StoryOfAsync(unrelated.ArticleId)).StoryId);
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(reports[1].ArticleId)).StoryId);
        Assert.DoesNotContain(await WrongCountsAsync(), w => w.StartsWith($"story {reports[0].StoryId}:", StringComparison.Ordinal) || w.StartsWith($"story {unrelated.StoryId}:", StringComparison.Ordinal));
    }

    private Task<IReadOnlyList<string>> WrongCountsAsync() => factory.WithDbAsync(db => ArchiveCounts.VerifyAsync(db, CancellationToken.None));

    [Fact]
    public async Task Later_clustering_never_moves_an_article_an_editor_placed()
    {
        var day = new DateTime(2026, 5, 4, 9, 0, 0, DateTimeKind.Utc);
        var reports = await IngestEventAsync(day, "pinned");
        var (client, _) = await factory.SignedInEditorAsync(Roles.Editor);
        await Forms.SubmitAsync(client, $"/stories/{reports[0].StoryId}", new() { ["articleIds"] = reports[2].ArticleId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#split-form");
        var split = await StoryOfAsync(reports[2].ArticleId);

        // Another report of the event arrives: it joins a story, and the editor's split stands.
        var later = await IngestAsync(EventCoverage.Reports[0] + " – update", EventCoverage.Reports[1] + " The quarry will stay closed this week.", "Hill Post pinned", day.AddHours(6), "https://hill.example/pinned/quarry");

        Assert.True(later.JoinedStory);
        Assert.Equal(split, await StoryOfAsync(reports[2].ArticleId));
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(reports[0].ArticleId)).StoryId);
    }

    [Fact]
    public async Task An_editor_merges_two_stories_and_moves_an_article_back_out()
    {
        var day = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);
        var reports = await IngestEventAsync(day, "merge");
        var unrelated = await IngestAsync(EventCoverage.UnrelatedTitle, EventCoverage.UnrelatedText, "Merrow Courier", day, "https://courier.example/merge/cycle-lanes");
        var (client, _) = await factory.SignedInEditorAsync(Roles.Editor);

        var merged = await Forms.SubmitAsync(client, $"/stories/{reports[0].StoryId}", new() { ["otherStoryId"] = unrelated.StoryId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#merge-form");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(unrelated.ArticleId)).StoryId);
        // The story pages read kept counts: both stories are recounted with the move.
        var wrongCounts = await factory.WithDbAsync(db => ArchiveCounts.VerifyAsync(db, CancellationToken.None));
        Assert.DoesNotContain(wrongCounts, w => w.StartsWith($"story {reports[0].StoryId}:", StringComparison.Ordinal) || w.StartsWith($"story {unrelated.StoryId}:", StringComparison.Ordinal));

        var page = await Forms.GetDocumentAsync(client, $"/stories/{reports[0].StoryId}");
        var moveForm = page.QuerySelectorAll("form.move-form").Single(f => f.QuerySelector("input[name=articleId]")!.GetAttribute("value") == unrelated.ArticleId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var moved = await Forms.PostFormAsync(client, (AngleSharp.Html.Dom.IHtmlFormElement)moveForm, $"/stories/{reports[0].StoryId}", new() { ["toStoryId"] = reports[0].StoryId.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        // Moving into the story it is already in is refused with a message, and nothing changes.
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("already in this story", (await Forms.ParseAsync(moved)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(unrelated.ArticleId)).StoryId);
    }

    [Fact]
    public async Task A_journalist_cannot_split_a_story()
    {
        var reports = await IngestEventAsync(new DateTime(2026, 7, 6, 9, 0, 0, DateTimeKind.Utc), "journalist");
        var (client, journalist) = await factory.SignedInEditorAsync(Roles.Journalist);

        var page = await Forms.GetDocumentAsync(client, $"/stories/{reports[0].StoryId}");
        Assert.Null(page.QuerySelector("#split-form"));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            factory.SendAsAsync(journalist, new DetailsModel.Move(reports[0].StoryId, [reports[2].ArticleId], null)));

        Assert.Contains("Only editors", refused.Message, StringComparison.Ordinal);
        Assert.Equal(reports[0].StoryId, (await StoryOfAsync(reports[2].ArticleId)).StoryId);
    }

    [Fact]
    public async Task Undated_reports_of_one_event_are_not_joined_because_their_day_is_unknown()
    {
        // A host of its own: the class's host holds dated copies of these texts, which would join as near-copies.
        using var fresh = new NewsTrackerFactory();
        var first = await fresh.SendAsync(new IngestArticle.Command { Title = EventCoverage.Reports[0] + " (undated)", Text = EventCoverage.Reports[1], Outlet = "Undated Gazette", Url = "https://gazette.example/undated/quarry" });
        var second = await fresh.SendAsync(new IngestArticle.Command { Title = EventCoverage.Reports[2] + " (undated)", Text = EventCoverage.Reports[3], Outlet = "Undated Wire", Url = "https://wire.example/undated/quarry" });

        Assert.False(second.JoinedStory);
        Assert.NotEqual(first.StoryId, second.StoryId);
    }

    [Fact]
    public async Task The_term_counts_clustering_weighs_by_are_those_the_database_keeps()
    {
        await IngestEventAsync(new DateTime(2026, 8, 3, 9, 0, 0, DateTimeKind.Utc), "counts");

        var stored = await factory.WithDbAsync(db => db.EventTermCounts.AsNoTracking().ToDictionaryAsync(c => c.Term, c => c.Articles));
        var inMemory = factory.Services.GetRequiredService<EventTermStatistics>();
        Assert.NotEmpty(stored);
        Assert.All(stored, c => Assert.Equal(c.Value, inMemory.ArticlesWith(c.Key)));
    }

    private Task<List<IngestArticle.Result>> IngestEventAsync(DateTime day, string tag) => EventCoverage.IngestAsync(factory, day, tag);

    private Task<IngestArticle.Result> IngestAsync(string title, string text, string outlet, DateTime published, string url) =>
        factory.SendAsync(new IngestArticle.Command { Title = title, Text = text, Outlet = outlet, PublishedUtc = published, Url = url });

    private Task<(int StoryId, bool Pinned)> StoryOfAsync(int articleId) =>
        factory.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => new ValueTuple<int, bool>(a.StoryId, a.StoryPinned)).SingleAsync());
}

using Microsoft.EntityFrameworkCore;
using NewsTracker.IntegrationTests.Tagging;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Topics;

/// <summary>A change evicts only the cached pages that show what it changed (the article, the pages listing its story,
/// the topics it is in), on this instance at once and on the others through the content change log, so a busy feed
/// poller leaves the rest of the cache alone. An Age header is what the output cache adds to a copy it serves.</summary>
public sealed class TargetedEvictionTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private static string Word() => "zq" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task An_unrelated_new_article_keeps_a_cached_article_page_and_a_copy_joining_its_story_evicts_it()
    {
        var word = Word();
        var title = "Pier reopens " + word;
        var body = $"Harbour pilots said the {word} pier would reopen after repairs on Tuesday morning.";
        var article = await factory.ArticleAsync(body, title, outlet: "Wire " + word);
        var address = $"/articles/{article.Id}/{article.Slug}";
        var reader = factory.CreateBrowserClient();
        await CacheAsync(reader, address);

        await factory.ArticleAsync($"Rain is expected over the {Word()} hills this weekend.", outlet: "Gazette " + word);
        Assert.True(await IsCachedAsync(reader, address), "an article in another story left the page cached");

        // The same text from another outlet joins the story, which the article page lists.
        await factory.ArticleAsync(body, title, outlet: "Herald " + word);
        using var fresh = await reader.GetAsync(address);
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("Herald " + word, await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_on_an_article_outside_a_topic_keeps_its_cached_timeline_and_a_tag_on_a_member_evicts_it()
    {
        var word = Word();
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var member = await factory.ArticleAsync($"Mayor Quintana spoke about the {word} bridge.");
        var outsider = await factory.ArticleAsync("Mayor Quintana opened a library on Monday.");
        var actor = (await factory.MentionAsync(editor, outsider, "Quintana", newActor: new NewsTracker.Web.Tagging.Actors.NewActor("Ana Quintana " + word, ActorKind.Person))).ActorId!.Value;
        var topic = await factory.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Bridge " + word, null, null, word, true)));
        var address = $"/topics/{topic.Slug}";
        var reader = factory.CreateBrowserClient();
        await CacheAsync(reader, address);

        await factory.MentionAsync(editor, outsider, "Mayor", actorId: actor);
        Assert.True(await IsCachedAsync(reader, address), "a tag on an article outside the topic left its timeline cached");

        await factory.MentionAsync(editor, member, "Quintana", actorId: actor);
        Assert.False(await IsCachedAsync(reader, address), "a tag on a member article evicted the timeline");
    }

    [Fact]
    public async Task A_change_logged_elsewhere_evicts_only_the_pages_it_names()
    {
        var named = await factory.ArticleAsync("The ferry timetable changes in spring.");
        var other = await factory.ArticleAsync("The museum extends its opening hours.");
        var namedAddress = $"/articles/{named.Id}/{named.Slug}";
        var otherAddress = $"/articles/{other.Id}/{other.Slug}";
        var reader = factory.CreateBrowserClient();
        await CacheAsync(reader, namedAddress);
        await CacheAsync(reader, otherAddress);

        // A row saved outside any command of this instance is what another instance or a command-line import writes;
        // it is written again until the change log's reader (started with the app) has taken one in.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await IsCachedAsync(reader, namedAddress))
        {
            Assert.True(DateTime.UtcNow < deadline, "The logged change never evicted the page it names.");
            await factory.WithDbAsync(async db =>
            {
                db.ContentChanges.Add(new ContentChange { ChangedUtc = DateTime.UtcNow, Scope = ContentScope.Article(named.Id) });
                return await db.SaveChangesAsync();
            });
            await Task.Delay(200);
        }

        Assert.True(await IsCachedAsync(reader, otherAddress), "a page the change did not name stayed cached");
    }

    [Fact]
    public async Task An_outlet_page_is_evicted_by_its_own_articles_and_by_a_first_report_credit_another_outlets_article_moves_to_it()
    {
        var word = Word();
        var title = "Levee holds " + word;
        var body = $"Engineers said the {word} levee held through the night as the river crested.";
        await factory.ArticleAsync(body, title, new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc), "Wire " + word);
        var wire = (await factory.SendAsync(new NewsTracker.Web.Pages.Outlets.IndexModel.Query())).Single(o => o.Name == "Wire " + word);
        var address = $"/outlets/{wire.Id}/{wire.Slug}";
        var reader = factory.CreateBrowserClient();
        await CacheAsync(reader, address);

        await factory.ArticleAsync($"Snow closed the {Word()} pass on Sunday.", outlet: "Gazette " + word);
        Assert.True(await IsCachedAsync(reader, address), "another outlet's article in another story left the page cached");

        // A later report of the same story from another outlet makes the wire's the first report: its count changes,
        // though none of its articles did, and the change log carries its page to every instance.
        await factory.ArticleAsync(body, title, new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc), "Herald " + word);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await IsCachedAsync(reader, address))
        {
            if (DateTime.UtcNow >= deadline)
            {
                var logged = await factory.WithDbAsync(db => db.ContentChanges.OrderByDescending(c => c.Id).Take(4).Select(c => c.Id + " " + c.Scope).ToListAsync());
                Assert.Fail($"The first report's new credit never evicted outlet {wire.Id}'s page; last changes logged: {string.Join(" | ", logged)}");
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_actor_page_and_a_story_page_are_evicted_by_what_they_show_and_kept_otherwise()
    {
        var word = Word();
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var body = $"Minister Okafor inspected the {word} dam on Friday.";
        var article = await factory.ArticleAsync(body, "Dam inspected " + word, outlet: "Wire " + word);
        var actor = (await factory.MentionAsync(editor, article, "Okafor", newActor: new NewsTracker.Web.Tagging.Actors.NewActor("Ada Okafor " + word, ActorKind.Person))).ActorId!.Value;
        var storyId = (await factory.SendAsync(new NewsTracker.Web.Pages.Articles.DetailsModel.Query(article.Id))).StoryId;
        var reader = factory.CreateBrowserClient();
        await CacheAsync(reader, $"/actors/{actor}");
        await CacheAsync(reader, $"/stories/{storyId}");

        var other = await factory.ArticleAsync($"Minister Okafor opened a {Word()} school.");
        Assert.True(await IsCachedAsync(reader, $"/actors/{actor}"), "an article without a mention left the actor page cached");
        Assert.True(await IsCachedAsync(reader, $"/stories/{storyId}"), "an article in another story left the story page cached");

        await factory.MentionAsync(editor, other, "Okafor", actorId: actor);
        await factory.ArticleAsync(body, "Dam inspected " + word, outlet: "Herald " + word);
        Assert.False(await IsCachedAsync(reader, $"/actors/{actor}"), "a new mention evicted the actor page");
        Assert.False(await IsCachedAsync(reader, $"/stories/{storyId}"), "an article joining the story evicted its page");
    }

    private static async Task CacheAsync(HttpClient reader, string address)
    {
        (await reader.GetAsync(address)).Dispose();
        Assert.True(await IsCachedAsync(reader, address), $"{address} is served from the output cache");
    }

    private static async Task<bool> IsCachedAsync(HttpClient reader, string address)
    {
        using var response = await reader.GetAsync(address);
        response.EnsureSuccessStatusCode();
        return response.Headers.Age is not null;
    }
}

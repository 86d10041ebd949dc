using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>Anonymous readers get the article page from the output cache until a change they can see, such as an
/// approved tag, evicts it; staff always get it fresh, with their editor.</summary>
public sealed class ArticlePageCacheTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task The_anonymous_article_page_is_cached_until_a_tag_is_approved_and_staff_always_see_it_fresh()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var article = await factory.ArticleAsync("Mayor Quintana opened the harbour bridge on Monday.");
        var address = $"/articles/{article.Id}/{article.Slug}";
        var reader = factory.CreateBrowserClient();

        await reader.GetAsync(address);
        using var cached = await reader.GetAsync(address);
        Assert.NotNull(cached.Headers.Age);
        Assert.DoesNotContain("Quintana</mark>", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await factory.MentionAsync(editor, article, "Quintana", newActor: new NewsTracker.Web.Tagging.Actors.NewActor("Ana Quintana", ActorKind.Person));

        using var fresh = await reader.GetAsync(address);
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("Ana Quintana", await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (staff, _) = await factory.SignedInEditorAsync(Roles.Editor);
        await staff.GetAsync(address);
        using var signedIn = await staff.GetAsync(address);
        Assert.Null(signedIn.Headers.Age);
    }
}

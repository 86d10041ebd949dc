using NewsTracker.Web.Application;

namespace NewsTracker.Tests.Application;

public sealed class ContentScopeTests
{
    [Fact]
    public void A_scope_survives_the_change_log_and_keeps_its_tags()
    {
        var scope = new ContentScope();
        scope.Add(ContentScope.Article(12));
        scope.Add(ContentScope.Story(5));
        scope.Add(ContentScope.Article(12));

        var read = ContentScope.FromStored(scope.ToStored());

        Assert.Equal("article:12 story:5", scope.ToStored());
        Assert.False(read.Everything);
        Assert.Equal(["article:12", "story:5"], read.Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_row_without_a_scope_means_every_page()
    {
        Assert.True(ContentScope.FromStored(null).Everything);
    }

    [Fact]
    public void A_scope_too_long_to_store_is_stored_as_every_page()
    {
        var scope = new ContentScope();
        for (var id = 0; id < 1_000; id++)
        {
            scope.Add(ContentScope.Story(id));
        }

        Assert.Null(scope.ToStored());
        Assert.True(ContentScope.FromStored(scope.ToStored()).Everything);
    }

    [Fact]
    public void Adding_a_scope_that_touches_everything_makes_the_whole_touch_everything()
    {
        var scope = new ContentScope();
        scope.Add(ContentScope.Topic(3));
        var everything = new ContentScope();
        everything.AddEverything();

        scope.AddRange(everything);

        Assert.True(scope.Everything);
        Assert.Null(scope.ToStored());
    }
}

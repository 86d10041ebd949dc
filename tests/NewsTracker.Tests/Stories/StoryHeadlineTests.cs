using NewsTracker.Web.Stories;

namespace NewsTracker.Tests.Stories;

public sealed class StoryHeadlineTests
{
    [Fact]
    public void The_headline_most_titles_share_words_with_represents_the_story()
    {
        string[] titles =
        [
            "BREAKING: plane on fire",
            "Japan Airlines plane collides with coast guard aircraft at Haneda",
            "Coast guard aircraft and Japan Airlines jet collide at Haneda airport",
            "Haneda collision: coast guard crew killed",
        ];

        Assert.Equal(titles[1], StoryHeadline.Choose(titles));
    }

    [Fact]
    public void A_story_of_one_article_has_its_title() =>
        Assert.Equal("Only report", StoryHeadline.Choose(["Only report"]));
}

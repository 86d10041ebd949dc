using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class TitleCleanerTests
{
    [Theory]
    [InlineData("Floods Close Schools | Valley Times", "Valley Times", "Floods Close Schools")]
    [InlineData("Valley Times - Floods Close Schools", "valley times", "Floods Close Schools")]
    [InlineData("Floods Close Schools — Valley Times", "Valley Times", "Floods Close Schools")]
    [InlineData("Floods Close Schools | Weather", "Valley Times", "Floods Close Schools | Weather")]
    [InlineData("Valley Times", "Valley Times", "Valley Times")]
    [InlineData("Floods Close Schools", null, "Floods Close Schools")]
    public void Drops_the_declared_site_name_from_a_title(string title, string? siteName, string expected) =>
        Assert.Equal(expected, TitleCleaner.WithoutSiteName(title, siteName));
}

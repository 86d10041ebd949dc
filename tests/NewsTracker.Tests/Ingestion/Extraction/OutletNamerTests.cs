using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class OutletNamerTests
{
    public static TheoryData<string?, string?, string?, string?, string?> Cases => new()
    {
        // declared, guessed, section, url, expected
        { "The Valley Times", null, null, "https://www.valleytimes.example/a", "The Valley Times" },
        { "U.S.", null, null, "https://www.news.example.com/us/a", "example.com" },
        { "Hosted", null, null, "https://apnews.com/article/a", "apnews.com" },
        { "Politics", null, "Politics", "https://www.paper.example.co.uk/a", "example.co.uk" },
        { null, "Valley Times", null, "https://valleytimes.example/a", "Valley Times" },
        { null, "Breaking news and analysis", null, "https://valleytimes.example/a", "valleytimes.example" },
        { null, null, null, "http://fakehost/test/page.html", null },
        { null, null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Names_the_outlet_never_a_section_label(string? declared, string? guessed, string? section, string? url, string? expected) =>
        Assert.Equal(expected, OutletNamer.Choose([declared], guessed, section, url));
}

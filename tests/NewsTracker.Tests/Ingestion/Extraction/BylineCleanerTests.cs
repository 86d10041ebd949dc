using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class BylineCleanerTests
{
    public static TheoryData<string?, string?> Bylines => new()
    {
        { "By Jane Doe", "Jane Doe" },
        { "By GILLIAN MOHNEY\n   March 11, 2015 3:46 PM", "GILLIAN MOHNEY" },
        { "by Lucas Nolan22 Dec 2016651", "Lucas Nolan" },
        { "Jane DoeReuters", "Jane Doe" },
        { "Jane Doe and John Smith", "Jane Doe, John Smith" },
        { "Stella Kim, Jennifer Jett", "Stella Kim, Jennifer Jett" },
        { "Von Anna Müller und Peter Schmidt", "Anna Müller, Peter Schmidt" },
        { "Par Sébastien Farcis", "Sébastien Farcis" },
        { "Jane Doe, Senior Correspondent", "Jane Doe" },
        { "Jane Doe | Associated Press", "Jane Doe" },
        { "Associated Press", null },
        { "Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn" },
        { "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", null },
        { "https://www.facebook.com/janedoe", null },
        { "Ryan McDonald", "Ryan McDonald" },
        { "  ", null },
    };

    [Theory]
    [MemberData(nameof(Bylines))]
    public void Keeps_only_the_authors_names(string? byline, string? expected) =>
        Assert.Equal(expected, BylineCleaner.Clean(byline));

    public static TheoryData<string, string?, string?> Credits => new()
    {
        { "By Jane Doe, Reuters", "Jane Doe", "Reuters" },
        { "Jane Doe | AP", "Jane Doe", "AP" },
        { "Pierre Martin (AFP)", "Pierre Martin", "AFP" },
        { "(AFP)", null, "AFP" },
        { "Jane DoeReuters", "Jane Doe", "Reuters" },
        { "Von Anna Müller, dpa", "Anna Müller", "dpa" },
        { "Associated Press", null, "Associated Press" },
        { "AFP, dpa", null, "AFP, dpa" },
        { "By Jane Doe, Staff", "Jane Doe", null },
        { "Jane Doe", "Jane Doe", null },
    };

    [Theory]
    [MemberData(nameof(Credits))]
    public void Keeps_a_named_wire_agency_apart_from_the_authors(string byline, string? authors, string? agency) =>
        Assert.Equal(new BylineParts(authors, agency), BylineCleaner.Split(byline));
}

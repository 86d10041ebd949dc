using System.Globalization;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class DateTextTests
{
    public static TheoryData<string, string?> Values => new()
    {
        { "2019-03-21T23:30:00-05:00", "2019-03-21T23:30:00-05:00" },
        { "2019-03-21T10:00:00Z", "2019-03-21T10:00:00+00:00" },
        { "2019-03-21 22:28:35", "2019-03-21T22:28:35+00:00" },
        { "20200413T16:38:07Z", "2020-04-13T16:38:07+00:00" },
        { "2019-03-21", "2019-03-21T00:00:00+00:00" },
        { "Thu, 21 Mar 2019 23:00:00 +0100", "2019-03-21T23:00:00+01:00" },
        { "1553126400", "2019-03-21T00:00:00+00:00" },
        { "01-11-2023 10:29", "2023-11-01T00:00:00+00:00" },
        { "1887-01-01", null },
        { "not a date", null },
    };

    public static TheoryData<string, bool, string?> Datelines => new()
    {
        { "Published March 21st, 2019 at 6:09 p.m.", true, "2019-03-21" },
        { "Veröffentlicht am 21. März 2019", true, "2019-03-21" },
        { "le 21 mars 2019 à 10h30", true, "2019-03-21" },
        { "21 de marzo de 2019", true, "2019-03-21" },
        { "21 марта 2019", true, "2019-03-21" },
        { "2019年3月21日", true, "2019-03-21" },
        { "الأربعاء، 07 أكتوبر 2020 - 12:09 م", true, "2020-10-07" },
        { "Stand: 21.03.2019", true, "2019-03-21" },
        { "03/04/2019", true, "2019-04-03" },
        { "03/04/2019", false, "2019-03-04" },
        { "13/04/2019", false, "2019-04-13" },
        { "Order 20190321 shipped", true, null },
        { "In 2019 we were 21", true, null },
    };

    public static TheoryData<string, string?> Urls => new()
    {
        { "https://example.com/2019/03/21/a-story/", "2019-03-21" },
        { "https://example.com/news/2019-03-21-a-story", "2019-03-21" },
        { "https://example.com/a-story-20190321.html", "2019-03-21" },
        { "https://example.com/2019/03/a-story", null },
        { "https://example.com/2019/7/2/a-story", "2019-07-02" },
        { "https://example.com/2023/10/3-questions-for-an-editor/", null },
        { "https://2019.example.com/03/21", null },
        { "https://example.com/media-news/meldungen/29-10-2021", "2021-10-29" },
        { "https://example.com/archive/29-10-2021-a-story", null },
    };

    public static TheoryData<string, string?> ShortDotted => new()
    {
        { "Klaus-Peter Schöppner, 8.5.12", "2012-05-08" },
        { "28.09.19 12:44", "2019-09-28" },
        { "Release 1.2.3.45", null },
        { "31.02.19", null },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Reads_machine_dates_keeping_the_offset_the_page_stated(string value, string? expected) =>
        Assert.Equal(expected, DateText.ParseValue(value)?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Datelines))]
    public void Finds_the_day_in_visible_datelines_in_many_languages(string text, bool dayFirst, string? expected) =>
        Assert.Equal(expected, DateText.FindInText(text, dayFirst)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Urls))]
    public void Reads_a_full_date_from_the_address_path_only(string url, string? expected) =>
        Assert.Equal(expected, DateText.FromUrl(url)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(ShortDotted))]
    public void Reads_a_dotted_day_with_a_two_digit_year(string text, string? expected) =>
        Assert.Equal(expected, DateText.FindShortDotted(text)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

using System.Text;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class HtmlInputGuardTests
{
    private const int AttackDepth = 100_000;

    public static TheoryData<string, string, ExtractionProblem> HostileInputs => new()
    {
        { "empty", string.Empty, ExtractionProblem.Empty },
        { "whitespace", " \n\t  \r\n ", ExtractionProblem.Empty },
        { "NUL bytes", "<html><body><p>PNG\0\0\0IHDR</p></body></html>", ExtractionProblem.Binary },
        { "mostly control characters", "<p>" + new string('\u0001', 500) + "</p>", ExtractionProblem.Binary },
        { "over the size limit", "<p>" + new string('a', HtmlInputGuard.MaxInputChars) + "</p>", ExtractionProblem.TooLarge },
        { "100 000 nested divs", Nested("div", AttackDepth), ExtractionProblem.TooDeep },
        { "100 000 nested unclosed b", "<html><body>" + string.Concat(Enumerable.Repeat("<b>x", AttackDepth)), ExtractionProblem.TooDeep },
        { "100 000 self-closed divs", string.Concat(Enumerable.Repeat("<div/>", AttackDepth)), ExtractionProblem.TooDeep },
    };

    public static TheoryData<string, string> OrdinaryInputs => new()
    {
        { "unclosed paragraphs", string.Concat(Enumerable.Repeat("<p>A paragraph without an end tag.", 5_000)) },
        { "unclosed list items", "<ul>" + string.Concat(Enumerable.Repeat("<li>item", 5_000)) + "</ul>" },
        { "void elements", string.Concat(Enumerable.Repeat("<br><img src=a.jpg><hr><input>", 5_000)) },
        { "tags inside scripts and comments", "<script>" + Nested("div", 5_000) + "</script><!--" + Nested("b", 5_000) + "--><p>text</p>" },
        { "svg self-closing shapes", "<svg>" + string.Concat(Enumerable.Repeat("<path d=\"M0 0\"/>", 5_000)) + "</svg>" },
        { "quoted angle brackets", string.Concat(Enumerable.Repeat("<a title=\"<div>\" href='>'>link</a>", 5_000)) },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Refuses_hostile_input_with_a_clear_reason(string description, string html, ExtractionProblem problem)
    {
        var exception = Assert.Throws<ExtractionException>(() => new HtmlArticleExtractor().Extract(html, null));

        Assert.Equal(problem, exception.Problem);
        Assert.False(string.IsNullOrWhiteSpace(exception.Message), description);
    }

    [Theory]
    [MemberData(nameof(OrdinaryInputs))]
    public void Accepts_long_but_shallow_markup(string description, string html) =>
        Assert.True(HtmlNestingScanner.MaxDepth(html) < HtmlInputGuard.MaxNestingDepth, description);

    [Fact]
    public void Extracts_a_page_nested_just_under_the_limit_without_overflowing()
    {
        var depth = HtmlInputGuard.MaxNestingDepth - 10;
        var html = "<html><body>" + Nested("div", depth, "<p>" + string.Join(' ', Enumerable.Repeat("Deep text survives the guard.", 40)) + "</p>") + "</body></html>";

        var article = new HtmlArticleExtractor().Extract(html, null);

        Assert.Contains("Deep text survives the guard.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_page_with_a_few_stray_NUL_characters_deep_in_its_markup()
    {
        var paragraphs = string.Concat(Enumerable.Repeat("<p>The hearing resumed on Monday with the defence's closing arguments.</p>", 200));
        var html = "<html><head><title>Trial</title></head><body><article>" + paragraphs + "<img src=banner.gif>\0\0\0\0" + paragraphs + "</article></body></html>";

        var article = new HtmlArticleExtractor().Extract(html, null);

        Assert.Contains("closing arguments", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_the_nesting_of_well_formed_markup_exactly() =>
        Assert.Equal(5, HtmlNestingScanner.MaxDepth("<html><body><div><p>a</p><p>b<b>c</b></p></div></body></html>"));

    private static string Nested(string tag, int depth, string inner = "x")
    {
        var text = new StringBuilder(depth * (tag.Length * 2 + 5) + inner.Length);
        for (var i = 0; i < depth; i++)
        {
            text.Append('<').Append(tag).Append('>');
        }

        text.Append(inner);
        for (var i = 0; i < depth; i++)
        {
            text.Append("</").Append(tag).Append('>');
        }

        return text.ToString();
    }
}

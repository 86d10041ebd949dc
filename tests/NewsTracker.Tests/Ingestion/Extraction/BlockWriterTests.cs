using AngleSharp.Html.Parser;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class BlockWriterTests
{
    [Fact]
    public void Leaves_out_soft_hyphens_and_ruby_annotations()
    {
        var document = new HtmlParser().ParseDocument("<div><p>St. Mag\u00ADda\u00ADle\u00ADner</p><p><ruby>子<rt>こ</rt></ruby>ども</p></div>");

        var blocks = BlockWriter.Write(document.QuerySelector("div")!);

        Assert.Equal(["St. Magdalener", "子ども"], blocks.Select(b => b.Text));
    }
}

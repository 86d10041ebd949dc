using System.Text;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Tests.Ingestion.Fetching;

public sealed class ResponseTextDecoderTests
{
    [Fact]
    public void Uses_the_content_type_charset_over_the_meta_declaration()
    {
        var bytes = LocalSite.CodePage(1251).GetBytes("<meta charset=\"utf-8\"><p>Київ</p>");

        var (text, charset) = ResponseTextDecoder.Decode(bytes, "windows-1251");

        Assert.Equal("windows-1251", charset);
        Assert.Contains("Київ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lets_a_byte_order_mark_outrank_a_mislabelled_header()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("<p>Café</p>")];

        var (text, charset) = ResponseTextDecoder.Decode(bytes, "iso-8859-1");

        Assert.Equal("utf-8", charset);
        Assert.Equal("<p>Café</p>", text);
    }

    [Fact]
    public void Reads_a_utf16_page_by_its_byte_order_mark()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<p>Крим</p>")];

        var (text, charset) = ResponseTextDecoder.Decode(bytes, null);

        Assert.Equal("utf-16", charset);
        Assert.Equal("<p>Крим</p>", text);
    }

    [Theory]
    [InlineData("<meta charset=\"iso-8859-1\">", "windows-1252")]
    [InlineData("<meta charset='windows-1252'>", "windows-1252")]
    [InlineData("<META CHARSET=latin1>", "windows-1252")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">", "windows-1252")]
    [InlineData("<meta content=\"text/html; charset=iso-8859-15\" http-equiv=\"content-type\">", "iso-8859-15")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "windows-1252")]
    [InlineData("<meta charset=\"utf-16\">", "utf-8")]
    [InlineData("<meta charset=\"no-such-charset\">", "utf-8")]
    [InlineData("<p>no declaration</p>", "utf-8")]
    public void Sniffs_the_declared_charset_when_the_header_has_none(string head, string expectedCharset)
    {
        var bytes = Encoding.ASCII.GetBytes(head + "<p>body</p>");

        var (_, charset) = ResponseTextDecoder.Decode(bytes, null);

        Assert.Equal(expectedCharset, charset);
    }

    [Fact]
    public void Ignores_a_declaration_beyond_the_first_four_kilobytes()
    {
        var bytes = Encoding.ASCII.GetBytes(new string(' ', ResponseTextDecoder.SniffBytes) + "<meta charset=\"windows-1251\">");

        var (_, charset) = ResponseTextDecoder.Decode(bytes, null);

        Assert.Equal("utf-8", charset);
    }

    [Fact]
    public void Falls_back_when_the_header_names_an_unknown_charset()
    {
        var (text, charset) = ResponseTextDecoder.Decode(Encoding.UTF8.GetBytes("<p>Kyïv</p>"), "x-made-up");

        Assert.Equal("utf-8", charset);
        Assert.Equal("<p>Kyïv</p>", text);
    }

    [Fact]
    public void Reads_latin1_labelled_bytes_as_windows_1252_like_browsers_do()
    {
        byte[] bytes = [0x93, (byte)'q', 0x94, 0x20, 0x96];

        var (text, _) = ResponseTextDecoder.Decode(bytes, "ISO-8859-1");

        Assert.Equal("“q” –", text);
    }

    [Fact]
    public void Never_throws_on_bytes_invalid_in_the_chosen_encoding()
    {
        byte[] bytes = [(byte)'a', 0xC3, 0x28, 0xFF, (byte)'b'];

        var (text, _) = ResponseTextDecoder.Decode(bytes, "utf-8");

        Assert.StartsWith("a", text, StringComparison.Ordinal);
        Assert.EndsWith("b", text, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', text);
    }
}

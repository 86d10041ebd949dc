using System.Text;
using System.Text.Unicode;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>
/// Decodes a feed's bytes, trusting the bytes over the labels because feeds are so often mislabelled:
/// a byte order mark wins; then UTF-16 recognised by its <c>&lt;?</c>; then UTF-8 whenever the bytes are valid
/// UTF-8 (a server default of ISO-8859-1 is the usual lie, and real Latin text is practically never valid
/// UTF-8); then the XML declaration, then the Content-Type charset; then windows-1252, what a feed that
/// claims UTF-8 but is not usually is. Never throws: bytes invalid in the chosen encoding become U+FFFD.
/// </summary>
public static class FeedEncoding
{
    /// <summary>The text and the web name of the encoding chosen.</summary>
    public static (string Text, string Charset) Decode(ReadOnlySpan<byte> body, string? contentTypeCharset)
    {
        var (bomEncoding, bomLength) = ResponseTextDecoder.DetectBom(body);
        if (bomEncoding is not null)
        {
            return (bomEncoding.GetString(body[bomLength..]), bomEncoding.WebName);
        }

        Encoding? utf16 = body switch
        {
            [0x3C, 0x00, 0x3F, 0x00, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false),
            [0x00, 0x3C, 0x00, 0x3F, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false),
            _ => null,
        };
        if (utf16 is not null)
        {
            return (utf16.GetString(body), utf16.WebName);
        }

        if (Utf8.IsValid(body))
        {
            return (Encoding.UTF8.GetString(body), Encoding.UTF8.WebName);
        }

        var declared = Usable(ResponseTextDecoder.SniffDeclaredCharset(body)) ?? Usable(contentTypeCharset) ?? Windows1252();
        return (declared.GetString(body), declared.WebName);
    }

    /// <summary>A single-byte or multi-byte encoding a label names, but not UTF-8 (the bytes just proved
    /// not to be) and not UTF-16/32 (no byte order mark and ASCII markup).</summary>
    private static Encoding? Usable(string? label)
    {
        Encoding? encoding;
        try
        {
            encoding = ResponseTextDecoder.Resolve(label, fromDocument: false);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return encoding is null or UTF8Encoding or UnicodeEncoding or UTF32Encoding || encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding;
    }

    private static Encoding Windows1252() => ResponseTextDecoder.Resolve("windows-1252", fromDocument: false)!;
}

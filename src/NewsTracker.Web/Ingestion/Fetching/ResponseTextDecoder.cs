using System.Text;
using System.Text.RegularExpressions;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>Turns a response body into text without ever throwing: the encoding comes from a byte
/// order mark, else the Content-Type charset, else a <c>&lt;meta&gt;</c> or XML declaration in the
/// first 4 KB, else UTF-8; bytes invalid in that encoding become U+FFFD.</summary>
public static partial class ResponseTextDecoder
{
    /// <summary>How far into the body the in-document declaration is looked for.</summary>
    public const int SniffBytes = 4096;

    private const int WindowsLatin1CodePage = 1252;

    // The framework's ReplacementFallback substitutes '?', which hides that bytes were lost.
    private static readonly DecoderFallback ReplacementCharacter = new DecoderReplacementFallback("\uFFFD");

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // Browsers read these labels as windows-1252 (WHATWG Encoding); pages labelled Latin-1 routinely
    // use its curly quotes and dashes in 0x80–0x9F.
    private static readonly HashSet<string> Windows1252Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819",
    };

    /// <summary>Decodes <paramref name="body"/>; returns the text and the encoding's web name.</summary>
    public static (string Text, string Charset) Decode(ReadOnlySpan<byte> body, string? contentTypeCharset)
    {
        // A byte order mark outranks the header, as in browsers: it is written by the tool that
        // produced the bytes, whereas the header is often a server default.
        var (bomEncoding, bomLength) = DetectBom(body);
        var encoding = bomEncoding
            ?? Resolve(contentTypeCharset, fromDocument: false)
            ?? Resolve(SniffDeclaredCharset(body), fromDocument: true)
            ?? Utf8;
        return (encoding.GetString(body[bomLength..]), encoding.WebName);
    }

    internal static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Utf8, 3),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false), 2),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false), 2),
        _ => (null, 0),
    };

    internal static string? SniffDeclaredCharset(ReadOnlySpan<byte> body)
    {
        // Latin-1 maps every byte to one char, so the ASCII markup of any ASCII-compatible page reads true.
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, SniffBytes)]);
        var xml = XmlDeclaration().Match(head);
        if (xml.Success)
        {
            return xml.Groups["label"].Value;
        }

        var meta = MetaCharset().Match(head);
        return meta.Success ? meta.Groups["label"].Value : null;
    }

    internal static Encoding? Resolve(string? label, bool fromDocument)
    {
        var name = label?.Trim().Trim('"', '\'').Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (Windows1252Labels.Contains(name))
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(WindowsLatin1CodePage, EncoderFallback.ReplacementFallback, ReplacementCharacter);
        }

        Encoding? encoding;
        try
        {
            encoding = Encoding.GetEncoding(name, EncoderFallback.ReplacementFallback, ReplacementCharacter);
        }
        catch (ArgumentException)
        {
            encoding = CodePagesEncodingProvider.Instance.GetEncoding(name, EncoderFallback.ReplacementFallback, ReplacementCharacter);
        }

        // A document whose markup we just read as ASCII cannot really be UTF-16 (WHATWG: use UTF-8).
        if (fromDocument && encoding is UnicodeEncoding or UTF32Encoding)
        {
            return Utf8;
        }

        return encoding;
    }

    [GeneratedRegex("""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["'](?<label>[A-Za-z0-9._:+-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclaration();

    // Matches both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
    [GeneratedRegex("""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?<label>[A-Za-z0-9._:+-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}

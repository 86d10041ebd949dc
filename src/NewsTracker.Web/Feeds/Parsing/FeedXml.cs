using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>
/// The one way feeds and OPML files are read as XML: DTDs prohibited (so no external entity can name
/// <c>file:</c> or an internal address, and no entity can expand a billion times), no resolver, a cap on
/// characters, comments and processing instructions skipped. Also the helpers every reader here shares:
/// what the document starts with, whole-element text, <c>xml:base</c>, and the repair of the two mistakes
/// real feeds make most (a bare <c>&amp;</c> and HTML entities such as <c>&amp;nbsp;</c>).
/// </summary>
public static partial class FeedXml
{
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>What a document's first markup says it is.</summary>
    public enum Start
    {
        Xml,
        Doctype,
        Html,
        Json,
        Other,
    }

    /// <summary>A reader over <paramref name="text"/> that refuses DTDs and stops after <paramref name="maxCharacters"/>.</summary>
    public static XmlReader CreateReader(string text, long maxCharacters) => XmlReader.Create(new StringReader(text), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    /// <summary>Classifies the document by its first markup after the XML declaration, comments and
    /// whitespace, so a DOCTYPE is refused and an HTML page recognised before any parser runs.</summary>
    public static Start Classify(string text)
    {
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return Start.Other;
            }

            if (text[i] == '{' || text[i] == '[')
            {
                return Start.Json;
            }

            if (text[i] != '<')
            {
                return Start.Other;
            }

            var rest = text.AsSpan(i);
            if (rest.StartsWith("<?"))
            {
                i = Skip(text, i, "?>");
            }
            else if (rest.StartsWith("<!--"))
            {
                i = Skip(text, i, "-->");
            }
            else if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                return TextAfter(rest, "<!DOCTYPE".Length).StartsWith("html", StringComparison.OrdinalIgnoreCase) ? Start.Html : Start.Doctype;
            }
            else
            {
                return rest.StartsWith("<html", StringComparison.OrdinalIgnoreCase) ? Start.Html : Start.Xml;
            }

            if (i < 0)
            {
                return Start.Other;
            }
        }
    }

    /// <summary>Replaces a bare <c>&amp;</c> with <c>&amp;amp;</c>, and HTML named entities XML does not know
    /// with character references, so <c>AT&amp;T</c> and <c>&amp;nbsp;</c> no longer break the document.</summary>
    public static string Repair(string text)
    {
        if (!text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }

        return EntityOrAmpersand().Replace(text, match =>
        {
            var name = match.Groups["name"];
            if (!name.Success)
            {
                return match.Value.Length == 1 ? "&amp;" : match.Value;
            }

            if (name.Value is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return match.Value;
            }

            var decoded = WebUtility.HtmlDecode(match.Value);
            if (decoded == match.Value)
            {
                return "&amp;" + match.Value[1..];
            }

            var references = new StringBuilder();
            foreach (var rune in decoded.EnumerateRunes())
            {
                references.Append(CultureInfo.InvariantCulture, $"&#{rune.Value};");
            }

            return references.ToString();
        });
    }

    /// <summary>The whole content of the element the reader is on, as text: text and CDATA as their values,
    /// child elements as markup (so HTML written unescaped inside a title survives as HTML). Leaves the
    /// reader after the element's end.</summary>
    public static string ReadContent(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        var content = new StringBuilder();
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    content.Append(reader.ReadOuterXml());
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    content.Append(reader.Value);
                    reader.Read();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        return content.ToString();
    }

    /// <summary>Calls <paramref name="onChild"/> for each child element of the element the reader is on;
    /// the callback must consume the child (read it or <see cref="XmlReader.Skip"/> it). Leaves the reader
    /// after the element's end.</summary>
    public static void ForEachChild(XmlReader reader, Action<XmlReader> onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                onChild(reader);
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    /// <summary><paramref name="parent"/> combined with the element's <c>xml:base</c>, when it has a usable one.</summary>
    public static Uri? Base(XmlReader reader, Uri? parent) => DeclaredBase(reader, parent) ?? parent;

    /// <summary>The element's own <c>xml:base</c> resolved against <paramref name="parent"/>; null when it declares none.</summary>
    public static Uri? DeclaredBase(XmlReader reader, Uri? parent)
    {
        var declared = reader.GetAttribute("base", XmlNamespace);
        return string.IsNullOrWhiteSpace(declared) ? null : Resolve(parent, declared);
    }

    /// <summary><paramref name="reference"/> as an absolute http(s) address, resolved against <paramref name="baseUri"/>.</summary>
    public static Uri? Resolve(Uri? baseUri, string? reference)
    {
        var trimmed = reference?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Data.Configurations.ArticleConfiguration.UrlMaxLength)
        {
            return null;
        }

        Uri? uri;
        if (HasScheme(trimmed))
        {
            uri = Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) ? absolute : null;
        }
        else
        {
            // Relative (also "/path" and "//host/path", which System.Uri on Unix would take for file paths).
            uri = baseUri is not null && Uri.TryCreate(baseUri, trimmed, out var combined) ? combined : null;
        }

        return uri is not null && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    private static bool HasScheme(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(reference[0]))
        {
            return false;
        }

        foreach (var c in reference.AsSpan(0, colon))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static int Skip(string text, int from, string end)
    {
        var at = text.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? -1 : at + end.Length;
    }

    private static ReadOnlySpan<char> TextAfter(ReadOnlySpan<char> text, int from) => text[Math.Min(from, text.Length)..].TrimStart();

    [GeneratedRegex(@"&(?:(?<name>[A-Za-z][A-Za-z0-9]{0,31});|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)?", RegexOptions.CultureInvariant)]
    private static partial Regex EntityOrAmpersand();
}

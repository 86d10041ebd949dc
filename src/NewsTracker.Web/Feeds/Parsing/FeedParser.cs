using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>
/// Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed from bytes or a stream, safely and tolerantly:
/// the encoding is settled from the bytes (<see cref="FeedEncoding"/>), characters XML forbids are dropped,
/// a DOCTYPE is refused before any parser sees it and the XML reader prohibits DTDs anyway, reading stops
/// at <c>maxItems</c> items and a stream is read only up to <c>maxBytes</c>. A document that is not well-formed
/// is repaired once (bare <c>&amp;</c>, HTML entities) and read again.
/// </summary>
public static class FeedParser
{
    /// <summary>More items than this in one feed is refused: no real feed needs it, and it bounds the work.</summary>
    public const int DefaultMaxItems = 5_000;

    /// <summary>Reads <paramref name="body"/>; <paramref name="feedUrl"/> resolves relative links.</summary>
    /// <exception cref="FeedParseException">When it is not a feed, or not one NewsTracker will read.</exception>
    public static ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentTypeCharset, Uri feedUrl, int maxItems = DefaultMaxItems)
    {
        var (text, _) = FeedEncoding.Decode(body, contentTypeCharset);
        return Parse(text, feedUrl, maxItems);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of <paramref name="stream"/>, then parses it.</summary>
    public static async Task<ParsedFeed> ParseAsync(Stream stream, string? contentTypeCharset, Uri feedUrl, long maxBytes, int maxItems, CancellationToken cancellationToken)
    {
        var (buffer, length) = await ReadLimitedAsync(stream, maxBytes, "feed", cancellationToken);
        return Parse(buffer.AsSpan(0, length), contentTypeCharset, feedUrl, maxItems);
    }

    /// <summary>Reads already decoded <paramref name="text"/>.</summary>
    public static ParsedFeed Parse(string text, Uri feedUrl, int maxItems = DefaultMaxItems)
    {
        // A byte order mark that survived decoding (a file saved with two) is not content.
        text = FeedText.RemoveControlCharacters(text).TrimStart('\uFEFF');
        switch (FeedXml.Classify(text))
        {
            case FeedXml.Start.Json:
                return JsonFeedReader.Read(Encoding.UTF8.GetBytes(text), feedUrl, maxItems);
            case FeedXml.Start.Html:
                throw new FeedParseException(FeedParseProblem.WebPage, "The address returns a web page, not a feed. Give the page's address to find the feeds it links to, or the feed's own address.");
            case FeedXml.Start.Doctype:
                throw DtdRefused(null);
            case FeedXml.Start.Other:
                throw new FeedParseException(FeedParseProblem.NotAFeed, "The address returns something that is not a feed (neither XML nor JSON). Check that it is the feed's own address.");
        }

        try
        {
            return ParseXml(text, feedUrl, maxItems);
        }
        catch (XmlException)
        {
            var repaired = FeedXml.Repair(text);
            try
            {
                return ParseXml(repaired, feedUrl, maxItems);
            }
            catch (XmlException e)
            {
                throw new FeedParseException(
                    FeedParseProblem.Malformed,
                    string.Create(CultureInfo.InvariantCulture, $"The feed is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}) and could not be repaired. Ask the publisher to fix it."),
                    e);
            }
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of a stream; more is refused, so memory stays bounded.</summary>
    internal static async Task<(byte[] Buffer, int Length)> ReadLimitedAsync(Stream stream, long maxBytes, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new FeedParseException(
                        FeedParseProblem.TooLarge,
                        string.Create(CultureInfo.InvariantCulture, $"The {what} is larger than {maxBytes / 1024.0 / 1024.0:0.#} MiB; NewsTracker stops reading there."));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer.GetBuffer(), (int)buffer.Length);
    }

    private static ParsedFeed ParseXml(string text, Uri feedUrl, int maxItems)
    {
        using var reader = FeedXml.CreateReader(text, Math.Max(1, text.Length));
        try
        {
            reader.MoveToContent();
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw DtdRefused(e);
        }

        return (reader.LocalName, reader.NamespaceURI) switch
        {
            ("rss", _) => RssFeedReader.Read(reader, FeedFormat.Rss, feedUrl, maxItems),
            ("RDF", RssFeedReader.RdfNamespace) => RssFeedReader.Read(reader, FeedFormat.Rdf, feedUrl, maxItems),
            ("feed", AtomFeedReader.AtomNamespace or AtomFeedReader.Atom03Namespace) => AtomFeedReader.Read(reader, feedUrl, maxItems),
            ("html", _) => throw new FeedParseException(FeedParseProblem.WebPage, "The address returns a web page, not a feed. Give the page's address to find the feeds it links to, or the feed's own address."),
            ("opml", _) => throw new FeedParseException(FeedParseProblem.NotAFeed, "This is an OPML list of feeds, not a feed. Import it on the Feeds page instead."),
            var (name, _) => throw new FeedParseException(FeedParseProblem.NotAFeed, $"The address returns an XML document of another kind (<{TextShort(name)}>), not RSS, Atom or JSON Feed."),
        };
    }

    private static FeedParseException DtdRefused(Exception? inner) => new(
        FeedParseProblem.DtdRefused,
        "The feed declares a DTD (<!DOCTYPE …>). NewsTracker refuses DTDs in feeds, because they can read local files or internal addresses and expand without limit; real feeds do not need one.",
        inner);

    private static string TextShort(string name) => name.Length > 40 ? name[..40] + "…" : name;
}

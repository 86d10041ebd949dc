using System.Globalization;
using System.Text.Json;

namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>Reads JSON Feed 1.0/1.1 with a forward-only <see cref="Utf8JsonReader"/>: the top-level fields
/// as they come, each item parsed on its own, so reading stops at the item limit however long the array is.</summary>
internal static class JsonFeedReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static ParsedFeed Read(ReadOnlySpan<byte> utf8, Uri feedUrl, int maxItems)
    {
        var feed = new FeedBuilder(FeedFormat.JsonFeed, feedUrl, maxItems);
        var reader = new Utf8JsonReader(utf8, Options);
        string? version = null;
        var sawItems = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotJsonFeed();
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "version":
                        version = Scalar(ref reader);
                        break;
                    case "title":
                        feed.Title = Scalar(ref reader);
                        break;
                    case "home_page_url":
                        feed.SiteLink = Scalar(ref reader);
                        break;
                    case "language":
                        feed.Language = Scalar(ref reader);
                        break;
                    case "items" when reader.TokenType == JsonTokenType.StartArray:
                        sawItems = true;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var item = feed.StartItem();
                            using var element = JsonDocument.ParseValue(ref reader);
                            if (element.RootElement.ValueKind == JsonValueKind.Object)
                            {
                                ReadItem(element.RootElement, item);
                            }
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new FeedParseException(
                FeedParseProblem.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"The feed is not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(". ")[0]}. Ask the publisher to fix it."),
                e);
        }

        if (!sawItems && version?.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw NotJsonFeed();
        }

        return feed.Build();
    }

    private static void ReadItem(JsonElement json, RawItem item)
    {
        item.Id = Field(json, "id");
        item.IdIsLink = true;
        item.Link = Field(json, "url") ?? Field(json, "external_url");
        item.Title = Field(json, "title");
        item.Published = Field(json, "date_published");
        item.Updated = Field(json, "date_modified");
        item.Summary = Field(json, "summary");
        item.SummaryIsText = true;
        if (Field(json, "content_html") is { } html)
        {
            item.Content = html;
        }
        else if (Field(json, "content_text") is { } text)
        {
            (item.Content, item.ContentIsText) = (text, true);
        }

        item.Author = json.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array && authors.GetArrayLength() > 0
            ? Field(authors[0], "name")
            : json.TryGetProperty("author", out var author) ? Field(author, "name") : null;
    }

    /// <summary>A string or number field (ids are often numbers although the spec says strings).</summary>
    private static string? Field(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string? Scalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    private static FeedParseException NotJsonFeed() => new(
        FeedParseProblem.NotAFeed,
        "The address returns JSON, but not a JSON Feed (it has no \"items\"). Check that it is the feed's own address.");
}

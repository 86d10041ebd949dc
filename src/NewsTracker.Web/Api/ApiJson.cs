using System.Text.Json;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Api;

/// <summary>Reads a JSON request body by hand, so malformed JSON and wrong types get a message a person can act
/// on (which line, which field) instead of a bare 400.</summary>
public static class ApiJson
{
    /// <summary>Nesting deeper than this is refused: no annotation needs more than a handful of levels.</summary>
    private const int MaxDepth = 32;

    /// <summary>The body as JSON; a 400 (field "body") when it is not JSON. Callers check the content type first.</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = MaxDepth }, cancellationToken);
            if (FindBrokenText(document.RootElement, "$") is { } path)
            {
                // A \uD800–\uDFFF escape without its other half is valid JSON but no text: it cannot be read as a string.
                throw new ValidationFailedException("body", $"The text at {path} contains half of an emoji or other character that takes two code units (an unpaired \\u escape). Send whole characters.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new ValidationFailedException("body", $"The body is not valid JSON{where}. Check the quotes, commas and brackets there.");
        }
    }

    /// <summary>Where (as a JSON path) a string or property name holds an unpaired surrogate escape, or null.</summary>
    private static string? FindBrokenText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(element) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindBrokenText(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }

                    if (FindBrokenText(property.Value, $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }

        static bool Readable(JsonElement value)
        {
            try
            {
                _ = value.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>Whether the request says it is JSON (<c>application/json</c>, <c>application/ld+json</c> or another +json type).</summary>
    public static bool IsJson(HttpRequest request) => request.HasJsonContentType();

    /// <summary>The 415 for a body that is not JSON.</summary>
    public static IResult UnsupportedMediaType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type.",
        detail: "Send JSON with 'Content-Type: application/ld+json' (or 'application/json').");
}

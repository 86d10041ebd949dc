using System.Text;
using System.Text.Json.Nodes;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Api;

/// <summary>A JSON-LD document as the response, with the W3C Web Annotation media type unless told otherwise, and
/// optionally a Location and an ETag.</summary>
public sealed class JsonLdResult(JsonNode document, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => statusCode;

    public string? ContentType { get; init; } = WebAnnotationJsonLd.ContentType;

    public string? Location { get; init; }

    /// <summary>The entity tag, quoted as HTTP wants it.</summary>
    public string? ETag { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        await response.WriteAsync(WebAnnotationJsonLd.Serialize(document), Encoding.UTF8, httpContext.RequestAborted);
    }
}

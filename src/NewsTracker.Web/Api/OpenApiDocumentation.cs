using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace NewsTracker.Web.Api;

/// <summary>
/// What client generators need from <c>/openapi/v1.json</c> beyond what the endpoints declare: the bearer scheme,
/// required on operations that need a token and optional on those where a token shows more
/// (<see cref="OptionalBearer"/>); schemas for the JSON-LD and CSV answers, which are written by hand and so have
/// no .NET type; and nullable properties left out of <c>required</c>, so a generated client accepts a missing field.
/// </summary>
public static class OpenApiDocumentation
{
    public const string BearerScheme = "Bearer";

    /// <summary>Endpoint metadata: anyone may call, a token (or the sign-in cookie) shows staff more.</summary>
    public static readonly object OptionalBearer = new OptionalBearerMarker();

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "nt_ token",
                Description = "An API token ('nt_…') made on the account page or with 'tokens create'.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (needsToken || metadata.Contains(OptionalBearer))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                if (!needsToken)
                {
                    // An empty requirement: calling without credentials is allowed too.
                    operation.Security.Add(new OpenApiSecurityRequirement());
                }
            }

            // Answers declared with only a content type (written by hand, no .NET type) get no content at all from the
            // generator; these two kinds get their schema here.
            foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
            {
                foreach (var contentType in produces.ContentTypes)
                {
                    var schema = contentType.StartsWith("application/ld+json", StringComparison.OrdinalIgnoreCase) ? JsonLdSchema()
                        : contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ? CsvSchema()
                        : null;
                    if (schema is not null && operation.Responses?.TryGetValue(produces.StatusCode.ToString(CultureInfo.InvariantCulture), out var response) == true
                        && response is OpenApiResponse writable)
                    {
                        writable.Content ??= new Dictionary<string, OpenApiMediaType>();
                        writable.Content[contentType] = new OpenApiMediaType { Schema = schema };
                    }
                }
            }

            return Task.CompletedTask;
        });
        // Properties of a referenced type become "oneOf: [null, $ref]" only when the document is assembled, so the
        // required lists are pruned over the finished components rather than per schema.
        options.AddDocumentTransformer((document, _, _) =>
        {
            foreach (var schema in document.Components?.Schemas?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            {
                if (schema is OpenApiSchema { Required.Count: > 0, Properties: { } properties } writable)
                {
                    foreach (var name in writable.Required.Where(name => properties.TryGetValue(name, out var property) && IsNullable(property)).ToList())
                    {
                        writable.Required.Remove(name);
                    }
                }
            }

            return Task.CompletedTask;
        });
    }

    private static OpenApiSchema CsvSchema() =>
        new() { Type = JsonSchemaType.String, Description = "RFC 4180 CSV, UTF-8 with a byte order mark (?bom=false leaves it out), a header row first." };

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s.Type == JsonSchemaType.Null);

    private static OpenApiSchema JsonLdSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A JSON-LD document: '@context' names the vocabulary (schema.org for ClaimReview, the W3C Web Annotation context for annotations).",
        Required = new HashSet<string> { "@context" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["@context"] = new OpenApiSchema { Description = "The JSON-LD context: an address, or a list of addresses and term definitions." },
            ["@type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "schema.org type, e.g. ClaimReview." },
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
            ["type"] = new OpenApiSchema { Description = "Web Annotation type, e.g. Annotation or AnnotationCollection." },
        },
        AdditionalPropertiesAllowed = true,
    };

    private sealed class OptionalBearerMarker;
}

using System.Text.Json;

namespace NewsTracker.IntegrationTests.Api;

/// <summary>What client generators read from <c>/openapi/v1.json</c>: the bearer scheme where it applies, schemas for
/// the hand-written JSON-LD and CSV answers, and no nullable property marked required.</summary>
public sealed class OpenApiDocumentationTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var text = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        await File.WriteAllTextAsync("/tmp/openapi-dump.json", text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static List<string> SchemesRequired(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().Select(r => string.Join('+', r.EnumerateObject().Select(p => p.Name))).ToList()
            : [];

    [Fact]
    public async Task The_bearer_scheme_is_declared_required_for_writes_optional_for_staff_reads_and_absent_elsewhere()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal(["Bearer"], SchemesRequired(Operation(document, "/api/v1/articles", "post")));
        Assert.Equal(["Bearer", ""], SchemesRequired(Operation(document, "/api/v1/claims", "get")));
        Assert.Empty(SchemesRequired(Operation(document, "/api/v1/search", "get")));
    }

    [Fact]
    public async Task JSON_LD_and_CSV_answers_have_schemas()
    {
        var document = await DocumentAsync();

        var claimReview = Operation(document, "/api/v1/claims/{id}.jsonld", "get").GetProperty("responses").GetProperty("200").GetProperty("content");
        var jsonLd = Assert.Single(claimReview.EnumerateObject(), c => c.Name.StartsWith("application/ld+json", StringComparison.Ordinal)).Value.GetProperty("schema");
        Assert.Equal("object", jsonLd.GetProperty("type").GetString());
        Assert.Contains("@context", jsonLd.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var annotations = Operation(document, "/api/v1/articles/{id}/annotations", "get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.All(annotations.EnumerateObject(), c => Assert.Equal("object", c.Value.GetProperty("schema").GetProperty("type").GetString()));
        var csv = Operation(document, "/api/v1/claims.csv", "get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/csv");
        Assert.Equal("string", csv.GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task No_nullable_property_is_marked_required()
    {
        var document = await DocumentAsync();
        var nullableSeen = 0;

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            var required = schema.Value.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet() : [];
            foreach (var property in properties.EnumerateObject().Where(p => IsNullable(p.Value)))
            {
                nullableSeen++;
                Assert.False(required.Contains(property.Name), $"{schema.Name}.{property.Name} is nullable but required.");
            }
        }

        Assert.True(nullableSeen > 0);
    }

    private static bool IsNullable(JsonElement schema) =>
        (schema.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => t.GetString() == "null") : type.GetString() == "null"))
        || (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Any(IsNullable))
        || (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.EnumerateArray().Any(IsNullable));
}

using System.Text.Json.Nodes;

namespace NewsTracker.Tests.Api;

/// <summary>
/// A small JSON-LD 1.1 expansion (https://www.w3.org/TR/json-ld11-api/#expansion-algorithm) for the tests, because
/// no JSON-LD processor package restores on this machine. It covers what annotation documents use: remote
/// contexts from a local map (no network), prefixes and compact IRIs, term definitions with <c>@id</c>,
/// <c>@type</c> (<c>@id</c>, <c>@vocab</c> or a datatype) and <c>@container: @list</c>, and keyword aliases
/// (<c>id</c>, <c>type</c>). A key that does not expand to an IRI is recorded in <see cref="Dropped"/> instead of
/// being dropped silently, which is the mistake a real processor would hide. Not a general processor: no
/// <c>@vocab</c>, <c>@base</c>, scoped contexts, language maps or <c>@graph</c>.
/// </summary>
internal sealed class JsonLdExpander(IReadOnlyDictionary<string, JsonNode> remoteContexts)
{
    /// <summary>Keys (with where they were) that a processor would have thrown away.</summary>
    public List<string> Dropped { get; } = [];

    public static JsonLdExpander WithW3CAnnotationContext() => new(new Dictionary<string, JsonNode>(StringComparer.Ordinal)
    {
        ["http://www.w3.org/ns/anno.jsonld"] = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "JsonLd", "anno.jsonld")))!,
    });

    /// <summary>The expanded form: an array of node objects whose keys are absolute IRIs or keywords.</summary>
    public JsonArray Expand(JsonNode document)
    {
        var expanded = ExpandElement(document, null, new ActiveContext(new Dictionary<string, JsonNode?>(StringComparer.Ordinal)), "$");
        return expanded as JsonArray ?? (expanded is null ? [] : new JsonArray(expanded));
    }

    private JsonNode? ExpandElement(JsonNode? element, string? activeProperty, ActiveContext context, string path)
    {
        switch (element)
        {
            case null:
                return null;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var expanded = ExpandElement(array[i], activeProperty, context, $"{path}[{i}]");
                    if (expanded is JsonArray nested)
                    {
                        foreach (var item in nested.ToList())
                        {
                            nested.Remove(item);
                            items.Add(item);
                        }
                    }
                    else if (expanded is not null)
                    {
                        items.Add(expanded);
                    }
                }

                return items;
            case JsonValue value:
                return ExpandValue(value, activeProperty is null ? null : context.Term(activeProperty));
            default:
                return ExpandObject((JsonObject)element, context, path);
        }
    }

    private JsonObject ExpandObject(JsonObject node, ActiveContext context, string path)
    {
        if (node["@context"] is { } local)
        {
            context = context.With(local, remoteContexts);
        }

        var result = new JsonObject();
        foreach (var (key, value) in node)
        {
            if (key == "@context")
            {
                continue;
            }

            var iri = context.ExpandIri(key, vocab: true);
            if (iri is null || (!iri.StartsWith('@') && !IsAbsolute(iri)))
            {
                Dropped.Add($"{path}.{key}");
                continue;
            }

            switch (iri)
            {
                case "@id":
                    result["@id"] = context.ExpandIri(value!.GetValue<string>(), vocab: false);
                    break;
                case "@type":
                    var types = new JsonArray();
                    foreach (var type in value is JsonArray many ? many.Select(t => t!.GetValue<string>()) : [value!.GetValue<string>()])
                    {
                        var expandedType = context.ExpandIri(type, vocab: true);
                        if (expandedType is null || !IsAbsolute(expandedType))
                        {
                            Dropped.Add($"{path}.{key}={type}");
                        }
                        else
                        {
                            types.Add(expandedType);
                        }
                    }

                    result["@type"] = types;
                    break;
                default:
                    var expanded = ExpandElement(value, key, context, $"{path}.{key}");
                    if (expanded is null)
                    {
                        break;
                    }

                    var values = expanded as JsonArray ?? new JsonArray(expanded);
                    result[iri] = context.Term(key)?.Container == "@list" ? new JsonArray(new JsonObject { ["@list"] = values }) : values;
                    break;
            }
        }

        return result;
    }

    private static JsonObject ExpandValue(JsonValue value, Term? term)
    {
        if (term?.Type is "@id" or "@vocab" && value.TryGetValue<string>(out var reference))
        {
            return new JsonObject { ["@id"] = term.TypeContext!.ExpandIri(reference, vocab: term.Type == "@vocab") ?? reference };
        }

        var literal = new JsonObject { ["@value"] = value.DeepClone() };
        if (term?.Type is { } datatype && datatype is not ("@id" or "@vocab"))
        {
            literal["@type"] = datatype;
        }

        return literal;
    }

    private static bool IsAbsolute(string iri) => Uri.TryCreate(iri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private sealed record Term(string? Id, string? Type, string? Container, ActiveContext? TypeContext);

    /// <summary>Term definitions as written; each is resolved when used, so a definition may use a prefix defined
    /// after it in the same context.</summary>
    private sealed class ActiveContext(Dictionary<string, JsonNode?> definitions)
    {
        public ActiveContext With(JsonNode local, IReadOnlyDictionary<string, JsonNode> remote)
        {
            var merged = new Dictionary<string, JsonNode?>(definitions, StringComparer.Ordinal);
            foreach (var item in local is JsonArray list ? list.ToList() : [local])
            {
                var definition = item switch
                {
                    JsonValue reference when reference.TryGetValue<string>(out var url) =>
                        remote.TryGetValue(url, out var document)
                            ? document["@context"]!.AsObject()
                            : throw new InvalidOperationException($"The context {url} is not available offline."),
                    JsonObject inline => inline,
                    _ => throw new InvalidOperationException("A context is an address, an object or a list of them."),
                };
                foreach (var (key, value) in definition)
                {
                    merged[key] = value;
                }
            }

            return new ActiveContext(merged);
        }

        public Term? Term(string key)
        {
            if (!definitions.TryGetValue(key, out var definition) || definition is null)
            {
                return null;
            }

            if (definition is JsonValue simple)
            {
                return new Term(ExpandIri(simple.GetValue<string>(), vocab: true, exclude: key), null, null, this);
            }

            var id = definition["@id"]?.GetValue<string>();
            var type = definition["@type"]?.GetValue<string>();
            return new Term(
                id is null ? null : ExpandIri(id, vocab: true, exclude: key),
                type is null or "@id" or "@vocab" ? type : ExpandIri(type, vocab: true),
                definition["@container"]?.GetValue<string>(),
                this);
        }

        public string? ExpandIri(string value, bool vocab, string? exclude = null)
        {
            if (value.StartsWith('@'))
            {
                return value;
            }

            if (vocab && value != exclude && Term(value) is { Id: { } id })
            {
                return id;
            }

            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var prefix = value[..colon];
                var suffix = value[(colon + 1)..];
                if (suffix.StartsWith("//", StringComparison.Ordinal))
                {
                    return value;
                }

                if (prefix != exclude && Term(prefix) is { Id: { } prefixIri })
                {
                    return prefixIri + suffix;
                }

                return value;
            }

            // A relative reference: resolved against the document's address by a real processor; left as is here,
            // which IsAbsolute then reports.
            return vocab ? null : value;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Tags as W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/), both ways. Out: an annotation
/// per tag with motivation <c>tagging</c> (actors, sources) or <c>assessing</c> (claims), bodies naming the actor,
/// source or claim (an identifying <c>SpecificResource</c>, the kind as a tagging <c>TextualBody</c>, the name as
/// a describing one), and a target of the article version's address with a TextQuoteSelector and a
/// TextPositionSelector; NewsTracker's own facts under the <c>nt:</c> prefix. In: the same format, from another
/// NewsTracker or from other annotation tools, read into <see cref="ImportAnnotations.Item"/>s without trusting
/// any field's type.
/// </summary>
public static class WebAnnotationJsonLd
{
    /// <summary>The W3C Web Annotation context every document starts with.</summary>
    public const string Context = "http://www.w3.org/ns/anno.jsonld";

    /// <summary>The namespace of NewsTracker's own terms (kind, status, ids), the <c>nt:</c> prefix.</summary>
    public const string Namespace = "https://newstracker.example/ns#";

    /// <summary>The media type the W3C Web Annotation Protocol asks for.</summary>
    public const string ContentType = "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";

    /// <summary>The most annotations one import may carry (an article with every name tagged has a few hundred).</summary>
    public const int MaxImportItems = 500;

    /// <summary>User text stays readable (no \u escapes for accents), while &lt; &gt; &amp; and quotes are still
    /// escaped, so a document pasted into a page cannot close a script element.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>One tag as the mapping needs it. <paramref name="TargetId"/> and <paramref name="TargetLabel"/> are the
    /// actor (name), source (description) or claim (statement) it points at; <paramref name="CreatorName"/> is the
    /// account's user name, null for the system.</summary>
    public sealed record Row(
        int Id,
        int ArticleId,
        int Version,
        AnnotationKind Kind,
        int Start,
        int End,
        string Exact,
        string Prefix,
        string Suffix,
        AnnotationStatus Status,
        bool IsOrphaned,
        string? OrphanReason,
        string? Note,
        DateTime CreatedUtc,
        DateTime UpdatedUtc,
        string? CreatorName,
        Guid Stamp,
        int TargetId,
        string TargetLabel,
        ActorKind? ActorKind,
        SourceKind? SourceKind);

    /// <summary>What <see cref="Read"/> made of a posted document: the items, whether they came as a list, and what
    /// was wrong with the document as a whole (then there are no items).</summary>
    public sealed record ReadResult(IReadOnlyList<ImportAnnotations.Item> Items, bool IsList, IReadOnlyList<ImportAnnotations.Problem> Problems);

    /// <summary>The two contexts: W3C's, then the <c>nt:</c> prefix.</summary>
    public static JsonArray ContextNode() => new(Context, new JsonObject { ["nt"] = Namespace });

    /// <summary>The word for a tag's kind in bodies and <c>nt:kind</c>: actor, source or claim.</summary>
    public static string KindWord(AnnotationKind kind) => kind switch
    {
        AnnotationKind.ActorMention => "actor",
        AnnotationKind.Source => "source",
        _ => "claim",
    };

    /// <summary>An enum value as a lower-case, hyphenated word: GovernmentBody → government-body.</summary>
    public static string Word<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>Reads an enum from its word (<see cref="Word{T}"/>) or name, ignoring case; never from a number.</summary>
    public static bool TryParseWord<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var compact = string.Concat(text.Where(c => c is not ('-' or '_' or ' ')));
        if (typeof(T) == typeof(ActorKind) && string.Equals(compact, "organization", StringComparison.OrdinalIgnoreCase))
        {
            compact = nameof(ActorKind.Organisation);
        }

        return compact.Length > 0 && compact.All(char.IsAsciiLetter) && Enum.TryParse(compact, ignoreCase: true, out value);
    }

    /// <summary>A text cut to 80 characters for a message, never between the halves of a character.</summary>
    public static string Shorten(string text)
    {
        if (text.Length <= 80)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[78]) ? 78 : 79;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(JsonOptions);

    /// <summary>One tag as an annotation. Staff see its status, stamp, orphan state, note and who made it; others see
    /// the newsroom as its creator.</summary>
    public static JsonObject Annotation(Row row, WebAnnotationLinks links, bool staff, bool withContext = false)
    {
        var node = new JsonObject();
        if (withContext)
        {
            node["@context"] = ContextNode();
        }

        node["id"] = links.Annotation(row.Id);
        node["type"] = "Annotation";
        node["motivation"] = row.Kind == AnnotationKind.Claim ? "assessing" : "tagging";
        node["created"] = Timestamp(row.CreatedUtc);
        node["modified"] = Timestamp(row.UpdatedUtc);
        node["creator"] = Creator(row, staff);
        node["nt:kind"] = KindWord(row.Kind);
        node[row.Kind switch
        {
            AnnotationKind.ActorMention => "nt:actorId",
            AnnotationKind.Source => "nt:sourceId",
            _ => "nt:claimId",
        }] = row.TargetId;
        if (staff)
        {
            node["nt:status"] = Word(row.Status);
            node["nt:stamp"] = row.Stamp.ToString("D", CultureInfo.InvariantCulture);
            if (row.IsOrphaned)
            {
                node["nt:orphaned"] = true;
                if (row.OrphanReason is not null)
                {
                    node["nt:orphanReason"] = row.OrphanReason;
                }
            }
        }

        var identifying = new JsonObject
        {
            ["type"] = "SpecificResource",
            ["source"] = links.Target(row.Kind, row.TargetId),
            ["purpose"] = "identifying",
        };
        if (row.ActorKind is { } actorKind)
        {
            identifying["nt:actorKind"] = Word(actorKind);
        }

        if (row.SourceKind is { } sourceKind)
        {
            identifying["nt:sourceKind"] = Word(sourceKind);
        }

        var body = new JsonArray(
            identifying,
            TextualBody(KindWord(row.Kind), "tagging"),
            TextualBody(row.TargetLabel, "describing"));
        if (staff && row.Note is { Length: > 0 } note)
        {
            body.Add(TextualBody(note, "commenting"));
        }

        node["body"] = body;
        var anchor = new TextAnchor(row.Start, row.End, row.Exact, row.Prefix, row.Suffix);
        node["target"] = new JsonObject
        {
            ["source"] = links.ArticleVersion(row.ArticleId, row.Version),
            ["selector"] = new JsonArray(
                JsonSerializer.SerializeToNode(WebAnnotationSelectors.ToQuoteSelector(anchor)),
                JsonSerializer.SerializeToNode(WebAnnotationSelectors.ToPositionSelector(anchor))),
        };
        return node;
    }

    /// <summary>An article's annotations as a W3C AnnotationCollection with its first page embedded.</summary>
    public static JsonObject Collection(int articleId, string title, int total, int pageSize, IReadOnlyList<Row> firstPage, WebAnnotationLinks links, bool staff)
    {
        var lastPage = LastPage(total, pageSize);
        var node = new JsonObject
        {
            ["@context"] = ContextNode(),
            ["id"] = links.ArticleAnnotations(articleId),
            ["type"] = "AnnotationCollection",
            ["label"] = $"Tags on “{title}”",
            ["total"] = total,
            ["first"] = PageNode(articleId, 0, lastPage, pageSize, firstPage, links, staff),
        };
        if (lastPage > 0)
        {
            node["last"] = links.ArticleAnnotationsPage(articleId, lastPage);
        }

        return node;
    }

    /// <summary>One page (0-based) of an article's annotations, saying which collection it is part of.</summary>
    public static JsonObject Page(int articleId, int page, int total, int pageSize, IReadOnlyList<Row> rows, WebAnnotationLinks links, bool staff)
    {
        var node = PageNode(articleId, page, LastPage(total, pageSize), pageSize, rows, links, staff);
        var withContext = new JsonObject { ["@context"] = ContextNode() };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            withContext[key] = value;
        }

        withContext["partOf"] = new JsonObject
        {
            ["id"] = links.ArticleAnnotations(articleId),
            ["type"] = "AnnotationCollection",
            ["total"] = total,
        };
        return withContext;
    }

    /// <summary>What an import created: a collection (with no address of its own) of the new annotations.</summary>
    public static JsonObject Created(IReadOnlyList<Row> rows, WebAnnotationLinks links, bool staff) => new()
    {
        ["@context"] = ContextNode(),
        ["type"] = "AnnotationCollection",
        ["label"] = "Annotations created by this import",
        ["total"] = rows.Count,
        ["first"] = new JsonObject
        {
            ["type"] = "AnnotationPage",
            ["startIndex"] = 0,
            ["items"] = new JsonArray(rows.Select(r => (JsonNode)Annotation(r, links, staff)).ToArray()),
        },
    };

    /// <summary>The last page number (0-based) of a collection.</summary>
    public static int LastPage(int total, int pageSize) => total == 0 ? 0 : (total - 1) / pageSize;

    private static JsonObject PageNode(int articleId, int page, int lastPage, int pageSize, IReadOnlyList<Row> rows, WebAnnotationLinks links, bool staff)
    {
        var node = new JsonObject
        {
            ["id"] = links.ArticleAnnotationsPage(articleId, page),
            ["type"] = "AnnotationPage",
            ["startIndex"] = page * pageSize,
        };
        if (page < lastPage)
        {
            node["next"] = links.ArticleAnnotationsPage(articleId, page + 1);
        }

        if (page > 0)
        {
            node["prev"] = links.ArticleAnnotationsPage(articleId, page - 1);
        }

        node["items"] = new JsonArray(rows.Select(r => (JsonNode)Annotation(r, links, staff)).ToArray());
        return node;
    }

    private static JsonObject TextualBody(string value, string purpose) => new()
    {
        ["type"] = "TextualBody",
        ["value"] = value,
        ["format"] = "text/plain",
        ["purpose"] = purpose,
    };

    /// <summary>Staff see the account (its user name without the mail domain); the public sees the newsroom, so no
    /// address is published.</summary>
    private static JsonObject Creator(Row row, bool staff) => row.CreatorName switch
    {
        null => new JsonObject { ["type"] = "Software", ["name"] = "NewsTracker" },
        { } name when staff => new JsonObject { ["type"] = "Person", ["name"] = name.Split('@')[0] },
        _ => new JsonObject { ["type"] = "Organization", ["name"] = "NewsTracker" },
    };

    private static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a posted document: one Annotation, an AnnotationCollection with its first page embedded, an
    /// AnnotationPage, or a JSON array of annotations. Selectors and bodies are read as W3C describes them; bodies
    /// naming one of our actors, sources or claims by address (see <see cref="WebAnnotationLinks.Recognize"/>) point
    /// at it, other bodies carry a name to find or create. Nothing here touches the database.
    /// </summary>
    public static ReadResult Read(JsonElement root, WebAnnotationLinks links)
    {
        const string Expected = "Send one Annotation, an AnnotationCollection with its first page embedded, an AnnotationPage, or a JSON array of annotations.";
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                return ReadItems(root, links, "items");
            case JsonValueKind.Object:
                var problems = new List<ImportAnnotations.Problem>();
                var types = Strings(root, "type", "type", problems);
                if (types.Contains("AnnotationCollection"))
                {
                    if (!TryGet(root, "first", out var first) || first.ValueKind != JsonValueKind.Object)
                    {
                        return Fail("first", "The AnnotationCollection must embed its first page (\"first\": {\"type\": \"AnnotationPage\", \"items\": […]}); links to pages are not followed.");
                    }

                    if (TryGet(first, "next", out var next) && next.ValueKind != JsonValueKind.Null)
                    {
                        return Fail("first.next", "The collection has more than one page. Post the annotations of every page as one JSON array, or one page at a time.");
                    }

                    return TryGet(first, "items", out var firstItems)
                        ? ReadItems(firstItems, links, "first.items")
                        : Fail("first.items", "The collection's first page has no \"items\".");
                }

                if (types.Contains("AnnotationPage"))
                {
                    return TryGet(root, "items", out var items) ? ReadItems(items, links, "items") : Fail("items", "The AnnotationPage has no \"items\".");
                }

                if (problems.Count > 0 || (types.Count > 0 && !types.Contains("Annotation")) || (types.Count == 0 && !TryGet(root, "target", out _)))
                {
                    return Fail("type", (types.Count > 0 ? $"A document of type “{string.Join(", ", types)}” cannot be imported. " : string.Empty) + Expected);
                }

                return new ReadResult([ReadItem(root, links)], IsList: false, []);
            default:
                return Fail("body", Expected);
        }

        static ReadResult Fail(string field, string message) => new([], IsList: false, [new(field, message)]);
    }

    private static ReadResult ReadItems(JsonElement items, WebAnnotationLinks links, string field)
    {
        if (items.ValueKind != JsonValueKind.Array)
        {
            return new ReadResult([], true, [new(field, $"\"{field}\" must be a JSON array of annotations.")]);
        }

        var count = items.GetArrayLength();
        if (count == 0)
        {
            return new ReadResult([], true, [new(field, "There is nothing to import: the list of annotations is empty.")]);
        }

        if (count > MaxImportItems)
        {
            return new ReadResult([], true, [new(field, $"One import can carry at most {MaxImportItems} annotations; this one has {count}. Split it into several.")]);
        }

        return new ReadResult(items.EnumerateArray().Select(i => ReadItem(i, links)).ToList(), IsList: true, []);
    }

    private static ImportAnnotations.Item ReadItem(JsonElement element, WebAnnotationLinks links)
    {
        var problems = new List<ImportAnnotations.Problem>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("annotation", $"Each annotation must be a JSON object, not {Describe(element)}."));
            return new ImportAnnotations.Item(null, null, null, null, null, null, null, null, null, problems);
        }

        var types = Strings(element, "type", "type", problems);
        if (types.Count > 0 && !types.Contains("Annotation"))
        {
            problems.Add(new("type", $"“{string.Join(", ", types)}” is not an Annotation."));
        }

        var motivations = Strings(element, "motivation", "motivation", problems);
        var (quote, position) = ReadTarget(element, problems);
        var body = ReadBody(element, links, problems);

        // What the tag marks: said outright (nt:kind), as a tag word, by the address it points at, or by motivation.
        var kinds = new List<AnnotationKind>();
        if (OptionalString(element, "nt:kind", "nt:kind", problems) is { } kindWord)
        {
            if (TryParseKind(kindWord, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                problems.Add(new("nt:kind", $"“{Shorten(kindWord)}” is not a kind of tag; use \"actor\", \"source\" or \"claim\"."));
            }
        }

        kinds.AddRange(body.TagKinds);
        if (body.Reference is { } reference)
        {
            kinds.Add(reference.Kind);
        }

        var distinct = kinds.Distinct().ToList();
        if (distinct.Count > 1)
        {
            problems.Add(new("body", $"The annotation says it marks {string.Join(" and ", distinct.Select(k => (k == AnnotationKind.ActorMention ? "an " : "a ") + KindWord(k)))}; it can mark only one."));
        }

        AnnotationKind? resolved = distinct.Count == 1 ? distinct[0] : null;
        if (resolved is null && distinct.Count == 0 && motivations.Contains("assessing"))
        {
            resolved = AnnotationKind.Claim;
        }

        var actorKind = ReadWord<ActorKind>(element, "nt:actorKind", problems) ?? body.ActorKind;
        var sourceKind = ReadWord<SourceKind>(element, "nt:sourceKind", problems) ?? body.SourceKind;
        return new ImportAnnotations.Item(quote, position, resolved, body.Reference, body.ForeignAddress, body.Label, actorKind, sourceKind,
            body.Notes.Count == 0 ? null : string.Join("\n\n", body.Notes), problems);
    }

    private static (TextQuoteSelector? Quote, TextPositionSelector? Position) ReadTarget(JsonElement annotation, List<ImportAnnotations.Problem> problems)
    {
        const string Field = "target";
        if (!TryGet(annotation, "target", out var target) || target.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new(Field, "Say which text the annotation is on: a \"target\" with a TextQuoteSelector (and a TextPositionSelector)."));
            return (null, null);
        }

        var candidates = target.ValueKind switch
        {
            JsonValueKind.Object => [target],
            JsonValueKind.Array => target.EnumerateArray().ToList(),
            _ => [],
        };
        var withSelector = candidates.Where(c => c.ValueKind == JsonValueKind.Object && TryGet(c, "selector", out _)).ToList();
        if (withSelector.Count != 1)
        {
            problems.Add(new(Field, withSelector.Count == 0
                ? "The target names no text: give it a \"selector\" with a TextQuoteSelector (exact, prefix, suffix) and/or a TextPositionSelector (start, end). An address alone is not enough."
                : $"The annotation has {withSelector.Count} targets with selectors; NewsTracker tags one span per annotation."));
            return (null, null);
        }

        TryGet(withSelector[0], "selector", out var selector);
        var selectors = selector.ValueKind switch
        {
            JsonValueKind.Object => [selector],
            JsonValueKind.Array => selector.EnumerateArray().ToList(),
            _ => [],
        };
        TextQuoteSelector? quote = null;
        TextPositionSelector? position = null;
        var before = problems.Count;
        foreach (var item in selectors.Where(s => s.ValueKind == JsonValueKind.Object))
        {
            var type = Strings(item, "type", Field, problems);
            if (type.Contains(TextQuoteSelector.TypeName) && quote is null)
            {
                var exact = OptionalString(item, "exact", Field, problems);
                if (exact is null)
                {
                    problems.Add(new(Field, "The TextQuoteSelector has no \"exact\": send the quoted words."));
                }

                var prefix = OptionalString(item, "prefix", Field, problems);
                var suffix = OptionalString(item, "suffix", Field, problems);
                quote = exact is null ? null : new TextQuoteSelector(exact, prefix, suffix);
            }
            else if (type.Contains(TextPositionSelector.TypeName) && position is null)
            {
                var start = Integer(item, "start", problems);
                var end = Integer(item, "end", problems);
                position = start is { } s && end is { } e ? new TextPositionSelector(s, e) : null;
                if (position is null && problems.Count == before)
                {
                    problems.Add(new(Field, "The TextPositionSelector needs \"start\" and \"end\"."));
                }
            }
        }

        if (quote is null && position is null && problems.Count == before)
        {
            problems.Add(new(Field, "None of the target's selectors is one NewsTracker reads: send a TextQuoteSelector (exact, prefix, suffix) and/or a TextPositionSelector (start, end)."));
        }

        return (quote, position);
    }

    private sealed record Body(
        List<AnnotationKind> TagKinds,
        ImportAnnotations.Reference? Reference,
        string? ForeignAddress,
        string? Label,
        List<string> Notes,
        ActorKind? ActorKind,
        SourceKind? SourceKind);

    private static Body ReadBody(JsonElement annotation, WebAnnotationLinks links, List<ImportAnnotations.Problem> problems)
    {
        const string Field = "body";
        var tagKinds = new List<AnnotationKind>();
        var notes = new List<string>();
        ImportAnnotations.Reference? reference = null;
        string? foreign = null;
        string? label = null;
        ActorKind? actorKind = null;
        SourceKind? sourceKind = null;
        var addresses = 0;

        void Address(string address)
        {
            if (++addresses > 1)
            {
                problems.Add(new(Field, "The annotation names more than one actor, source or claim; a tag points at one."));
                return;
            }

            switch (links.Recognize(address))
            {
                case WebAnnotationLinks.Recognized.Own own:
                    reference = new ImportAnnotations.Reference(own.Kind, own.Id, address);
                    break;
                case WebAnnotationLinks.Recognized.Foreign:
                    foreign = address;
                    break;
                default:
                    problems.Add(new(Field, $"{Shorten(address)} is on this NewsTracker but is not an actor, source or claim (…/actors/{{id}}, …/sources/{{id}} or …/claims/{{id}})."));
                    break;
            }
        }

        if (OptionalString(annotation, "bodyValue", Field, problems) is { } bodyValue)
        {
            notes.Add(bodyValue);
        }

        var bodies = new List<JsonElement>();
        if (TryGet(annotation, "body", out var body))
        {
            switch (body.ValueKind)
            {
                case JsonValueKind.Array:
                    bodies.AddRange(body.EnumerateArray());
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    bodies.Add(body);
                    break;
            }
        }

        foreach (var item in bodies)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                Address(item.GetString()!);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(Field, $"Each body must be an object or an address, not {Describe(item)}."));
                continue;
            }

            var types = Strings(item, "type", Field, problems);
            var purposes = Strings(item, "purpose", Field, problems);
            if (types.Contains("TextualBody") || (types.Count == 0 && TryGet(item, "value", out _)))
            {
                var value = OptionalString(item, "value", Field, problems);
                if (value is null)
                {
                    problems.Add(new(Field, "A TextualBody needs its text in \"value\"."));
                }
                else if (purposes.Contains("tagging"))
                {
                    // Tags other tools use ("politics", "todo") are not kinds; they are left out.
                    if (TryParseKind(value, out var kind))
                    {
                        tagKinds.Add(kind);
                    }
                }
                else if (purposes.Contains("describing") || purposes.Contains("identifying"))
                {
                    label ??= value;
                }
                else
                {
                    notes.Add(value);
                }
            }
            else if (types.Contains("SpecificResource") || (types.Count == 0 && TryGet(item, "source", out _)))
            {
                TryGet(item, "source", out var source);
                var address = source.ValueKind switch
                {
                    JsonValueKind.String => source.GetString(),
                    JsonValueKind.Object => OptionalString(source, "id", Field, problems) ?? OptionalString(source, "@id", Field, problems),
                    _ => null,
                };
                if (string.IsNullOrWhiteSpace(address))
                {
                    problems.Add(new(Field, "A SpecificResource body needs the address of what it names in \"source\"."));
                }
                else
                {
                    Address(address);
                }

                actorKind ??= ReadWord<ActorKind>(item, "nt:actorKind", problems);
                sourceKind ??= ReadWord<SourceKind>(item, "nt:sourceKind", problems);
            }
            else
            {
                problems.Add(new(Field, $"A body of type “{string.Join(", ", types)}” is not one NewsTracker reads; send a SpecificResource (the address of the actor, source or claim) and TextualBody items."));
            }
        }

        return new Body(tagKinds, reference, foreign, label, notes, actorKind, sourceKind);
    }

    private static bool TryParseKind(string word, out AnnotationKind kind)
    {
        switch (word.Trim().ToLowerInvariant())
        {
            case "actor" or "actor mention" or "actor-mention" or "actormention":
                kind = AnnotationKind.ActorMention;
                return true;
            case "source":
                kind = AnnotationKind.Source;
                return true;
            case "claim":
                kind = AnnotationKind.Claim;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    private static T? ReadWord<T>(JsonElement element, string name, List<ImportAnnotations.Problem> problems)
        where T : struct, Enum
    {
        var text = OptionalString(element, name, name, problems);
        if (text is null)
        {
            return null;
        }

        if (TryParseWord<T>(text, out var value))
        {
            return value;
        }

        problems.Add(new(name, $"“{Shorten(text)}” is not one of: {string.Join(", ", Enum.GetValues<T>().Select(Word))}."));
        return null;
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object
            && (element.TryGetProperty(name, out value) || (name is "type" or "id" && element.TryGetProperty("@" + name, out value)));
    }

    private static string? OptionalString(JsonElement element, string name, string field, List<ImportAnnotations.Problem> problems)
    {
        if (!TryGet(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        problems.Add(new(field, $"\"{name}\" must be text, not {Describe(value)}."));
        return null;
    }

    /// <summary>A property that may be one string or an array of strings (as "type", "motivation" and "purpose" may).</summary>
    private static List<string> Strings(JsonElement element, string name, string field, List<ImportAnnotations.Problem> problems)
    {
        if (!TryGet(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        problems.Add(new(field, $"\"{name}\" must be text or a list of texts, not {Describe(value)}."));
        return [];
    }

    private static int? Integer(JsonElement element, string name, List<ImportAnnotations.Problem> problems)
    {
        if (!TryGet(element, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        problems.Add(new("target", $"The TextPositionSelector's \"{name}\" must be a whole number of UTF-16 code units (such as 120), not {Describe(value)}."));
        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text “{Shorten(value.GetString()!)}”",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}

/// <summary>
/// The absolute addresses NewsTracker gives annotations and what they point at, all under one base
/// (<c>https://host[/path-base]</c>), and the reverse: whether an address someone sends back is one of ours
/// and which actor, source or claim it names. Actor and claim addresses are their pages; a source has no
/// page yet, so <c>/sources/{id}</c> is an identifier only.
/// </summary>
public sealed class WebAnnotationLinks
{
    public WebAnnotationLinks(string baseUrl)
    {
        Base = baseUrl.TrimEnd('/');
        BaseUri = new Uri(Base + "/", UriKind.Absolute);
    }

    /// <summary>The scheme, host and path base, without a trailing slash.</summary>
    public string Base { get; }

    private Uri BaseUri { get; }

    /// <summary>The links under the installation's public base (<see cref="Hosting.PublicUrls"/>).</summary>
    public static WebAnnotationLinks For(HttpRequest request) => new(Hosting.PublicUrls.For(request).AbsoluteUri);

    public string Annotation(int id) => Url($"/api/v1/annotations/{id}");

    public string ArticleAnnotations(int articleId) => Url($"/api/v1/articles/{articleId}/annotations");

    public string ArticleAnnotationsPage(int articleId, int page) => Url($"/api/v1/articles/{articleId}/annotations?page={page}");

    /// <summary>The article page showing one version: the text an annotation's offsets index into.</summary>
    public string ArticleVersion(int articleId, int version) => Url($"/articles/{articleId}?version={version}");

    public string Article(int articleId, string slug) => Url($"/articles/{articleId}/{slug}");

    public string Actor(int id) => Url($"/actors/{id}");

    public string Source(int id) => Url($"/sources/{id}");

    public string Claim(int id) => Url($"/claims/{id}");

    public string ApiClaim(int id) => Url($"/api/v1/claims/{id}");

    /// <summary>The address of what a tag of <paramref name="kind"/> points at.</summary>
    public string Target(AnnotationKind kind, int id) => kind switch
    {
        AnnotationKind.ActorMention => Actor(id),
        AnnotationKind.Source => Source(id),
        _ => Claim(id),
    };

    /// <summary>What an address sent by a client names: one of our actors, sources or claims
    /// (<see cref="Recognized.Own"/>), another site's resource (<see cref="Recognized.Foreign"/>), or an address on
    /// this site that names none of them (<see cref="Recognized.Unknown"/>). A path starting with "/" is relative
    /// to this site, as JSON-LD resolves it against the document's address.</summary>
    public Recognized Recognize(string address)
    {
        Uri uri;
        if (address.StartsWith('/') && !address.StartsWith("//", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(BaseUri, address.TrimStart('/'), out uri!))
            {
                return new Recognized.Unknown();
            }
        }
        else if (!Uri.TryCreate(address, UriKind.Absolute, out uri!) || uri.Scheme is not ("http" or "https"))
        {
            return new Recognized.Foreign();
        }

        if (!string.Equals(uri.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != BaseUri.Port
            || !uri.AbsolutePath.StartsWith(BaseUri.AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            return new Recognized.Foreign();
        }

        var segments = uri.AbsolutePath[BaseUri.AbsolutePath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", "v1", "claims", _])
        {
            segments = segments[2..];
        }

        if (segments.Length is 2 or 3
            && int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            AnnotationKind? kind = segments[0].ToLowerInvariant() switch
            {
                "actors" => AnnotationKind.ActorMention,
                "sources" => AnnotationKind.Source,
                "claims" => AnnotationKind.Claim,
                _ => null,
            };
            if (kind is { } k)
            {
                return new Recognized.Own(k, id);
            }
        }

        return new Recognized.Unknown();
    }

    private string Url(string path) => Base + path;

    /// <summary>The outcome of <see cref="Recognize"/>.</summary>
    public abstract record Recognized
    {
        private Recognized()
        {
        }

        /// <summary>Our actor, source or claim <paramref name="Id"/>; <paramref name="Kind"/> says which.</summary>
        public sealed record Own(AnnotationKind Kind, int Id) : Recognized;

        /// <summary>Another site's address.</summary>
        public sealed record Foreign : Recognized;

        /// <summary>An address on this site that is not an actor, source or claim.</summary>
        public sealed record Unknown : Recognized;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Tests.Api;

/// <summary>Tags to W3C Web Annotation JSON-LD and back: shape, what the public sees, expansion against the W3C
/// context, and reading other tools' documents without trusting their types.</summary>
public sealed class WebAnnotationJsonLdTests
{
    private const string Oa = "http://www.w3.org/ns/oa#";
    private const string As = "http://www.w3.org/ns/activitystreams#";
    private const string Nt = WebAnnotationJsonLd.Namespace;

    private static readonly WebAnnotationLinks Links = new("https://news.example");

    private static WebAnnotationJsonLd.Row ActorRow(int id = 7, string? note = null, bool orphaned = false) => new(
        id, 3, 2, AnnotationKind.ActorMention, 10, 24, "Vladimir Putin", "a bargain for ", ": keep the peace",
        AnnotationStatus.Proposed, orphaned, orphaned ? "The quoted text no longer appears." : null, note,
        new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc),
        "desk.editor@newsroom.example", Guid.Parse("0b8f8a4e-3f0e-4a39-9a38-2f7d0f6f4b11"), 12, "Vladimir Putin", ActorKind.Person, null);

    private static WebAnnotationJsonLd.Row ClaimRow(int id = 8) => ActorRow(id) with
    {
        Kind = AnnotationKind.Claim, Status = AnnotationStatus.Approved, TargetId = 5, TargetLabel = "Talks will continue", ActorKind = null,
        Exact = "talks would continue", Prefix = "officials said ", Suffix = ".", Start = 100, End = 120,
    };

    private static WebAnnotationJsonLd.Row SourceRow(int id = 9) => ActorRow(id) with
    {
        Kind = AnnotationKind.Source, Status = AnnotationStatus.Approved, TargetId = 4, TargetLabel = "according to reports", ActorKind = null,
        SourceKind = SourceKind.UnspecifiedReports, Exact = "according to reports", Prefix = "the plan, ", Suffix = ", while", Start = 60, End = 80,
    };

    [Fact]
    public void An_actor_tag_is_a_tagging_annotation_naming_the_actor_and_the_quoted_span()
    {
        var json = WebAnnotationJsonLd.Annotation(ActorRow(), Links, staff: false, withContext: true);

        Assert.Equal("http://www.w3.org/ns/anno.jsonld", json["@context"]![0]!.GetValue<string>());
        Assert.Equal(Nt, json["@context"]![1]!["nt"]!.GetValue<string>());
        Assert.Equal("https://news.example/api/v1/annotations/7", json["id"]!.GetValue<string>());
        Assert.Equal("Annotation", json["type"]!.GetValue<string>());
        Assert.Equal("tagging", json["motivation"]!.GetValue<string>());
        Assert.Equal("2026-03-01T09:30:00Z", json["created"]!.GetValue<string>());
        Assert.Equal("2026-03-02T10:00:00Z", json["modified"]!.GetValue<string>());
        Assert.Equal("actor", json["nt:kind"]!.GetValue<string>());
        Assert.Equal(12, json["nt:actorId"]!.GetValue<int>());

        var body = json["body"]!.AsArray();
        Assert.Equal("SpecificResource", body[0]!["type"]!.GetValue<string>());
        Assert.Equal("https://news.example/actors/12", body[0]!["source"]!.GetValue<string>());
        Assert.Equal("identifying", body[0]!["purpose"]!.GetValue<string>());
        Assert.Equal("person", body[0]!["nt:actorKind"]!.GetValue<string>());
        Assert.Equal(("TextualBody", "tagging", "actor"), (body[1]!["type"]!.GetValue<string>(), body[1]!["purpose"]!.GetValue<string>(), body[1]!["value"]!.GetValue<string>()));
        Assert.Equal(("describing", "Vladimir Putin"), (body[2]!["purpose"]!.GetValue<string>(), body[2]!["value"]!.GetValue<string>()));

        var target = json["target"]!;
        Assert.Equal("https://news.example/articles/3?version=2", target["source"]!.GetValue<string>());
        var quote = target["selector"]![0]!;
        Assert.Equal(("TextQuoteSelector", "Vladimir Putin", "a bargain for ", ": keep the peace"),
            (quote["type"]!.GetValue<string>(), quote["exact"]!.GetValue<string>(), quote["prefix"]!.GetValue<string>(), quote["suffix"]!.GetValue<string>()));
        var position = target["selector"]![1]!;
        Assert.Equal(("TextPositionSelector", 10, 24), (position["type"]!.GetValue<string>(), position["start"]!.GetValue<int>(), position["end"]!.GetValue<int>()));
    }

    [Fact]
    public void A_claim_tag_is_assessing_and_points_at_the_claim_page()
    {
        var json = WebAnnotationJsonLd.Annotation(ClaimRow(), Links, staff: false);

        Assert.Equal("assessing", json["motivation"]!.GetValue<string>());
        Assert.Equal("https://news.example/claims/5", json["body"]![0]!["source"]!.GetValue<string>());
        Assert.Equal("Talks will continue", json["body"]![2]!["value"]!.GetValue<string>());
        Assert.Equal(5, json["nt:claimId"]!.GetValue<int>());
        Assert.Null(json["@context"]);
    }

    [Fact]
    public void The_public_sees_no_status_stamp_note_or_account_and_staff_see_them_without_the_mail_domain()
    {
        var row = ActorRow(note: "Check the spelling", orphaned: true);

        var pub = WebAnnotationJsonLd.Annotation(row, Links, staff: false);
        var staff = WebAnnotationJsonLd.Annotation(row, Links, staff: true);

        Assert.Null(pub["nt:status"]);
        Assert.Null(pub["nt:stamp"]);
        Assert.Null(pub["nt:orphaned"]);
        Assert.DoesNotContain(pub["body"]!.AsArray(), b => b!["purpose"]!.GetValue<string>() == "commenting");
        Assert.Equal("Organization", pub["creator"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain("@newsroom.example", WebAnnotationJsonLd.Serialize(pub), StringComparison.Ordinal);

        Assert.Equal("proposed", staff["nt:status"]!.GetValue<string>());
        Assert.Equal("0b8f8a4e-3f0e-4a39-9a38-2f7d0f6f4b11", staff["nt:stamp"]!.GetValue<string>());
        Assert.True(staff["nt:orphaned"]!.GetValue<bool>());
        Assert.Contains(staff["body"]!.AsArray(), b => b!["purpose"]!.GetValue<string>() == "commenting" && b["value"]!.GetValue<string>() == "Check the spelling");
        Assert.Equal(("Person", "desk.editor"), (staff["creator"]!["type"]!.GetValue<string>(), staff["creator"]!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("@newsroom.example", WebAnnotationJsonLd.Serialize(staff), StringComparison.Ordinal);
    }

    [Fact]
    public void A_collection_embeds_its_first_page_and_links_the_others()
    {
        var collection = WebAnnotationJsonLd.Collection(3, "Title", 450, 200, [ActorRow()], Links, staff: false);
        var page = WebAnnotationJsonLd.Page(3, 2, 450, 200, [ClaimRow()], Links, staff: false);

        Assert.Equal("AnnotationCollection", collection["type"]!.GetValue<string>());
        Assert.Equal("https://news.example/api/v1/articles/3/annotations", collection["id"]!.GetValue<string>());
        Assert.Equal(450, collection["total"]!.GetValue<int>());
        Assert.Equal("AnnotationPage", collection["first"]!["type"]!.GetValue<string>());
        Assert.Equal("https://news.example/api/v1/articles/3/annotations?page=1", collection["first"]!["next"]!.GetValue<string>());
        Assert.Equal("https://news.example/api/v1/articles/3/annotations?page=2", collection["last"]!.GetValue<string>());
        Assert.Single(collection["first"]!["items"]!.AsArray());

        Assert.Equal("https://news.example/api/v1/articles/3/annotations?page=2", page["id"]!.GetValue<string>());
        Assert.Equal(400, page["startIndex"]!.GetValue<int>());
        Assert.Null(page["next"]);
        Assert.Equal("https://news.example/api/v1/articles/3/annotations?page=1", page["prev"]!.GetValue<string>());
        Assert.Equal(450, page["partOf"]!["total"]!.GetValue<int>());
        Assert.NotNull(page["@context"]);
    }

    public static TheoryData<string> Documents() => ["single-public", "single-staff-orphan", "collection", "page", "created"];

    private static JsonObject Document(string name) => name switch
    {
        "single-public" => WebAnnotationJsonLd.Annotation(ActorRow(), Links, staff: false, withContext: true),
        "single-staff-orphan" => WebAnnotationJsonLd.Annotation(ActorRow(note: "n", orphaned: true), Links, staff: true, withContext: true),
        "collection" => WebAnnotationJsonLd.Collection(3, "T", 450, 200, [ActorRow(), ClaimRow(), SourceRow()], Links, staff: true),
        "page" => WebAnnotationJsonLd.Page(3, 1, 450, 200, [SourceRow()], Links, staff: false),
        _ => WebAnnotationJsonLd.Created([ActorRow(), ClaimRow()], Links, staff: true),
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_document_expands_against_the_W3C_context_without_losing_a_key(string name)
    {
        var text = WebAnnotationJsonLd.Serialize(Document(name));
        var expander = JsonLdExpander.WithW3CAnnotationContext();

        var expanded = expander.Expand(JsonNode.Parse(text)!);

        Assert.Empty(expander.Dropped);
        var annotations = Annotations(expanded).ToList();
        Assert.NotEmpty(annotations);
        foreach (var annotation in annotations)
        {
            Assert.StartsWith("https://news.example/api/v1/annotations/", annotation["@id"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(annotation[Oa + "motivatedBy"]![0]!["@id"]!.GetValue<string>(), new[] { Oa + "tagging", Oa + "assessing" });
            Assert.NotNull(annotation[Nt + "kind"]);
            Assert.Equal("http://www.w3.org/2001/XMLSchema#dateTime", annotation["http://purl.org/dc/terms/created"]![0]!["@type"]!.GetValue<string>());
            var target = annotation[Oa + "hasTarget"]![0]!;
            Assert.StartsWith("https://news.example/articles/3?version=", target[Oa + "hasSource"]![0]!["@id"]!.GetValue<string>(), StringComparison.Ordinal);
            var selectors = target[Oa + "hasSelector"]!.AsArray();
            Assert.Equal([Oa + "TextQuoteSelector", Oa + "TextPositionSelector"], selectors.Select(s => s!["@type"]![0]!.GetValue<string>()));
            Assert.NotNull(selectors[0]![Oa + "exact"]);
            Assert.Equal("http://www.w3.org/2001/XMLSchema#nonNegativeInteger", selectors[1]![Oa + "start"]![0]!["@type"]!.GetValue<string>());
            var bodies = annotation[Oa + "hasBody"]!.AsArray();
            Assert.Contains(bodies, b => b!["@type"]![0]!.GetValue<string>() == Oa + "SpecificResource"
                && b[Oa + "hasPurpose"]![0]!["@id"]!.GetValue<string>() == Oa + "identifying"
                && b[Oa + "hasSource"]![0]!["@id"]!.GetValue<string>().StartsWith("https://news.example/", StringComparison.Ordinal));
            Assert.Contains(bodies, b => b!["@type"]![0]!.GetValue<string>() == Oa + "TextualBody"
                && b[Oa + "hasPurpose"]![0]!["@id"]!.GetValue<string>() == Oa + "tagging");
        }
    }

    [Fact]
    public void The_expander_reports_a_term_the_W3C_context_does_not_define()
    {
        var expander = JsonLdExpander.WithW3CAnnotationContext();

        expander.Expand(JsonNode.Parse("""{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "kind": "actor", "target": "https://x.example/"}""")!);

        Assert.Equal(["$.kind"], expander.Dropped);
    }

    [Fact]
    public void A_collections_items_expand_to_an_ordered_list()
    {
        var expanded = JsonLdExpander.WithW3CAnnotationContext().Expand(JsonNode.Parse(WebAnnotationJsonLd.Serialize(Document("collection")))!);

        var collection = expanded[0]!;
        Assert.Equal(As + "OrderedCollection", collection["@type"]![0]!.GetValue<string>());
        Assert.Equal(450, collection[As + "totalItems"]![0]!["@value"]!.GetValue<int>());
        var first = collection[As + "first"]![0]!;
        Assert.Equal(3, first[As + "items"]![0]!["@list"]!.AsArray().Count);
    }

    private static IEnumerable<JsonNode> Annotations(JsonNode node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(n => Annotations(n!));
        }

        if (node is not JsonObject obj)
        {
            return [];
        }

        var self = obj["@type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == Oa + "Annotation") ? [node] : Array.Empty<JsonNode>();
        return self.Concat(obj.Where(p => p.Key != "@type" && p.Value is not null).SelectMany(p => Annotations(p.Value!)));
    }

    [Theory]
    [InlineData(AnnotationKind.ActorMention)]
    [InlineData(AnnotationKind.Claim)]
    [InlineData(AnnotationKind.Source)]
    public void Reading_what_was_written_gives_back_the_same_tag(AnnotationKind kind)
    {
        var row = kind switch { AnnotationKind.ActorMention => ActorRow(), AnnotationKind.Claim => ClaimRow(), _ => SourceRow() };
        var written = WebAnnotationJsonLd.Serialize(WebAnnotationJsonLd.Annotation(row, Links, staff: true, withContext: true));

        var read = WebAnnotationJsonLd.Read(JsonDocument.Parse(written).RootElement, Links);

        Assert.Empty(read.Problems);
        Assert.False(read.IsList);
        var item = Assert.Single(read.Items);
        Assert.Empty(item.Problems);
        Assert.Equal(kind, item.Kind);
        Assert.Equal((row.Exact, row.Prefix, row.Suffix), (item.Quote!.Exact, item.Quote.Prefix, item.Quote.Suffix));
        Assert.Equal((row.Start, row.End), (item.Position!.Start, item.Position.End));
        Assert.Equal((kind, row.TargetId), (item.Reference!.Kind, item.Reference.Id));
        Assert.Equal(row.TargetLabel, item.Label);
        Assert.Equal(row.ActorKind, item.ActorKind);
        Assert.Equal(row.SourceKind, item.SourceKind);
    }

    [Fact]
    public void A_collection_from_another_newstracker_names_targets_by_their_foreign_address()
    {
        var written = WebAnnotationJsonLd.Serialize(WebAnnotationJsonLd.Collection(3, "T", 3, 200, [ActorRow(), ClaimRow(), SourceRow()], Links, staff: false));

        var read = WebAnnotationJsonLd.Read(JsonDocument.Parse(written).RootElement, new WebAnnotationLinks("https://other.example"));

        Assert.True(read.IsList);
        Assert.Equal(3, read.Items.Count);
        Assert.All(read.Items, i => Assert.Null(i.Reference));
        Assert.Equal(["https://news.example/actors/12", "https://news.example/claims/5", "https://news.example/sources/4"], read.Items.Select(i => i.ForeignAddress));
        Assert.Equal(["Vladimir Putin", "Talks will continue", "according to reports"], read.Items.Select(i => i.Label));
    }

    [Theory]
    [InlineData("""[{"target": {"selector": {"type": "TextQuoteSelector", "exact": "NATO"}}, "body": {"type": "TextualBody", "purpose": "tagging", "value": "actor"}}]""", true)]
    [InlineData("""{"type": "AnnotationPage", "items": [{"target": {"selector": {"type": "TextQuoteSelector", "exact": "NATO"}}, "nt:kind": "actor"}]}""", true)]
    [InlineData("""{"type": "AnnotationCollection", "total": 1, "first": {"type": "AnnotationPage", "items": [{"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "NATO"}}, "nt:kind": "actor"}]}}""", true)]
    [InlineData("""{"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "NATO"}}, "nt:kind": "actor"}""", false)]
    public void Reads_one_annotation_a_page_a_collection_or_an_array(string document, bool isList)
    {
        var read = WebAnnotationJsonLd.Read(JsonDocument.Parse(document).RootElement, Links);

        Assert.Empty(read.Problems);
        Assert.Equal(isList, read.IsList);
        var item = Assert.Single(read.Items);
        Assert.Empty(item.Problems);
        Assert.Equal(("NATO", AnnotationKind.ActorMention), (item.Quote!.Exact, item.Kind));
    }

    [Fact]
    public void Reads_a_hypothesis_style_annotation_with_a_target_list_and_foreign_selectors()
    {
        const string Document = """
            {
              "@context": "http://www.w3.org/ns/anno.jsonld",
              "type": "Annotation",
              "id": "https://hypothes.is/a/abc123",
              "motivation": ["tagging"],
              "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": "politics"},
                {"type": "TextualBody", "purpose": "tagging", "value": "Actor"},
                {"type": "TextualBody", "value": "Check this one", "format": "text/markdown"}
              ],
              "target": [{
                "source": "https://wire.example/story",
                "selector": [
                  {"type": "RangeSelector", "startSelector": {"type": "XPathSelector", "value": "/p[1]"}},
                  {"type": "TextPositionSelector", "start": 120, "end": 124},
                  {"type": "TextQuoteSelector", "exact": "NATO", "prefix": "while ", "suffix": " officials"}
                ]
              }]
            }
            """;

        var item = Assert.Single(WebAnnotationJsonLd.Read(JsonDocument.Parse(Document).RootElement, Links).Items);

        Assert.Empty(item.Problems);
        Assert.Equal(AnnotationKind.ActorMention, item.Kind);
        Assert.Equal(("NATO", "while ", " officials"), (item.Quote!.Exact, item.Quote.Prefix, item.Quote.Suffix));
        Assert.Equal((120, 124), (item.Position!.Start, item.Position.End));
        Assert.Equal("Check this one", item.Note);
        Assert.Null(item.Label);
    }

    [Theory]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"TextPositionSelector","start":"10","end":20}}}""", "target", "whole number")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"TextPositionSelector","start":1.5,"end":20}}}""", "target", "whole number")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"TextQuoteSelector","exact":5}}}""", "target", "must be text")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":"https://news.example/articles/3"}""", "target", "An address alone")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor"}""", "target", "Say which text")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"FragmentSelector","value":"p1"}}}""", "target", "None of the target's selectors")]
    [InlineData("""{"type":"Annotation","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":{"type":"TextualBody","purpose":"tagging","value":42}}""", "body", "must be text")]
    [InlineData("""{"type":"Annotation","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":{"type":"TextualBody","purpose":7,"value":"actor"}}""", "body", "list of texts")]
    [InlineData("""{"type":"Annotation","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":{"type":"Choice","items":[]}}""", "body", "Choice")]
    [InlineData("""{"type":"Annotation","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":[5]}""", "body", "not the number 5")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":"https://news.example/claims/3"}""", "body", "only one")]
    [InlineData("""{"type":"Annotation","nt:kind":"person","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}}}""", "nt:kind", "not a kind")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","nt:actorKind":"3","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}}}""", "nt:actorKind", "person, organisation")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":"https://news.example/outlets/3"}""", "body", "not an actor, source or claim")]
    [InlineData("""{"type":"Annotation","nt:kind":"actor","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}},"body":["https://news.example/actors/1","https://news.example/actors/2"]}""", "body", "more than one")]
    public void Wrong_types_and_shapes_are_problems_naming_the_field(string document, string field, string message)
    {
        var item = Assert.Single(WebAnnotationJsonLd.Read(JsonDocument.Parse(document).RootElement, Links).Items);

        Assert.Contains(item.Problems, p => p.Field == field && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]", "items", "nothing to import")]
    [InlineData("42", "body", "Send one Annotation")]
    [InlineData("""{"type": "Dataset"}""", "type", "cannot be imported")]
    [InlineData("""{"hello": "world"}""", "type", "Send one Annotation")]
    [InlineData("""{"type": "AnnotationCollection", "first": "https://news.example/api/v1/articles/3/annotations?page=0"}""", "first", "embed its first page")]
    [InlineData("""{"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "next": "https://x.example/p1", "items": []}}""", "first.next", "more than one page")]
    [InlineData("""{"type": "AnnotationPage", "items": {"a": 1}}""", "items", "JSON array")]
    public void Documents_that_are_not_annotations_are_refused_as_a_whole(string document, string field, string message)
    {
        var read = WebAnnotationJsonLd.Read(JsonDocument.Parse(document).RootElement, Links);

        Assert.Empty(read.Items);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_import_limit_is_refused()
    {
        var one = """{"nt:kind":"actor","target":{"selector":{"type":"TextQuoteSelector","exact":"NATO"}}}""";
        var document = "[" + string.Join(',', Enumerable.Repeat(one, WebAnnotationJsonLd.MaxImportItems + 1)) + "]";

        var read = WebAnnotationJsonLd.Read(JsonDocument.Parse(document).RootElement, Links);

        Assert.Contains("at most 500", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://news.example/actors/12", AnnotationKind.ActorMention, 12)]
    [InlineData("https://NEWS.example/actors/12/vladimir-putin", AnnotationKind.ActorMention, 12)]
    [InlineData("https://news.example/claims/5", AnnotationKind.Claim, 5)]
    [InlineData("https://news.example/api/v1/claims/5", AnnotationKind.Claim, 5)]
    [InlineData("/sources/4", AnnotationKind.Source, 4)]
    public void Our_own_addresses_name_an_actor_source_or_claim(string address, AnnotationKind kind, int id)
    {
        var own = Assert.IsType<WebAnnotationLinks.Recognized.Own>(Links.Recognize(address));

        Assert.Equal((kind, id), (own.Kind, own.Id));
    }

    [Theory]
    [InlineData("https://other.example/actors/12", "foreign")]
    [InlineData("https://news.example:8443/actors/12", "foreign")]
    [InlineData("http://news.example/actors/12", "foreign")]
    [InlineData("javascript:alert(1)", "foreign")]
    [InlineData("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "foreign")]
    [InlineData("https://news.example/outlets/3", "unknown")]
    [InlineData("https://news.example/actors/0", "unknown")]
    [InlineData("https://news.example/actors/-1", "unknown")]
    [InlineData("https://news.example/actors/99999999999", "unknown")]
    [InlineData("/actors/12/a/b", "unknown")]
    public void Other_addresses_are_foreign_or_name_nothing(string address, string expected)
    {
        var recognized = Links.Recognize(address);

        Assert.Equal(expected, recognized is WebAnnotationLinks.Recognized.Foreign ? "foreign" : recognized is WebAnnotationLinks.Recognized.Unknown ? "unknown" : "own");
    }

    [Fact]
    public void Enum_words_round_trip_and_numbers_are_not_words()
    {
        Assert.All(Enum.GetValues<ActorKind>(), k => Assert.True(WebAnnotationJsonLd.TryParseWord<ActorKind>(WebAnnotationJsonLd.Word(k), out var back) && back == k));
        Assert.All(Enum.GetValues<SourceKind>(), k => Assert.True(WebAnnotationJsonLd.TryParseWord<SourceKind>(WebAnnotationJsonLd.Word(k), out var back) && back == k));
        Assert.Equal("government-body", WebAnnotationJsonLd.Word(ActorKind.GovernmentBody));
        Assert.Equal("in-review", WebAnnotationJsonLd.Word(ReviewState.InReview));
        Assert.True(WebAnnotationJsonLd.TryParseWord<ActorKind>("Organization", out var us) && us == ActorKind.Organisation);
        Assert.True(WebAnnotationJsonLd.TryParseWord<ReviewState>("InReview", out var state) && state == ReviewState.InReview);
        Assert.False(WebAnnotationJsonLd.TryParseWord<ActorKind>("3", out _));
        Assert.False(WebAnnotationJsonLd.TryParseWord<ActorKind>("-1", out _));
        Assert.False(WebAnnotationJsonLd.TryParseWord<ActorKind>("person,country", out _));
    }
}

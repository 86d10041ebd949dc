using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Api;

/// <summary>The W3C Web Annotation API end to end: what each caller sees, round trips through GET and POST, imports
/// from other tools, bad input (400, nothing stored), paging, delete with ETags, and who may write.</summary>
public sealed class AnnotationsApiTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Body = "Kyiv insists on membership 😀 now.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.";
    private const string W3CContext = "http://www.w3.org/ns/anno.jsonld";

    private static string Annotations(int articleId) => $"/api/v1/articles/{articleId}/annotations";

    /// <summary>An actor, a source and a claim tagged on a new article by an editor, through the commands.</summary>
    private async Task<(int Id, string Text, ApiAccount Editor)> TaggedArticleAsync()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, text) = await factory.ArticleAsync(Body);
        await factory.SendAsAsync(editor.Editor, TaggingApi.TagActor(id, text, "Vladimir Putin", "Vladimir Putin"));
        var source = text.IndexOf("according to reports", StringComparison.Ordinal);
        await factory.SendAsAsync(editor.Editor, new Tags.Create(id, null, AnnotationKind.Source, source, source + "according to reports".Length,
            NewSource: new Sources.NewSource(SourceKind.UnspecifiedReports, "according to reports")));
        var claim = text.IndexOf("talks would continue", StringComparison.Ordinal);
        await factory.SendAsAsync(editor.Editor, new Tags.Create(id, null, AnnotationKind.Claim, claim, claim + "talks would continue".Length,
            NewClaim: new Claims.NewClaim($"NATO talks on Ukraine will continue ({Guid.NewGuid():N})"), Note: "Check with a second source"));
        return (id, text, editor);
    }

    [Fact]
    public async Task Posting_an_articles_collection_to_another_article_with_the_same_text_gives_the_same_tags()
    {
        var (from, _, editor) = await TaggedArticleAsync();
        var (to, _) = await factory.ArticleAsync(Body);
        var exported = await editor.Client.GetStringAsync(Annotations(from));

        var response = await editor.Client.PostJsonLdAsync(Annotations(to), exported);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"http://localhost{Annotations(to)}", response.Headers.Location!.ToString());
        Assert.Equal(3, (await response.JsonAsync()).GetProperty("total").GetInt32());
        var original = TaggingApi.Spans(JsonDocument.Parse(exported).RootElement).OrderBy(s => s.Start).ToList();
        var copied = TaggingApi.Spans(JsonDocument.Parse(await editor.Client.GetStringAsync(Annotations(to))).RootElement).OrderBy(s => s.Start).ToList();
        Assert.Equal(3, original.Count);
        Assert.Equal(original, copied);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Actors.CountAsync(a => a.Name == "Vladimir Putin")));
    }

    [Fact]
    public async Task An_export_from_another_newstracker_finds_actors_sources_and_claims_by_name()
    {
        var (from, _, editor) = await TaggedArticleAsync();
        var (to, _) = await factory.ArticleAsync(Body);
        var exported = (await editor.Client.GetStringAsync(Annotations(from))).Replace("http://localhost/", "https://other-newsroom.example/", StringComparison.Ordinal);

        var response = await editor.Client.PostJsonLdAsync(Annotations(to), exported);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var original = TaggingApi.Spans(JsonDocument.Parse(await editor.Client.GetStringAsync(Annotations(from))).RootElement).OrderBy(s => s.Start).ToList();
        var copied = TaggingApi.Spans(await response.JsonAsync()).OrderBy(s => s.Start).ToList();
        Assert.Equal(original, copied);
    }

    [Fact]
    public async Task A_hand_written_W3C_annotation_with_only_a_quote_is_placed_and_creates_its_actor()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, text) = await factory.ArticleAsync(Body);
        const string Annotation = """
            {
              "@context": "http://www.w3.org/ns/anno.jsonld",
              "type": "Annotation",
              "motivation": "tagging",
              "creator": {"type": "Person", "name": "A fact checker"},
              "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": "actor"},
                {"type": "TextualBody", "purpose": "describing", "value": "North Atlantic Treaty Organisation"},
                {"type": "TextualBody", "value": "The alliance, not one member"}
              ],
              "nt:actorKind": "organisation",
              "target": {
                "source": "https://wire.example/2026/ukraine-nato",
                "selector": {"type": "TextQuoteSelector", "exact": "NATO", "prefix": "reports, while ", "suffix": " officials said"}
              }
            }
            """;

        var response = await editor.Client.PostJsonLdAsync(Annotations(id), Annotation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal(created.GetProperty("id").GetString(), response.Headers.Location!.ToString());
        Assert.Equal($"\"{created.GetProperty("nt:stamp").GetString()}\"", response.Headers.ETag!.Tag);
        Assert.Equal(W3CContext, created.GetProperty("@context")[0].GetString());
        var span = Assert.Single(TaggingApi.Spans(created));
        Assert.Equal(("actor", text.IndexOf("NATO", StringComparison.Ordinal), "NATO"), (span.Kind, span.Start, span.Exact));
        Assert.Equal("approved", created.GetProperty("nt:status").GetString());
        var actor = await factory.WithDbAsync(db => db.Actors.SingleAsync(a => a.Name == "North Atlantic Treaty Organisation"));
        Assert.Equal(ActorKind.Organisation, actor.Kind);
        Assert.Equal("The alliance, not one member", await factory.WithDbAsync(db => db.Annotations.Where(a => a.ArticleId == id).Select(a => a.Note).SingleAsync()));
    }

    [Fact]
    public async Task Every_answer_is_W3C_JSON_LD_with_well_formed_selectors_on_the_article_text()
    {
        var (id, text, editor) = await TaggedArticleAsync();
        var anonymous = factory.CreateClient();
        var journalist = await factory.AccountAsync(Roles.Journalist);
        var imported = await journalist.Client.PostJsonLdAsync(Annotations(id),
            """{"type": "Annotation", "nt:kind": "actor", "body": {"type": "TextualBody", "purpose": "describing", "value": "Kyiv"}, "target": {"selector": {"type": "TextQuoteSelector", "exact": "Kyiv"}}}""");
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var single = (await imported.JsonAsync()).GetProperty("id").GetString()!;

        var responses = new[]
        {
            imported,
            await anonymous.GetAsync(Annotations(id)),
            await editor.Client.GetAsync(Annotations(id)),
            await editor.Client.GetAsync(Annotations(id) + "?page=0"),
            await editor.Client.GetAsync(single),
            await anonymous.GetAsync(TaggingApi.Items(await (await editor.Client.GetAsync(Annotations(id))).JsonAsync())
                .First(a => a.GetProperty("nt:status").GetString() == "approved" && a.GetProperty("nt:kind").GetString() == "actor").GetProperty("id").GetString()),
        };

        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
            Assert.Equal(TaggingApi.JsonLd, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "profile" && p.Value == $"\"{W3CContext}\"");
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(W3CContext, document["@context"]![0]!.GetValue<string>());
            Assert.Equal(WebAnnotationJsonLd.Namespace, document["@context"]![1]!["nt"]!.GetValue<string>());
            var items = TaggingApi.Items(JsonDocument.Parse(document.ToJsonString()).RootElement);
            Assert.NotEmpty(items);
            foreach (var annotation in items)
            {
                Assert.StartsWith("http://localhost/api/v1/annotations/", annotation.GetProperty("id").GetString(), StringComparison.Ordinal);
                Assert.Equal("Annotation", annotation.GetProperty("type").GetString());
                Assert.True(annotation.GetProperty("motivation").GetString() is "tagging" or "assessing");
                Assert.StartsWith($"http://localhost/articles/{id}?version=", annotation.GetProperty("target").GetProperty("source").GetString(), StringComparison.Ordinal);
                var selectors = annotation.GetProperty("target").GetProperty("selector");
                var quote = selectors[0];
                var position = selectors[1];
                Assert.Equal(("TextQuoteSelector", "TextPositionSelector"), (quote.GetProperty("type").GetString(), position.GetProperty("type").GetString()));
                var (start, end) = (position.GetProperty("start").GetInt32(), position.GetProperty("end").GetInt32());
                Assert.InRange(start, 0, end - 1);
                Assert.Equal(text[start..end], quote.GetProperty("exact").GetString());
                if (quote.TryGetProperty("prefix", out var prefix))
                {
                    Assert.EndsWith(prefix.GetString()!, text[..start], StringComparison.Ordinal);
                }

                if (quote.TryGetProperty("suffix", out var suffix))
                {
                    Assert.StartsWith(suffix.GetString()!, text[end..], StringComparison.Ordinal);
                }

                Assert.Equal("SpecificResource", annotation.GetProperty("body")[0].GetProperty("type").GetString());
                Assert.Equal("identifying", annotation.GetProperty("body")[0].GetProperty("purpose").GetString());
            }
        }
    }

    [Fact]
    public async Task Anonymous_callers_see_neither_proposals_nor_tags_of_unpublished_claims_and_staff_see_everything()
    {
        var (id, text, editor) = await TaggedArticleAsync();
        var journalist = await factory.AccountAsync(Roles.Journalist);
        var proposal = await factory.SendAsAsync(journalist.Editor, TaggingApi.TagActor(id, text, "Kyiv", "Kyiv", ActorKind.Country));
        var anonymous = factory.CreateClient();
        var cookie = await factory.SignedInClientAsync(Roles.Editor);

        var seen = await (await anonymous.GetAsync(Annotations(id))).JsonAsync();
        var staff = await journalist.Client.GetFromJsonAsync<JsonElement>(Annotations(id));
        var staffByCookie = await cookie.GetFromJsonAsync<JsonElement>(Annotations(id));

        Assert.Equal(["actor", "source"], TaggingApi.Items(seen).Select(a => a.GetProperty("nt:kind").GetString()).Order());
        Assert.Equal(2, seen.GetProperty("total").GetInt32());
        Assert.All(TaggingApi.Items(seen), a => Assert.False(a.TryGetProperty("nt:status", out _)));
        Assert.DoesNotContain("Check with a second source", seen.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(4, staff.GetProperty("total").GetInt32());
        Assert.Equal(["approved", "approved", "approved", "proposed"], TaggingApi.Items(staff).Select(a => a.GetProperty("nt:status").GetString()).Order());
        Assert.Equal(4, staffByCookie.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/annotations/{proposal.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await journalist.Client.GetAsync($"/api/v1/annotations/{proposal.Id}")).StatusCode);

        var claimTag = await factory.WithDbAsync(db => db.Annotations.SingleAsync(a => a.ArticleId == id && a.Kind == AnnotationKind.Claim));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/annotations/{claimTag.Id}")).StatusCode);
        await factory.SendAsAsync(editor.Editor, new Claims.Review(claimTag.ClaimId!.Value, null, Claims.ReviewAction.Publish, "true"));
        var afterPublishing = await (await anonymous.GetAsync(Annotations(id))).JsonAsync();
        Assert.Equal(3, afterPublishing.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/annotations/{claimTag.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_on_a_read_is_401_not_a_silent_anonymous_answer()
    {
        var (id, _) = await factory.ArticleAsync(Body);
        var revoked = await factory.RevokedClientAsync(Roles.Editor);

        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync(Annotations(id))).StatusCode);
    }

    [Fact]
    public async Task Large_collections_are_paged_with_links_between_the_pages()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var words = Enumerable.Range(0, 210).Select(i => $"w{i:000}").ToList();
        var (id, text) = await factory.ArticleAsync(string.Join(' ', words) + ".");
        var items = words.Take(201).Select(w =>
        {
            var start = text.IndexOf(w + " ", StringComparison.Ordinal);
            return new JsonObject
            {
                ["type"] = "Annotation",
                ["nt:kind"] = "actor",
                ["body"] = new JsonObject { ["type"] = "TextualBody", ["purpose"] = "describing", ["value"] = "Paging Person" },
                ["target"] = new JsonObject { ["selector"] = new JsonObject { ["type"] = "TextPositionSelector", ["start"] = start, ["end"] = start + w.Length } },
            };
        });
        var imported = await editor.Client.PostJsonLdAsync(Annotations(id), new JsonArray(items.ToArray<JsonNode?>()).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);

        var collection = await editor.Client.GetFromJsonAsync<JsonElement>(Annotations(id));
        var second = await editor.Client.GetFromJsonAsync<JsonElement>(Annotations(id) + "?page=1");

        Assert.Equal(201, collection.GetProperty("total").GetInt32());
        Assert.Equal(200, collection.GetProperty("first").GetProperty("items").GetArrayLength());
        Assert.Equal($"http://localhost{Annotations(id)}?page=1", collection.GetProperty("first").GetProperty("next").GetString());
        Assert.Equal($"http://localhost{Annotations(id)}?page=1", collection.GetProperty("last").GetString());
        Assert.Equal("AnnotationPage", second.GetProperty("type").GetString());
        Assert.Equal(200, second.GetProperty("startIndex").GetInt32());
        Assert.Equal("w200", Assert.Single(TaggingApi.Items(second)).GetProperty("target").GetProperty("selector")[0].GetProperty("exact").GetString());
        Assert.Equal(201, second.GetProperty("partOf").GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync(Annotations(id) + "?page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Client.GetAsync(Annotations(id) + "?page=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync(Annotations(424242))).StatusCode);
    }

    public static TheoryData<string, string, string> BadAnnotations() => new()
    {
        { "reversed", "target", "ends (at" },
        { "negative", "target", "cannot start before the beginning" },
        { "out-of-range", "target", "text is only" },
        { "zero-length", "target", "selection is empty" },
        { "splits-emoji-at-start", "target", "starts in the middle of an emoji" },
        { "splits-emoji-at-end", "target", "ends in the middle of an emoji" },
        { "half-emoji-quote", "body", "$.target.selector.exact contains half of an emoji" },
        { "quote-not-in-text", "target", "is not in the article's text" },
        { "quote-mismatch-at-position", "target", "is not in the article's text" },
        { "unknown-actor-address", "body", "There is no actor 999999" },
        { "unknown-claim-address", "body", "There is no claim 999999" },
        { "own-address-that-is-no-actor", "body", "is not an actor, source or claim" },
        { "foreign-address-without-name", "body", "is not an address NewsTracker knows" },
        { "no-kind", "body", "Say what the annotation marks" },
        { "10-kb-name", "body", "at most 200 characters" },
        { "100-kb-note", "body", "at most 1000 characters" },
        { "script-in-name", "body", "plain text" },
        { "script-in-statement", "body", "plain text" },
        { "start-as-text", "target", "whole number" },
        { "exact-as-number", "target", "must be text" },
        { "target-is-an-address", "target", "An address alone" },
    };

    [Theory]
    [MemberData(nameof(BadAnnotations))]
    public async Task Bad_input_is_400_with_a_clear_message_and_nothing_is_stored(string name, string field, string message)
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, text) = await factory.ArticleAsync(Body);
        var actorName = "Bad Input Person " + name;
        var emoji = text.IndexOf("😀", StringComparison.Ordinal);
        var nato = text.IndexOf("NATO", StringComparison.Ordinal);
        JsonNode Position(int start, int end) => new JsonObject { ["type"] = "TextPositionSelector", ["start"] = start, ["end"] = end };
        JsonNode Quote(string exact) => new JsonObject { ["type"] = "TextQuoteSelector", ["exact"] = exact };
        var annotation = new JsonObject
        {
            ["@context"] = W3CContext,
            ["type"] = "Annotation",
            ["motivation"] = "tagging",
            ["nt:kind"] = "actor",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextualBody", ["purpose"] = "describing", ["value"] = actorName }),
            ["target"] = new JsonObject { ["selector"] = Quote("NATO") },
        };
        JsonNode Selector(JsonNode selector) => annotation["target"]!["selector"] = selector;
        JsonNode Bodies(params JsonNode[] bodies) => annotation["body"] = new JsonArray(bodies);
        JsonNode Describing(string value) => new JsonObject { ["type"] = "TextualBody", ["purpose"] = "describing", ["value"] = value };
        switch (name)
        {
            case "reversed": Selector(Position(nato + 4, nato)); break;
            case "negative": Selector(Position(-1, 3)); break;
            case "out-of-range": Selector(Position(nato, text.Length + 10)); break;
            case "zero-length": Selector(Position(nato, nato)); break;
            case "splits-emoji-at-start": Selector(Position(emoji + 1, emoji + 6)); break;
            case "splits-emoji-at-end": Selector(Position(emoji - 11, emoji + 1)); break;
            case "half-emoji-quote": Selector(Quote("HALF-EMOJI now")); break;
            case "quote-not-in-text": Selector(Quote("Boris Johnson")); break;
            case "quote-mismatch-at-position": Selector(new JsonArray(Quote("NATO chiefs"), Position(nato, nato + 11))); break;
            case "unknown-actor-address": Bodies(new JsonObject { ["type"] = "SpecificResource", ["source"] = "http://localhost/actors/999999", ["purpose"] = "identifying" }); break;
            case "unknown-claim-address":
                annotation["nt:kind"] = "claim";
                Bodies(new JsonObject { ["type"] = "SpecificResource", ["source"] = "http://localhost/claims/999999" });
                break;
            case "own-address-that-is-no-actor": Bodies(new JsonObject { ["type"] = "SpecificResource", ["source"] = "http://localhost/outlets/1" }, Describing(actorName)); break;
            case "foreign-address-without-name": Bodies(new JsonObject { ["type"] = "SpecificResource", ["source"] = "https://wikidata.example/Q7184" }); break;
            case "no-kind": annotation.Remove("nt:kind"); break;
            case "10-kb-name": Bodies(Describing(actorName + new string('x', 10 * 1024))); break;
            case "100-kb-note": Bodies(Describing(actorName), new JsonObject { ["type"] = "TextualBody", ["purpose"] = "commenting", ["value"] = new string('n', 100 * 1024) }); break;
            case "script-in-name": Bodies(Describing(actorName + "<script>alert(1)</script>")); break;
            case "script-in-statement":
                annotation["nt:kind"] = "claim";
                Bodies(Describing("<script>alert('" + actorName + "')</script>"));
                break;
            case "start-as-text": Selector(new JsonObject { ["type"] = "TextPositionSelector", ["start"] = nato.ToString(System.Globalization.CultureInfo.InvariantCulture), ["end"] = nato + 4 }); break;
            case "exact-as-number": Selector(new JsonObject { ["type"] = "TextQuoteSelector", ["exact"] = 4 }); break;
            case "target-is-an-address": annotation["target"] = "http://localhost/articles/" + id; break;
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }

        // A lone surrogate cannot be built with JsonObject; the escape goes into the text as a client would send it.
        var json = annotation.ToJsonString().Replace("HALF-EMOJI", "\\uDE00", StringComparison.Ordinal);
        var response = await editor.Client.PostJsonLdAsync(Annotations(id), json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = await response.ErrorsAsync();
        Assert.True(errors.TryGetValue(field, out var messages), $"Expected an error on '{field}', got: {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)))}");
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await factory.AnnotationCountAsync(id));
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name.StartsWith("Bad Input Person " + name))));
        Assert.False(await factory.WithDbAsync(db => db.Claims.AnyAsync(c => c.Statement.Contains(actorName))));
    }

    [Fact]
    public async Task A_quote_with_half_an_emoji_is_refused_by_the_import_itself()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, _) = await factory.ArticleAsync(Body);
        var item = new ImportAnnotations.Item(new TextQuoteSelector("\uDE00 now"), null, AnnotationKind.ActorMention, null, null, "Half", ActorKind.Other, null, null, []);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor, new ImportAnnotations.Command(id, [item], IsList: false)));

        Assert.Contains(error.Errors.SelectMany(e => e.Value), m => m.Contains("half of an emoji", StringComparison.Ordinal));
        Assert.Equal(0, await factory.AnnotationCountAsync(id));
    }

    [Theory]
    [InlineData("{\"type\": \"Annotation\", \"target\": ", "not valid JSON at line 1")]
    [InlineData("{\"type\": \"Annotation\",\n \"nt:kind\": 'actor'}", "not valid JSON at line 2")]
    [InlineData("", "not valid JSON")]
    public async Task Malformed_JSON_is_400_saying_where(string json, string message)
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, _) = await factory.ArticleAsync(Body);

        var response = await editor.Client.PostJsonLdAsync(Annotations(id), json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ErrorsAsync())["body"], m => m.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, _) = await factory.ArticleAsync(Body);

        var response = await editor.Client.PostAsync(Annotations(id), new StringContent("exact=NATO", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static JsonObject ImportItem(string quote, string name) => new()
    {
        ["type"] = "Annotation",
        ["body"] = new JsonArray(
            new JsonObject { ["type"] = "TextualBody", ["purpose"] = "tagging", ["value"] = "actor" },
            new JsonObject { ["type"] = "TextualBody", ["purpose"] = "describing", ["value"] = name }),
        ["target"] = new JsonObject { ["selector"] = new JsonObject { ["type"] = "TextQuoteSelector", ["exact"] = quote } },
    };

    [Fact]
    public async Task An_import_whose_third_item_of_five_is_bad_stores_none_of_them_and_names_the_item()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, _) = await factory.ArticleAsync(Body);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var items = new JsonArray(
            ImportItem("Kyiv", "Kyiv " + marker),
            ImportItem("Vladimir Putin", "Putin " + marker),
            ImportItem("Emmanuel Macron", "Macron " + marker),
            ImportItem("NATO", "NATO " + marker),
            ImportItem("officials", "Officials " + marker));

        var response = await editor.Client.PostJsonLdAsync(Annotations(id), new JsonObject
        {
            ["@context"] = W3CContext,
            ["type"] = "AnnotationCollection",
            ["first"] = new JsonObject { ["type"] = "AnnotationPage", ["items"] = items },
        }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ErrorsAsync();
        var (key, messages) = Assert.Single(errors);
        Assert.Equal("items[2].target", key);
        Assert.StartsWith("Annotation 3 of 5: The quote “Emmanuel Macron” is not in the article's text", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Equal(0, await factory.AnnotationCountAsync(id));
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name.EndsWith(marker))));
    }

    [Fact]
    public async Task Every_bad_item_of_an_import_is_listed()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, _) = await factory.ArticleAsync(Body);
        var items = new JsonArray(
            ImportItem("Kyiv", "Kyiv"),
            ImportItem("Kyiv", "<b>Kyiv</b>"),
            ImportItem("NATO", "NATO"),
            new JsonObject { ["type"] = "Annotation", ["nt:kind"] = "actor", ["target"] = new JsonObject { ["selector"] = new JsonObject { ["type"] = "TextPositionSelector", ["start"] = 9, ["end"] = 2 } } },
            "not an annotation");

        var response = await editor.Client.PostJsonLdAsync(Annotations(id), items.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.ErrorsAsync();
        Assert.Equal(["items[1].body", "items[3].target", "items[4].annotation"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await factory.AnnotationCountAsync(id));
    }

    [Fact]
    public async Task The_same_span_twice_in_one_import_rolls_back_the_first_too()
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var (id, _) = await factory.ArticleAsync(Body);
        var marker = "Twice " + Guid.NewGuid().ToString("N")[..8];

        var response = await editor.Client.PostJsonLdAsync(Annotations(id), new JsonArray(ImportItem("NATO", marker), ImportItem("NATO", marker)).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await response.ErrorsAsync())["items[1].target"], m => m.Contains("already tagged that way", StringComparison.Ordinal));
        Assert.Equal(0, await factory.AnnotationCountAsync(id));
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name == marker)));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ArticleId == id)));
    }

    private const string OneActor = """{"type": "Annotation", "nt:kind": "actor", "body": {"type": "TextualBody", "purpose": "describing", "value": "NATO"}, "target": {"selector": {"type": "TextQuoteSelector", "exact": "NATO"}}}""";

    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized, null)]
    [InlineData("garbage", HttpStatusCode.Unauthorized, null)]
    [InlineData("revoked", HttpStatusCode.Unauthorized, null)]
    [InlineData("cookie", HttpStatusCode.Unauthorized, null)]
    [InlineData("reader", HttpStatusCode.Forbidden, null)]
    [InlineData(Roles.Journalist, HttpStatusCode.Created, "proposed")]
    [InlineData(Roles.Editor, HttpStatusCode.Created, "approved")]
    [InlineData(Roles.Admin, HttpStatusCode.Created, "approved")]
    public async Task Importing_needs_a_journalists_token_and_a_journalists_tags_are_proposals(string caller, HttpStatusCode expected, string? status)
    {
        var (id, _) = await factory.ArticleAsync(Body);
        var client = await factory.ClientAsync(caller);

        var response = await client.PostJsonLdAsync(Annotations(id), OneActor);

        Assert.Equal(expected, response.StatusCode);
        if (status is null)
        {
            Assert.Equal(0, await factory.AnnotationCountAsync(id));
            return;
        }

        Assert.Equal(status, (await response.JsonAsync()).GetProperty("nt:status").GetString());
        Assert.Equal(status == "approved" ? AnnotationStatus.Approved : AnnotationStatus.Proposed,
            await factory.WithDbAsync(db => db.Annotations.Where(a => a.ArticleId == id).Select(a => a.Status).SingleAsync()));
    }

    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    [InlineData("garbage", HttpStatusCode.Unauthorized)]
    [InlineData("revoked", HttpStatusCode.Unauthorized)]
    [InlineData("cookie", HttpStatusCode.Unauthorized)]
    [InlineData("reader", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Journalist, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Editor, HttpStatusCode.NoContent)]
    public async Task Deleting_an_editors_tag_needs_an_editors_token(string caller, HttpStatusCode expected)
    {
        var (id, text, _) = await TaggedArticleAsync();
        var tag = await factory.WithDbAsync(db => db.Annotations.FirstAsync(a => a.ArticleId == id));
        var client = await factory.ClientAsync(caller);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/annotations/{tag.Id}") { Headers = { { "If-Match", $"\"{tag.ConcurrencyStamp}\"" } } });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected != HttpStatusCode.NoContent, await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == tag.Id)));
        Assert.NotEmpty(text);
    }

    [Fact]
    public async Task A_journalist_deletes_their_own_proposal_with_its_ETag()
    {
        var journalist = await factory.AccountAsync(Roles.Journalist);
        var (id, _) = await factory.ArticleAsync(Body);
        var created = await journalist.Client.PostJsonLdAsync(Annotations(id), OneActor);
        var location = created.Headers.Location!;

        var fetched = await journalist.Client.GetAsync(location);
        var deleted = await journalist.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, location) { Headers = { { "If-Match", fetched.Headers.ETag!.Tag } } });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await factory.AnnotationCountAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await journalist.Client.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Deleting_without_If_Match_is_428_with_a_stale_ETag_412_naming_who_changed_it_and_nothing_is_removed()
    {
        var (id, _, editor) = await TaggedArticleAsync();
        var other = await factory.AccountAsync(Roles.Editor);
        var tag = await factory.WithDbAsync(db => db.Annotations.FirstAsync(a => a.ArticleId == id));
        await factory.SendAsAsync(other.Editor, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.ConcurrencyStamp, Note: "changed meanwhile"));
        HttpRequestMessage Delete(string? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/annotations/{tag.Id}");
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            return request;
        }

        var missing = await editor.Client.SendAsync(Delete(null));
        var malformed = await editor.Client.SendAsync(Delete("\"not-a-stamp\""));
        var stale = await editor.Client.SendAsync(Delete($"\"{tag.ConcurrencyStamp}\""));

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains(other.Editor.UserName!, (await stale.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == tag.Id)));

        var current = (await editor.Client.GetAsync($"/api/v1/annotations/{tag.Id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NoContent, (await editor.Client.SendAsync(Delete(current))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.SendAsync(Delete("*"))).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_annotation_endpoints()
    {
        var paths = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/v1/articles/{id}/annotations").GetProperty("get").GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/v1/articles/{id}/annotations").GetProperty("post").GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/v1/annotations/{id}").GetProperty("get").GetProperty("summary").GetString()));
        Assert.False(string.IsNullOrEmpty(paths.GetProperty("/api/v1/annotations/{id}").GetProperty("delete").GetProperty("summary").GetString()));
    }
}

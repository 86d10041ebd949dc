using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Api;

/// <summary>The claims API: one claim, the list, the review step and the CSV export, with what each caller may see
/// and do.</summary>
public sealed class ClaimsApiTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Body = "Keir Starmer said the UK backs membership, a Downing Street spokesperson added, according to reports.";

    /// <summary>A draft claim by a new claimant resting on <paramref name="sources"/> new sources, tagged in a new
    /// article by an editor.</summary>
    private async Task<(int ClaimId, int ArticleId, int ClaimantId, ApiAccount Editor)> DraftClaimAsync(string statement, int sources = 2)
    {
        var editor = await factory.AccountAsync(Roles.Editor);
        var claimant = await factory.SendAsAsync(editor.Editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Keir Starmer " + Guid.NewGuid().ToString("N")[..6], ActorKind.Person)));
        var sourceIds = new List<int>();
        for (var i = 0; i < sources; i++)
        {
            var source = await factory.SendAsAsync(editor.Editor, new NewsTracker.Web.Pages.Claims.DetailsModel.CreateSource(new Sources.NewSource(
                i == 0 ? SourceKind.Official : SourceKind.UnspecifiedReports, i == 0 ? "a Downing Street spokesperson" : "according to reports " + Guid.NewGuid().ToString("N")[..6],
                i == 0 ? claimant.Id : null)));
            sourceIds.Add(source.Id);
        }

        var claim = await factory.SendAsAsync(editor.Editor, new Claims.Create(new Claims.NewClaim(statement, claimant.Id, sourceIds)));
        var (articleId, text) = await factory.ArticleAsync(Body);
        var start = text.IndexOf("the UK backs membership", StringComparison.Ordinal);
        await factory.SendAsAsync(editor.Editor, new Tags.Create(articleId, null, AnnotationKind.Claim, start, start + "the UK backs membership".Length, ClaimId: claim.Id));
        return (claim.Id, articleId, claimant.Id, editor);
    }

    private static string Unique(string statement) => $"{statement} ({Guid.NewGuid():N})";

    private static Task<HttpResponseMessage> ReviewAsync(HttpClient client, int id, object body) =>
        client.PostAsJsonAsync($"/api/v1/claims/{id}/review", body);

    [Fact]
    public async Task Anonymous_callers_get_a_claim_only_once_it_is_published()
    {
        var statement = Unique("The UK backs Ukraine's NATO membership");
        var (id, articleId, claimantId, editor) = await DraftClaimAsync(statement);
        var anonymous = factory.CreateClient();

        var hidden = await anonymous.GetAsync($"/api/v1/claims/{id}");
        var draft = await editor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}");
        var published = await ReviewAsync(editor.Client, id, new { action = "publish", verdict = "mostly-true", comment = "Confirmed by the spokesperson.", stamp = draft.GetProperty("stamp").GetString() });
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("draft", draft.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (await published.JsonAsync()).GetProperty("state").GetString());

        Assert.Equal(statement, shown.GetProperty("statement").GetString());
        Assert.Equal(claimantId, shown.GetProperty("claimant").GetProperty("id").GetInt32());
        Assert.StartsWith("Keir Starmer", shown.GetProperty("claimant").GetProperty("name").GetString(), StringComparison.Ordinal);
        var sources = shown.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(2, sources.Count);
        Assert.Equal(("official", "a Downing Street spokesperson", claimantId),
            (sources[0].GetProperty("kind").GetString(), sources[0].GetProperty("description").GetString(), sources[0].GetProperty("actor").GetProperty("id").GetInt32()));
        Assert.Equal(JsonValueKind.Null, sources[1].GetProperty("actor").ValueKind);
        var appearance = Assert.Single(shown.GetProperty("appearances").EnumerateArray());
        Assert.Equal(articleId, appearance.GetProperty("articleId").GetInt32());
        Assert.Equal("the UK backs membership", appearance.GetProperty("quote").GetString());
        Assert.StartsWith($"http://localhost/articles/{articleId}/", appearance.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Annotations API test", appearance.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(("mostly-true", "Mostly true"), (shown.GetProperty("verdict").GetProperty("key").GetString(), shown.GetProperty("verdict").GetProperty("label").GetString()));
        Assert.Equal("published", shown.GetProperty("state").GetString());
        Assert.Equal("Confirmed by the spokesperson.", shown.GetProperty("reviewComment").GetString());
        Assert.Equal(JsonValueKind.String, shown.GetProperty("publishedUtc").ValueKind);
        Assert.False(shown.TryGetProperty("stamp", out _));
    }

    [Fact]
    public async Task The_list_filters_by_state_and_claimant_and_pages_newest_first()
    {
        var (first, _, claimant, editor) = await DraftClaimAsync(Unique("First claim"));
        var second = await factory.SendAsAsync(editor.Editor, new Claims.Create(new Claims.NewClaim(Unique("Second claim"), claimant)));
        await factory.SendAsAsync(editor.Editor, new Claims.Review(second.Id, null, Claims.ReviewAction.Publish, "false"));

        var byClaimant = await editor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims?actor={claimant}&limit=1");
        var next = await editor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims?actor={claimant}&limit=1&after={byClaimant.GetProperty("next").GetString()}");
        var drafts = await editor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims?actor={claimant}&state=draft");
        var anonymous = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/claims?actor={claimant}");

        Assert.Equal(second.Id, Assert.Single(byClaimant.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(first, Assert.Single(next.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("next").ValueKind);
        Assert.Equal(first, Assert.Single(drafts.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt32());
        var shown = Assert.Single(anonymous.GetProperty("items").EnumerateArray());
        Assert.Equal((second.Id, "published", "False"), (shown.GetProperty("id").GetInt32(), shown.GetProperty("state").GetString(), shown.GetProperty("verdict").GetProperty("label").GetString()));
        Assert.Equal($"http://localhost/api/v1/claims/{second.Id}", shown.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("/api/v1/claims?state=draft", HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/claims?state=in-review", HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/claims?state=published", HttpStatusCode.OK)]
    [InlineData("/api/v1/claims?state=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/claims?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/claims?limit=201", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/claims.csv?state=draft", HttpStatusCode.Forbidden)]
    [InlineData("/api/v1/claims.csv?state=3", HttpStatusCode.BadRequest)]
    public async Task Anonymous_callers_cannot_ask_for_unpublished_claims(string url, HttpStatusCode expected)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("none", "publish", HttpStatusCode.Unauthorized)]
    [InlineData("garbage", "publish", HttpStatusCode.Unauthorized)]
    [InlineData("revoked", "publish", HttpStatusCode.Unauthorized)]
    [InlineData("cookie", "publish", HttpStatusCode.Unauthorized)]
    [InlineData("reader", "submit", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Journalist, "publish", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Journalist, "submit", HttpStatusCode.Forbidden)]
    [InlineData("own-journalist", "submit", HttpStatusCode.OK)]
    [InlineData(Roles.Editor, "submit", HttpStatusCode.OK)]
    [InlineData(Roles.Editor, "publish", HttpStatusCode.OK)]
    [InlineData(Roles.Editor, "reject", HttpStatusCode.OK)]
    public async Task Reviewing_needs_a_token_and_the_right_role(string caller, string action, HttpStatusCode expected)
    {
        var journalist = await factory.AccountAsync(Roles.Journalist);
        var claim = await factory.SendAsAsync(journalist.Editor, new Claims.Create(new Claims.NewClaim(Unique("A journalist's draft"))));
        var client = caller == "own-journalist" ? journalist.Client : await factory.ClientAsync(caller);

        var response = await ReviewAsync(client, claim.Id, new { action, verdict = action == "publish" ? "true" : null, comment = "Reviewed", stamp = claim.Stamp });

        Assert.Equal(expected, response.StatusCode);
        var state = await factory.WithDbAsync(db => Task.FromResult(db.Claims.Single(c => c.Id == claim.Id).State));
        Assert.Equal(expected == HttpStatusCode.OK
            ? action switch { "submit" => ReviewState.InReview, "publish" => ReviewState.Published, _ => ReviewState.Rejected }
            : ReviewState.Draft, state);
    }

    [Theory]
    [InlineData("""{"action": "publish", "stamp": "STALE"}""", HttpStatusCode.Conflict, null)]
    [InlineData("""{"action": "approve"}""", HttpStatusCode.BadRequest, "action")]
    [InlineData("""{"verdict": "true"}""", HttpStatusCode.BadRequest, "action")]
    [InlineData("""{"action": 2}""", HttpStatusCode.BadRequest, "action")]
    [InlineData("""{"action": "publish", "verdict": "pants-on-fire", "stamp": "CURRENT"}""", HttpStatusCode.BadRequest, "Verdict")]
    [InlineData("""{"action": "publish", "stamp": "yesterday"}""", HttpStatusCode.BadRequest, "stamp")]
    [InlineData("""{"action": "reject", "stamp": "CURRENT"}""", HttpStatusCode.BadRequest, "Comment")]
    [InlineData("""{"action": "publish", """, HttpStatusCode.BadRequest, "body")]
    [InlineData("""["publish"]""", HttpStatusCode.BadRequest, "body")]
    public async Task Bad_review_requests_are_refused_and_change_nothing(string json, HttpStatusCode expected, string? field)
    {
        var (id, _, _, editor) = await DraftClaimAsync(Unique("Reviewed claim"), sources: 0);
        var stale = Guid.NewGuid().ToString();
        var current = (await editor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}")).GetProperty("stamp").GetString()!;

        var response = await editor.Client.PostAsync($"/api/v1/claims/{id}/review", new StringContent(json.Replace("STALE", stale, StringComparison.Ordinal).Replace("CURRENT", current, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        if (field is not null)
        {
            Assert.True((await response.ErrorsAsync()).ContainsKey(field));
        }

        Assert.Equal(ReviewState.Draft, await factory.WithDbAsync(db => Task.FromResult(db.Claims.Single(c => c.Id == id).State)));
    }

    [Fact]
    public async Task The_CSV_has_a_row_per_claim_and_source_quoted_and_guarded_and_the_public_gets_published_claims_only()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (published, articleId, _, editor) = await DraftClaimAsync($"=HYPERLINK(\"https://evil.example\",\"{marker}\"), said \"sources\"", sources: 2);
        await factory.SendAsAsync(editor.Editor, new Claims.Review(published, null, Claims.ReviewAction.Publish, "misleading"));
        var (draft, _, _, _) = await DraftClaimAsync($"Draft {marker}, not yet public", sources: 0);

        var anonymous = await factory.CreateClient().GetAsync("/api/v1/claims.csv");
        var staff = await editor.Client.GetAsync("/api/v1/claims.csv");
        var staffDraftBytes = await editor.Client.GetByteArrayAsync("/api/v1/claims.csv?state=draft&bom=false");
        var staffDrafts = Encoding.UTF8.GetString(staffDraftBytes);

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("text/csv", anonymous.Content.Headers.ContentType!.MediaType);
        Assert.Equal("claims.csv", anonymous.Content.Headers.ContentDisposition!.FileName);
        var bytes = await anonymous.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(string.Join(',', ClaimsCsv.Columns), lines[0]);
        var rows = lines.Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        var quotedStatement = $"\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"{marker}\"\"), said \"\"sources\"\"\"";
        Assert.All(rows, r => Assert.StartsWith($"{published},{quotedStatement},Keir Starmer", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",Misleading,published,", StringComparison.Ordinal) && r.Contains(",official,a Downing Street spokesperson,Keir Starmer", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",unspecified-reports,according to reports", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.EndsWith($",1,http://localhost/articles/{articleId}/" + r.Split('/').Last(), r, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains($"Draft {marker}", StringComparison.Ordinal));

        Assert.Equal((byte)'c', staffDraftBytes[0]); // ?bom=false: the header row comes first
        var staffText = await staff.Content.ReadAsStringAsync();
        Assert.Contains($"{draft},\"Draft {marker}, not yet public\",Keir Starmer", staffText, StringComparison.Ordinal);
        Assert.Contains($"{draft},\"Draft {marker}, not yet public\",Keir Starmer", staffDrafts, StringComparison.Ordinal);
        Assert.DoesNotContain(marker + "\"\")", staffDrafts, StringComparison.Ordinal);
        var draftRow = staffDrafts.Split("\r\n").Single(l => l.Contains($"Draft {marker}", StringComparison.Ordinal));
        Assert.EndsWith(",draft,,,,,,1,http://localhost/articles/" + draftRow.Split("/articles/")[1], draftRow, StringComparison.Ordinal);
    }

    [Fact]
    public void The_claim_route_takes_only_whole_numbers_so_the_ClaimReview_address_stays_free()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var getClaim = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "GetClaim");

        Assert.Equal("/api/v1/claims/{id:int}", getClaim.RoutePattern.RawText);
        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/v1/claims/{", StringComparison.Ordinal)
            && e.RoutePattern.Parameters.Any(p => p.ParameterPolicies.Count == 0) && !raw.Contains(".jsonld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_claim_endpoints()
    {
        var paths = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/v1/claims/{id}", "get"), ("/api/v1/claims", "get"), ("/api/v1/claims.csv", "get"), ("/api/v1/claims/{id}/review", "post") })
        {
            Assert.False(string.IsNullOrEmpty(paths.GetProperty(path).GetProperty(method).GetProperty("summary").GetString()), $"{method} {path}");
        }
    }

    [Fact]
    public async Task A_review_without_the_stamp_is_refused_as_428_and_changes_nothing()
    {
        var (id, _, _, editor) = await DraftClaimAsync(Unique("The harbour reopens in spring"));

        var response = await ReviewAsync(editor.Client, id, new { action = "publish", verdict = "true" });

        Assert.Equal((HttpStatusCode)StatusCodes.Status428PreconditionRequired, response.StatusCode);
        Assert.Contains("stamp", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var claim = await editor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}");
        Assert.Equal("draft", claim.GetProperty("state").GetString());
    }
}

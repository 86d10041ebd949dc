using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Tests.Tagging;

public sealed class ClaimReviewJsonLdTests
{
    private static readonly DateTime Published = new(2026, 11, 27, 9, 30, 0, DateTimeKind.Utc);

    private static ClaimReviewJsonLd.Input Review(
        string statement = "The US will not back Ukraine's NATO membership",
        Verdict? verdict = null,
        ClaimReviewJsonLd.Claimant? claimant = null,
        IReadOnlyList<ClaimReviewJsonLd.Appearance>? appearances = null) => new(
        "https://news.example/claims/7",
        statement,
        Published,
        verdict ?? new Verdict("misleading", "Misleading", 2),
        "The plan was discussed, not decided.",
        claimant ?? new ClaimReviewJsonLd.Claimant("Pete Hegseth", ActorKind.Person, "Q7172760"),
        appearances ??
        [
            new("https://wire.example/nato-2", "Second report", new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc), "Wire"),
            new("https://wire.example/nato-1", "First report", new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc), null),
        ],
        "Desk Checks",
        "https://news.example/");

    private static JsonElement Parse(ClaimReviewJsonLd.Input input) => JsonDocument.Parse(ClaimReviewJsonLd.Serialize(input)).RootElement;

    [Fact]
    public void Has_the_fields_Google_requires_for_a_ClaimReview()
    {
        var json = Parse(Review());

        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("ClaimReview", json.GetProperty("@type").GetString());
        Assert.Equal("https://news.example/claims/7", json.GetProperty("url").GetString());
        Assert.Equal("The US will not back Ukraine's NATO membership", json.GetProperty("claimReviewed").GetString());
        Assert.Equal("2026-11-27T09:30:00Z", json.GetProperty("datePublished").GetString());
        Assert.Equal("Organization", json.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("Desk Checks", json.GetProperty("author").GetProperty("name").GetString());

        var rating = json.GetProperty("reviewRating");
        Assert.Equal("Rating", rating.GetProperty("@type").GetString());
        Assert.Equal(2, rating.GetProperty("ratingValue").GetInt32());
        Assert.Equal(5, rating.GetProperty("bestRating").GetInt32());
        Assert.Equal(1, rating.GetProperty("worstRating").GetInt32());
        Assert.Equal("Misleading", rating.GetProperty("alternateName").GetString());
        Assert.Equal("The plan was discussed, not decided.", json.GetProperty("reviewBody").GetString());
    }

    [Fact]
    public void The_claim_names_its_author_with_Wikidata_and_lists_appearances_oldest_first()
    {
        var item = Parse(Review()).GetProperty("itemReviewed");

        Assert.Equal("Claim", item.GetProperty("@type").GetString());
        var author = item.GetProperty("author");
        Assert.Equal("Person", author.GetProperty("@type").GetString());
        Assert.Equal("Pete Hegseth", author.GetProperty("name").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q7172760", author.GetProperty("sameAs").GetString());
        Assert.Equal("2026-11-25T08:00:00Z", item.GetProperty("datePublished").GetString());

        var appearances = item.GetProperty("appearance").EnumerateArray().ToList();
        Assert.Equal(["https://wire.example/nato-1", "https://wire.example/nato-2"], appearances.Select(a => a.GetProperty("url").GetString()));
        Assert.Equal(["First report", "Second report"], appearances.Select(a => a.GetProperty("headline").GetString()));
        Assert.All(appearances, a => Assert.Equal("NewsArticle", a.GetProperty("@type").GetString()));
        Assert.Equal("Wire", appearances[1].GetProperty("publisher").GetProperty("name").GetString());
        Assert.False(appearances[0].TryGetProperty("publisher", out _));
    }

    [Theory]
    [InlineData(ActorKind.Person, "Person")]
    [InlineData(ActorKind.Organisation, "Organization")]
    [InlineData(ActorKind.GovernmentBody, "Organization")]
    [InlineData(ActorKind.Country, "Organization")]
    [InlineData(ActorKind.Other, "Organization")]
    public void A_claimant_is_a_Person_or_an_Organization_by_kind(ActorKind kind, string type)
    {
        var author = Parse(Review(claimant: new("Someone", kind, null))).GetProperty("itemReviewed").GetProperty("author");

        Assert.Equal(type, author.GetProperty("@type").GetString());
        Assert.False(author.TryGetProperty("sameAs", out _));
    }

    [Fact]
    public void A_verdict_without_a_rating_keeps_its_name_but_gives_no_value()
    {
        var rating = Parse(Review(verdict: new Verdict("unverified", "Unverified", null))).GetProperty("reviewRating");

        Assert.False(rating.TryGetProperty("ratingValue", out _));
        Assert.Equal("Unverified", rating.GetProperty("alternateName").GetString());
        Assert.Equal(5, rating.GetProperty("bestRating").GetInt32());
    }

    [Fact]
    public void A_claim_not_yet_placed_in_an_article_has_no_appearance_or_date()
    {
        var item = Parse(Review(appearances: [])).GetProperty("itemReviewed");

        Assert.False(item.TryGetProperty("appearance", out _));
        Assert.False(item.TryGetProperty("datePublished", out _));
    }

    [Theory]
    [InlineData("</script><script>alert(1)</script>")]
    [InlineData("<!-- <script> -->")]
    [InlineData("Tom & Jerry's \"claim\" \u2028 next line")]
    public void Markup_in_a_statement_stays_inert_inside_a_script_element(string statement)
    {
        var text = ClaimReviewJsonLd.Serialize(Review(statement: statement, claimant: new(statement, ActorKind.Person, null)));

        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        Assert.DoesNotContain('&', text);
        Assert.DoesNotContain('\u2028', text);
        Assert.Equal(statement, JsonDocument.Parse(text).RootElement.GetProperty("claimReviewed").GetString());
    }

    [Fact]
    public void The_organisation_comes_from_configuration_with_a_default()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NewsTracker:Organization"] = " Desk Checks " }).Build();
        var empty = new ConfigurationBuilder().Build();

        Assert.Equal("Desk Checks", ClaimReviewJsonLd.OrganizationName(configured));
        Assert.Equal("NewsTracker", ClaimReviewJsonLd.OrganizationName(empty));
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// schema.org <c>ClaimReview</c> JSON-LD for a published claim, as search engines read fact checks: what was
/// claimed, by whom and where, and the newsroom's verdict as a rating. Used in the claim page's
/// <c>&lt;script type="application/ld+json"&gt;</c> and at <c>/api/v1/claims/{id}.jsonld</c>.
/// </summary>
public static class ClaimReviewJsonLd
{
    /// <summary>The configuration key for the newsroom's name, the review's author.</summary>
    public const string OrganizationKey = "NewsTracker:Organization";

    public const string DefaultOrganization = "NewsTracker";

    public const string ContentType = "application/ld+json";

    /// <summary>The default encoder escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and line separators as
    /// <c>\uXXXX</c>, so the JSON can sit inside a script element: no user text can close it or open a comment.</summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Default,
        WriteIndented = false,
    };

    /// <summary>Who made the claim, as far as the registry knows.</summary>
    public sealed record Claimant(string Name, ActorKind Kind, string? WikidataId);

    /// <summary>An article the claim appears in: its address (the original when known), headline, date and outlet.</summary>
    public sealed record Appearance(string Url, string Headline, DateTime DateUtc, string? Outlet);

    /// <summary>What a review is built from. <paramref name="Url"/> is the claim page's absolute address.</summary>
    public sealed record Input(
        string Url,
        string Statement,
        DateTime PublishedUtc,
        Verdict Verdict,
        string? ReviewBody,
        Claimant? ClaimedBy,
        IReadOnlyList<Appearance> Appearances,
        string Organization,
        string? OrganizationUrl);

    /// <summary>The newsroom's name from <c>NewsTracker:Organization</c>, or "NewsTracker".</summary>
    public static string OrganizationName(IConfiguration configuration) =>
        configuration[OrganizationKey] is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : DefaultOrganization;

    /// <summary>The Wikidata page of an item, e.g. https://www.wikidata.org/wiki/Q3874799.</summary>
    public static string WikidataUrl(string wikidataId) => $"https://www.wikidata.org/wiki/{Uri.EscapeDataString(wikidataId)}";

    public static JsonObject Build(Input input)
    {
        var rating = new JsonObject
        {
            ["@type"] = "Rating",
        };
        if (input.Verdict.Rating is { } value)
        {
            rating["ratingValue"] = value;
        }

        rating["bestRating"] = VerdictScale.BestRating;
        rating["worstRating"] = VerdictScale.WorstRating;
        rating["alternateName"] = input.Verdict.Label;

        var author = new JsonObject { ["@type"] = "Organization", ["name"] = input.Organization };
        if (input.OrganizationUrl is not null)
        {
            author["url"] = input.OrganizationUrl;
        }

        var review = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["url"] = input.Url,
            ["claimReviewed"] = input.Statement,
            ["datePublished"] = Date(input.PublishedUtc),
            ["author"] = author,
            ["reviewRating"] = rating,
            ["itemReviewed"] = ItemReviewed(input),
        };
        if (!string.IsNullOrWhiteSpace(input.ReviewBody))
        {
            review["reviewBody"] = input.ReviewBody;
        }

        return review;
    }

    /// <summary>The review as compact JSON that is safe inside an HTML script element.</summary>
    public static string Serialize(Input input) => Build(input).ToJsonString(Options);

    private static JsonObject ItemReviewed(Input input)
    {
        var claim = new JsonObject { ["@type"] = "Claim" };
        if (input.ClaimedBy is { } claimant)
        {
            // schema.org wants a Person or an Organization as author; countries and government bodies speak as organisations.
            var author = new JsonObject
            {
                ["@type"] = claimant.Kind == ActorKind.Person ? "Person" : "Organization",
                ["name"] = claimant.Name,
            };
            if (claimant.WikidataId is { Length: > 0 } wikidata)
            {
                author["sameAs"] = WikidataUrl(wikidata);
            }

            claim["author"] = author;
        }

        var appearances = input.Appearances.OrderBy(a => a.DateUtc).ToList();
        if (appearances.Count > 0)
        {
            claim["datePublished"] = Date(appearances[0].DateUtc);
            var list = new JsonArray();
            foreach (var appearance in appearances)
            {
                var article = new JsonObject
                {
                    ["@type"] = "NewsArticle",
                    ["url"] = appearance.Url,
                    ["headline"] = appearance.Headline,
                    ["datePublished"] = Date(appearance.DateUtc),
                };
                if (appearance.Outlet is { Length: > 0 } outlet)
                {
                    article["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = outlet };
                }

                list.Add(article);
            }

            claim["appearance"] = list;
        }

        return claim;
    }

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

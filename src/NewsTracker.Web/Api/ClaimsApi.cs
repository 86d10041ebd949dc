using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Api;

/// <summary>
/// Claims in the JSON API: one claim with its claimant, sources, appearances and verdict; a paged list; the review
/// step (submit, publish, reject, reopen); and the CSV export. The public sees published claims only (anything else
/// is 404 or 403); staff (a journalist's or editor's token or cookie) see every state.
/// </summary>
public static class ClaimsApi
{
    /// <summary>A review is an action, a verdict, a comment and a stamp: far less than this.</summary>
    public const long MaxReviewBytes = 1024 * 1024;

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Claims")
            .AddEndpointFilter<ApiProblemFilter>()
            .AddEndpointFilter<ApiCallerFilter>()
            .WithMetadata(OpenApiDocumentation.OptionalBearer);

        // {id:int}, so /claims/{id}.jsonld (the ClaimReview document) is a different route.
        api.MapGet("/claims/{id:int}", async (int id, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(ClaimResponse.From(await mediator.Send(new DetailsQuery(id), cancellationToken), WebAnnotationLinks.For(request))))
            .WithName("GetClaim")
            .WithSummary("One claim: statement, claimant, sources, appearances in articles, verdict and review state. " +
                "Anonymous callers see published claims only (others are 404); staff also get the stamp that review needs.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/claims", async (string? state, int? actor, int? after, int? limit, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(new ListQuery(ParseState(state), actor, after, limit ?? DefaultPageSize), cancellationToken);
                var links = WebAnnotationLinks.For(request);
                return TypedResults.Ok(new ClaimListResponse(result.Items.Select(c => ClaimSummaryResponse.From(c, links)).ToList(), result.Next));
            })
            .WithName("ListClaims")
            .WithSummary("Claims, newest first: ?state=draft|in-review|published|rejected (anonymous callers: published only), " +
                "?actor= (claimant's actor id), ?limit= (1–200). Page with ?after= set to the previous answer's 'next'.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/claims.csv", async (string? state, bool? bom, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var rows = await mediator.Send(new ClaimsCsv.Query(state is null or "all" ? null : ParseState(state)), cancellationToken);
                return Results.Stream(
                    async body =>
                    {
                        // A byte order mark unless asked not to: people open this in spreadsheets, and scripts can say ?bom=false.
                        await using var writer = new StreamWriter(body, bom == false ? CsvWriter.Utf8 : CsvWriter.Utf8WithByteOrderMark, leaveOpen: true);
                        await ClaimsCsv.WriteAsync(writer, rows, WebAnnotationLinks.For(http.Request), cancellationToken);
                    },
                    "text/csv; charset=utf-8; header=present",
                    "claims.csv");
            })
            .WithName("ExportClaimsCsv")
            .WithSummary("Claims with their sources as CSV, one row per claim and source (claims without sources on one row): " +
                string.Join(", ", ClaimsCsv.Columns) + ". Anonymous callers get published claims; staff get all, or ?state=. " +
                "UTF-8 with a byte order mark so spreadsheet programs read it as UTF-8; ?bom=false leaves the mark out.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/claims/{id:int}/review", async (int id, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (!ApiJson.IsJson(request))
                {
                    return ApiJson.UnsupportedMediaType();
                }

                var review = ReadReview(id, await ApiJson.ReadAsync(request, cancellationToken));
                if (review.Stamp is null)
                {
                    return StampRequired.Problem($"Send \"stamp\" as GET /api/v1/claims/{id} answered it, so a review cannot overwrite a change you have not seen.");
                }

                await mediator.Send(review, cancellationToken);
                return TypedResults.Ok(ClaimResponse.From(await mediator.Send(new DetailsQuery(id), cancellationToken), WebAnnotationLinks.For(request)));
            })
            .RequireAuthorization(NewsTrackerHost.Policies.ApiJournalist)
            .WithName("ReviewClaim")
            .WithSummary("Move a claim through review (bearer token): {\"action\": \"submit|publish|reject|reopen\", \"verdict\": key, \"comment\": text, " +
                "\"stamp\": from GET}. Journalists may submit their own drafts; publishing, rejecting, reopening and verdicts are for editors. " +
                "409 when the claim changed since the stamp was read; 428 without the stamp.")
            .Accepts<ReviewInput>("application/json")
            .Produces<ClaimResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxReviewBytes));

        return app;
    }

    private static ReviewState? ParseState(string? state)
    {
        if (string.IsNullOrWhiteSpace(state))
        {
            return null;
        }

        return WebAnnotationJsonLd.TryParseWord<ReviewState>(state, out var parsed)
            ? parsed
            : throw new ValidationFailedException("state", $"“{WebAnnotationJsonLd.Shorten(state)}” is not a review state; use draft, in-review, published or rejected.");
    }

    /// <summary>The review request from its JSON, every field's type checked with a message naming the field.</summary>
    private static Claims.Review ReadReview(int id, JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationFailedException("body", "Send an object: {\"action\": \"publish\", \"verdict\": \"false\", \"comment\": \"…\", \"stamp\": \"…\"}.");
        }

        string? Text(string name)
        {
            if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            errors[name] = [$"\"{name}\" must be text."];
            return null;
        }

        var actionText = Text("action");
        Claims.ReviewAction action = default;
        if (actionText is null)
        {
            errors.TryAdd("action", ["Say what to do: submit, publish, reject or reopen."]);
        }
        else if (!WebAnnotationJsonLd.TryParseWord(actionText, out action))
        {
            errors["action"] = [$"“{WebAnnotationJsonLd.Shorten(actionText)}” is not a review action; use submit, publish, reject or reopen."];
        }

        var stampText = Text("stamp");
        Guid? stamp = null;
        if (stampText is not null)
        {
            if (Guid.TryParse(stampText, out var parsed))
            {
                stamp = parsed;
            }
            else
            {
                errors["stamp"] = ["The stamp is the \"stamp\" value GET /api/v1/claims/{id} answered; send it unchanged."];
            }
        }

        var verdict = Text("verdict");
        var comment = Text("comment");
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new Claims.Review(id, stamp, action, verdict, comment);
    }

    /// <summary>A review step: action submit|publish|reject|reopen, an optional verdict key and comment, and the stamp from GET.</summary>
    public sealed record ReviewInput(string Action, string? Verdict, string? Comment, Guid? Stamp);

    public sealed record Party(int Id, string Name);

    public sealed record SourceItem(int Id, SourceKind Kind, string Description, Party? Actor);

    public sealed record Appearance(int AnnotationId, int ArticleId, string Title, string Slug, string Quote);

    /// <summary>One claim as the caller may see it.</summary>
    public sealed record DetailsQuery(int Id) : IRequest<Details>;

    public sealed record Details(
        int Id,
        string Statement,
        Party? Claimant,
        IReadOnlyList<SourceItem> Sources,
        IReadOnlyList<Appearance> Appearances,
        Verdict Verdict,
        ReviewState State,
        string? ReviewComment,
        DateTime CreatedUtc,
        DateTime? PublishedUtc,
        DateTime UpdatedUtc,
        Guid? Stamp);

    /// <summary>Claims newest first, in <paramref name="State"/> and by claimant <paramref name="ActorId"/> when given,
    /// older than claim <paramref name="After"/> when paging.</summary>
    public sealed record ListQuery(ReviewState? State, int? ActorId, int? After, int Limit) : IRequest<ListResult>;

    public sealed record Summary(int Id, string Statement, Party? Claimant, Verdict Verdict, ReviewState State, DateTime? PublishedUtc, DateTime UpdatedUtc);

    public sealed record ListResult(IReadOnlyList<Summary> Items, string? Next);

    public sealed class DetailsHandler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<DetailsQuery, Details>
    {
        public async Task<Details> Handle(DetailsQuery request, CancellationToken cancellationToken)
        {
            var staff = audit.Editor.IsStaff;
            var claim = await db.Claims.AsNoTracking().VisibleTo(audit.Editor)
                .Where(c => c.Id == request.Id)
                .Select(c => new
                {
                    c.Id,
                    c.Statement,
                    Claimant = c.Claimant != null ? new Party(c.Claimant.Id, c.Claimant.Name) : null,
                    c.Verdict,
                    c.State,
                    c.ReviewComment,
                    c.CreatedUtc,
                    c.PublishedUtc,
                    c.UpdatedUtc,
                    c.ConcurrencyStamp,
                })
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no claim {request.Id}.");

            var sources = await db.ClaimSources.AsNoTracking()
                .Where(cs => cs.ClaimId == claim.Id)
                .OrderBy(cs => cs.SourceId)
                .Select(cs => new SourceItem(
                    cs.Source!.Id,
                    cs.Source.Kind,
                    cs.Source.Description,
                    cs.Source.Actor != null ? new Party(cs.Source.Actor.Id, cs.Source.Actor.Name) : null))
                .ToListAsync(cancellationToken);

            var appearances = await (
                    from a in db.Annotations.AsNoTracking().ListedFor(audit.Editor)
                    where a.ClaimId == claim.Id
                    join article in db.Articles on a.ArticleId equals article.Id
                    orderby article.SortUtc, article.Id, a.Start
                    select new Appearance(a.Id, article.Id, article.Title, article.Slug, a.Exact))
                .ToListAsync(cancellationToken);

            return new Details(claim.Id, claim.Statement, claim.Claimant, sources, appearances, verdicts.Describe(claim.Verdict), claim.State,
                claim.ReviewComment, claim.CreatedUtc, claim.PublishedUtc, claim.UpdatedUtc, staff ? claim.ConcurrencyStamp : null);
        }
    }

    public sealed class ListHandler(NewsTrackerDbContext db, AuditContext audit, VerdictScale verdicts) : IRequestHandler<ListQuery, ListResult>
    {
        public async Task<ListResult> Handle(ListQuery request, CancellationToken cancellationToken)
        {
            if (request.Limit is < 1 or > MaxPageSize)
            {
                throw new ValidationFailedException("limit", $"Ask for 1 to {MaxPageSize} claims per page.");
            }

            var state = Visibility.ClaimStateFor(audit.Editor, request.State, "list");
            var rows = await db.Claims.AsNoTracking()
                .Where(c => (state == null || c.State == state)
                    && (request.ActorId == null || c.ClaimantId == request.ActorId)
                    && (request.After == null || c.Id < request.After))
                .OrderByDescending(c => c.Id)
                .Take(request.Limit + 1)
                .Select(c => new
                {
                    c.Id,
                    c.Statement,
                    Claimant = c.Claimant != null ? new Party(c.Claimant.Id, c.Claimant.Name) : null,
                    c.Verdict,
                    c.State,
                    c.PublishedUtc,
                    c.UpdatedUtc,
                })
                .ToListAsync(cancellationToken);
            var page = rows.Take(request.Limit)
                .Select(c => new Summary(c.Id, c.Statement, c.Claimant, verdicts.Describe(c.Verdict), c.State, c.PublishedUtc, c.UpdatedUtc))
                .ToList();
            return new ListResult(page, rows.Count > request.Limit ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        }
    }

    /// <summary>A verdict as the API shows it: its key, label and schema.org rating (1–5, null for unrated).</summary>
    public sealed record VerdictResponse(string Key, string Label, int? Rating)
    {
        public static VerdictResponse From(Verdict verdict) => new(verdict.Key, verdict.Label, verdict.Rating);
    }

    public sealed record PartyResponse(int Id, string Name, string Url);

    public sealed record SourceResponse(int Id, string Kind, string Description, PartyResponse? Actor);

    public sealed record AppearanceResponse(int AnnotationId, int ArticleId, string Title, string Url, string Quote);

    /// <summary>One claim. <c>state</c> is draft, in-review, published or rejected; <c>stamp</c> (staff only) goes back
    /// with a review step.</summary>
    public sealed record ClaimResponse(
        int Id,
        string Statement,
        PartyResponse? Claimant,
        IReadOnlyList<SourceResponse> Sources,
        IReadOnlyList<AppearanceResponse> Appearances,
        VerdictResponse Verdict,
        string State,
        string? ReviewComment,
        DateTime CreatedUtc,
        DateTime? PublishedUtc,
        DateTime UpdatedUtc,
        string Url,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Stamp)
    {
        public static ClaimResponse From(Details claim, WebAnnotationLinks links) => new(
            claim.Id,
            claim.Statement,
            Party(claim.Claimant, links),
            claim.Sources.Select(s => new SourceResponse(s.Id, WebAnnotationJsonLd.Word(s.Kind), s.Description, Party(s.Actor, links))).ToList(),
            claim.Appearances.Select(a => new AppearanceResponse(a.AnnotationId, a.ArticleId, a.Title, links.Article(a.ArticleId, a.Slug), a.Quote)).ToList(),
            VerdictResponse.From(claim.Verdict),
            WebAnnotationJsonLd.Word(claim.State),
            claim.ReviewComment,
            claim.CreatedUtc,
            claim.PublishedUtc,
            claim.UpdatedUtc,
            links.Claim(claim.Id),
            claim.Stamp);

        internal static PartyResponse? Party(Party? party, WebAnnotationLinks links) =>
            party is null ? null : new PartyResponse(party.Id, party.Name, links.Actor(party.Id));
    }

    public sealed record ClaimSummaryResponse(int Id, string Statement, PartyResponse? Claimant, VerdictResponse Verdict, string State, DateTime? PublishedUtc, DateTime UpdatedUtc, string Url)
    {
        public static ClaimSummaryResponse From(Summary claim, WebAnnotationLinks links) => new(
            claim.Id, claim.Statement, ClaimResponse.Party(claim.Claimant, links), VerdictResponse.From(claim.Verdict), WebAnnotationJsonLd.Word(claim.State),
            claim.PublishedUtc, claim.UpdatedUtc, links.ApiClaim(claim.Id));
    }

    /// <summary>A page of claims; <c>next</c> goes in ?after= for the page after.</summary>
    public sealed record ClaimListResponse(IReadOnlyList<ClaimSummaryResponse> Items, string? Next);
}

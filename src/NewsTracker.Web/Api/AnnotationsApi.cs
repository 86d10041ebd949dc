using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Api;

/// <summary>
/// Tags as W3C Web Annotations (<c>/api/v1/articles/{id}/annotations</c>, <c>/api/v1/annotations/{id}</c>): read an
/// article's annotations as an AnnotationCollection, import annotations in the same format, remove one with its
/// ETag. Anyone reads approved tags whose claim is published; staff (a journalist's or editor's token or cookie)
/// read everything with its status. See <see cref="WebAnnotationJsonLd"/> for the mapping.
/// </summary>
public static class AnnotationsApi
{
    /// <summary>Annotations per page of a collection: a fully tagged long article fits on one.</summary>
    public const int PageSize = 200;

    public static IEndpointRouteBuilder MapAnnotationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Annotations")
            .AddEndpointFilter<ApiProblemFilter>()
            .AddEndpointFilter<ApiCallerFilter>()
            .WithMetadata(OpenApiDocumentation.OptionalBearer);

        api.MapGet("/articles/{id:int}/annotations", async (int id, int? page, HttpRequest request, IMediator mediator, AuditContext audit, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(new ListQuery(id, page ?? 0, PageSize), cancellationToken);
                var links = WebAnnotationLinks.For(request);
                var staff = audit.Editor.IsStaff;
                return new JsonLdResult(page is null
                    ? WebAnnotationJsonLd.Collection(id, result.Title, result.Total, PageSize, result.Rows, links, staff)
                    : WebAnnotationJsonLd.Page(id, page.Value, result.Total, PageSize, result.Rows, links, staff));
            })
            .WithName("ListAnnotations")
            .WithSummary("An article's tags as a W3C Web Annotation AnnotationCollection (JSON-LD) with its first page embedded; " +
                "?page=N (from 0) answers one AnnotationPage. Anonymous callers get approved tags whose claim is published; " +
                "staff (journalist or editor token, or cookie) get every tag with nt:status. Offsets are UTF-16 code units.")
            .Produces(StatusCodes.Status200OK, contentType: WebAnnotationJsonLd.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/annotations/{id:int}", async (int id, HttpRequest request, IMediator mediator, AuditContext audit, CancellationToken cancellationToken) =>
            {
                var row = await mediator.Send(new GetQuery(id), cancellationToken);
                return new JsonLdResult(WebAnnotationJsonLd.Annotation(row, WebAnnotationLinks.For(request), audit.Editor.IsStaff, withContext: true))
                {
                    ETag = ETagOf(row.Stamp),
                };
            })
            .WithName("GetAnnotation")
            .WithSummary("One tag as a W3C Web Annotation (JSON-LD); its ETag is what DELETE's If-Match wants.")
            .Produces(StatusCodes.Status200OK, contentType: WebAnnotationJsonLd.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/articles/{id:int}/annotations", async (int id, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (!ApiJson.IsJson(request))
                {
                    return ApiJson.UnsupportedMediaType();
                }

                var links = WebAnnotationLinks.For(request);
                var read = WebAnnotationJsonLd.Read(await ApiJson.ReadAsync(request, cancellationToken), links);
                if (read.Problems.Count > 0)
                {
                    throw new ValidationFailedException(read.Problems
                        .GroupBy(p => p.Field, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal));
                }

                var saved = await mediator.Send(new ImportAnnotations.Command(id, read.Items, read.IsList), cancellationToken);
                var rows = await mediator.Send(new RowsQuery(saved.Select(s => s.Id).ToList()), cancellationToken);
                return read.IsList
                    ? new JsonLdResult(WebAnnotationJsonLd.Created(rows, links, staff: true), StatusCodes.Status201Created)
                    {
                        Location = links.ArticleAnnotations(id),
                    }
                    : new JsonLdResult(WebAnnotationJsonLd.Annotation(rows[0], links, staff: true, withContext: true), StatusCodes.Status201Created)
                    {
                        Location = links.Annotation(rows[0].Id),
                        ETag = ETagOf(rows[0].Stamp),
                    };
            })
            .RequireAuthorization(NewsTrackerHost.Policies.ApiJournalist)
            .WithName("ImportAnnotations")
            .WithSummary("Tag an article from W3C Web Annotations (Journalist or above, bearer token): one Annotation, an AnnotationCollection " +
                "(first page embedded), an AnnotationPage or a JSON array. Each target's TextQuoteSelector/TextPositionSelector is placed on the " +
                "newest version; bodies name an actor, source or claim by its NewsTracker address or by name (created when new). " +
                "All or nothing: a 400 lists every item that cannot be placed or resolved, and nothing is stored. Journalists' tags are proposals.")
            .Accepts<JsonElement>(WebAnnotationJsonLd.ContentType, "application/json")
            .Produces(StatusCodes.Status201Created, contentType: WebAnnotationJsonLd.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));

        api.MapDelete("/annotations/{id:int}", async (int id, HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var ifMatch = request.Headers.IfMatch.ToString().Trim();
                if (ifMatch.Length == 0)
                {
                    return StampRequired.Problem(
                        $"Send 'If-Match' with the annotation's ETag (GET /api/v1/annotations/{id} answers it), so a tag someone changed since you read it is not removed.");
                }

                Guid? stamp = null;
                if (ifMatch != "*")
                {
                    if (ParseETag(ifMatch) is not { } parsed)
                    {
                        throw new ValidationFailedException("If-Match", $"“{WebAnnotationJsonLd.Shorten(ifMatch)}” is not an ETag NewsTracker gave out; send the ETag header of GET /api/v1/annotations/{id} as it was.");
                    }

                    stamp = parsed;
                }

                try
                {
                    await mediator.Send(new Tags.Delete(id, stamp), cancellationToken);
                }
                catch (ConflictException ex)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed.", detail: ex.Message);
                }

                return Results.NoContent();
            })
            .RequireAuthorization(NewsTrackerHost.Policies.ApiJournalist)
            .WithName("DeleteAnnotation")
            .WithSummary("Remove a tag (Journalist or above, bearer token; journalists only their own unapproved proposals). " +
                "'If-Match' must carry the ETag from GET (or *); 412 when the tag changed since, naming who changed it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden);

        return app;
    }

    /// <summary>The largest import body accepted: 500 annotations with long quotes and notes fit well inside.</summary>
    public const long MaxImportBytes = 8 * 1024 * 1024;

    public static string ETagOf(Guid stamp) => $"\"{stamp:D}\"";

    /// <summary>The stamp inside an ETag (<c>"…"</c> or <c>W/"…"</c>), or null.</summary>
    public static Guid? ParseETag(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length > 2 && text[0] == '"' && text[^1] == '"' && Guid.TryParseExact(text[1..^1], "D", out var stamp) ? stamp : null;
    }

    private static IQueryable<WebAnnotationJsonLd.Row> Project(IQueryable<Annotation> annotations, NewsTrackerDbContext db) =>
        annotations.Select(a => new WebAnnotationJsonLd.Row(
            a.Id,
            a.ArticleId,
            a.Version!.Number,
            a.Kind,
            a.Start,
            a.End,
            a.Exact,
            a.Prefix,
            a.Suffix,
            a.Status,
            a.IsOrphaned,
            a.OrphanReason,
            a.Note,
            a.CreatedUtc,
            a.UpdatedUtc,
            db.Users.Where(u => u.Id == a.CreatedByUserId).Select(u => u.UserName).FirstOrDefault(),
            a.ConcurrencyStamp,
            a.ActorId ?? a.SourceId ?? a.ClaimId ?? 0,
            a.ActorId != null ? a.Actor!.Name : a.SourceId != null ? a.Source!.Description : a.Claim!.Statement,
            a.ActorId != null ? (ActorKind?)a.Actor!.Kind : null,
            a.SourceId != null ? (SourceKind?)a.Source!.Kind : null));

    /// <summary>One page (from 0) of an article's tags the caller may see, in text order.</summary>
    public sealed record ListQuery(int ArticleId, int Page, int PageSize) : IRequest<ListResult>;

    public sealed record ListResult(string Title, int Total, IReadOnlyList<WebAnnotationJsonLd.Row> Rows);

    /// <summary>One tag the caller may see (404 otherwise).</summary>
    public sealed record GetQuery(int Id) : IRequest<WebAnnotationJsonLd.Row>;

    /// <summary>Tags by id, for answering an import; the caller made them, so no visibility filter.</summary>
    public sealed record RowsQuery(IReadOnlyList<int> Ids) : IRequest<IReadOnlyList<WebAnnotationJsonLd.Row>>;

    public sealed class ListHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<ListQuery, ListResult>
    {
        public async Task<ListResult> Handle(ListQuery request, CancellationToken cancellationToken)
        {
            if (request.Page < 0)
            {
                throw new ValidationFailedException("page", "Pages are numbered from 0.");
            }

            var title = await db.Articles.AsNoTracking().Where(a => a.Id == request.ArticleId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"There is no article {request.ArticleId}.");
            var visible = db.Annotations.AsNoTracking().ListedFor(audit.Editor).Where(a => a.ArticleId == request.ArticleId);
            var total = await visible.CountAsync(cancellationToken);
            if (request.Page > WebAnnotationJsonLd.LastPage(total, request.PageSize))
            {
                throw new NotFoundException($"Article {request.ArticleId} has {total} annotations; there is no page {request.Page}.");
            }

            var rows = await Project(visible.OrderBy(a => a.Start).ThenBy(a => a.End).ThenBy(a => a.Id)
                    .Skip(request.Page * request.PageSize).Take(request.PageSize), db)
                .ToListAsync(cancellationToken);
            return new ListResult(title, total, rows);
        }
    }

    public sealed class GetHandler(NewsTrackerDbContext db, AuditContext audit) : IRequestHandler<GetQuery, WebAnnotationJsonLd.Row>
    {
        public async Task<WebAnnotationJsonLd.Row> Handle(GetQuery request, CancellationToken cancellationToken) =>
            await Project(db.Annotations.AsNoTracking().ListedFor(audit.Editor).Where(a => a.Id == request.Id), db).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no annotation {request.Id}.");
    }

    public sealed class RowsHandler(NewsTrackerDbContext db) : IRequestHandler<RowsQuery, IReadOnlyList<WebAnnotationJsonLd.Row>>
    {
        public async Task<IReadOnlyList<WebAnnotationJsonLd.Row>> Handle(RowsQuery request, CancellationToken cancellationToken)
        {
            var ids = request.Ids.ToList();
            var rows = await Project(db.Annotations.AsNoTracking().Where(a => ids.Contains(a.Id)), db).ToListAsync(cancellationToken);
            return rows.OrderBy(r => ids.IndexOf(r.Id)).ToList();
        }
    }
}

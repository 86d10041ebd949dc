using FluentValidation;
using MediatR;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Many <see cref="IngestArticle.Command"/>s at once, for bulk import: each item is validated and
/// prepared exactly as a single ingest is (several preparations in parallel), then all that prepared
/// are stored by <see cref="StoreArticle"/> in one write transaction, so a large import pays for one
/// commit per batch instead of one per article. An item that fails validation or preparation is
/// reported and stored nowhere; the others go on.
/// </summary>
public static class IngestArticles
{
    /// <summary>The largest batch: a transaction short enough that other writers barely wait.</summary>
    public const int MaxBatch = 200;

    /// <summary>Preparations (fetching, extraction) running at once.</summary>
    public const int PrepareParallelism = 4;

    public sealed record Command(IReadOnlyList<IngestArticle.Command> Items, string? UserId = null) : IRequest<IReadOnlyList<ItemResult>>;

    /// <summary>One item's fate, in the order given: stored (with its result) or refused (with why).</summary>
    public sealed record ItemResult(IngestArticle.Result? Result, string? Error);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Items.Count).InclusiveBetween(1, MaxBatch).WithMessage($"Send between 1 and {MaxBatch} articles at a time.");
    }

    public sealed class Handler(ArticlePreparer preparer, IValidator<IngestArticle.Command> itemValidator, IMediator mediator)
        : IRequestHandler<Command, IReadOnlyList<ItemResult>>
    {
        public async Task<IReadOnlyList<ItemResult>> Handle(Command request, CancellationToken cancellationToken)
        {
            var prepared = new PreparedArticle?[request.Items.Count];
            var errors = new string?[request.Items.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, request.Items.Count),
                new ParallelOptions { MaxDegreeOfParallelism = PrepareParallelism, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    try
                    {
                        var validation = await itemValidator.ValidateAsync(request.Items[i], token);
                        if (!validation.IsValid)
                        {
                            errors[i] = string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal));
                            return;
                        }

                        prepared[i] = await preparer.PrepareAsync(request.Items[i], token);
                    }
                    catch (ValidationFailedException ex)
                    {
                        errors[i] = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
                    }
                });

            var ready = prepared.Where(p => p is not null).Select(p => p!).ToList();
            var stored = ready.Count == 0 ? [] : await mediator.Send(new StoreArticle.Command(ready, request.UserId), cancellationToken);

            var results = new ItemResult[request.Items.Count];
            var next = 0;
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = prepared[i] is null ? new ItemResult(null, errors[i]) : new ItemResult(stored[next++], null);
                Hosting.NewsTrackerMetrics.RecordIngest(request.Items[i].Origin, results[i].Result?.Outcome);
            }

            return results;
        }
    }
}

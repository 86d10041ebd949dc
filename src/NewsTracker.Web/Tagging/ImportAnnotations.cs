using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// Imports annotations (read from W3C Web Annotation JSON-LD by <see cref="WebAnnotationJsonLd.Read"/>) onto an
/// article's newest version: every item is placed by its selectors and its actor, source or claim found, and only
/// then is each sent as a <see cref="Tags.Create"/>, all in this command's one transaction and one audit change
/// (so undo takes back the whole import). All or nothing: when any item cannot be placed or resolved, the answer
/// is one 400 listing every bad item by its index and nothing is stored.
/// </summary>
public static class ImportAnnotations
{
    /// <summary>What went wrong with one part of an item, for its field in the 400.</summary>
    public sealed record Problem(string Field, string Message);

    /// <summary>Our own actor, source or claim, named by its address.</summary>
    public sealed record Reference(AnnotationKind Kind, int Id, string Address);

    /// <summary>One annotation as read from the client. <paramref name="Reference"/> is set when the body names
    /// our actor, source or claim by address; otherwise <paramref name="Label"/> (name, description or statement)
    /// finds or creates one. <paramref name="Problems"/> are what could not even be read.</summary>
    public sealed record Item(
        TextQuoteSelector? Quote,
        TextPositionSelector? Position,
        AnnotationKind? Kind,
        Reference? Reference,
        string? ForeignAddress,
        string? Label,
        ActorKind? ActorKind,
        SourceKind? SourceKind,
        string? Note,
        IReadOnlyList<Problem> Problems);

    /// <summary>Import <paramref name="Items"/> onto article <paramref name="ArticleId"/>. <paramref name="IsList"/>
    /// says whether the client sent a list (then problems are reported as <c>items[i].field</c>).</summary>
    public sealed record Command(int ArticleId, IReadOnlyList<Item> Items, bool IsList) : ICommand<IReadOnlyList<Tags.Saved>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Items).NotEmpty().WithMessage("There is nothing to import: send at least one annotation.")
                .Must(i => i.Count <= WebAnnotationJsonLd.MaxImportItems)
                .WithMessage($"One import can carry at most {WebAnnotationJsonLd.MaxImportItems} annotations; split it into several.");
        }
    }

    public sealed class Handler(
        NewsTrackerDbContext db,
        AuditContext audit,
        IMediator mediator,
        IEnumerable<IValidator<Tags.Create>> createValidators) : IRequestHandler<Command, IReadOnlyList<Tags.Saved>>
    {
        public async Task<IReadOnlyList<Tags.Saved>> Handle(Command request, CancellationToken cancellationToken)
        {
            TagRules.RequireProposer(audit.Editor);
            var version = await Tags.CurrentVersionAsync(db, request.ArticleId, null, cancellationToken);
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Report(int index, string field, string message)
            {
                var key = request.IsList ? $"items[{index}].{field}" : field;
                if (!errors.TryGetValue(key, out var list))
                {
                    errors[key] = list = [];
                }

                list.Add(request.IsList ? $"Annotation {index + 1} of {request.Items.Count}: {message}" : message);
            }

            // First every item is placed and resolved without writing anything, so every bad item is reported.
            var creates = new List<Tags.Create>(request.Items.Count);
            for (var i = 0; i < request.Items.Count; i++)
            {
                var item = request.Items[i];
                if (item.Problems.Count > 0)
                {
                    foreach (var problem in item.Problems)
                    {
                        Report(i, problem.Field, problem.Message);
                    }

                    continue;
                }

                var problems = new List<Problem>();
                var anchor = Place(version.Text, item, problems);
                var create = anchor is null || item.Kind is null ? null : await ResolveAsync(request.ArticleId, version.Number, item, anchor, problems, cancellationToken);
                if (item.Kind is null)
                {
                    problems.Add(new("body", "Say what the annotation marks: a TextualBody with purpose \"tagging\" and value \"actor\", \"source\" or \"claim\" (or \"nt:kind\")."));
                }

                if (create is not null)
                {
                    foreach (var validator in createValidators)
                    {
                        var result = await validator.ValidateAsync(create, cancellationToken);
                        problems.AddRange(result.Errors.Select(e => new Problem(FieldOf(e.PropertyName), e.ErrorMessage)));
                    }
                }

                foreach (var problem in problems.DistinctBy(p => (p.Field, p.Message)))
                {
                    Report(i, problem.Field, problem.Message);
                }

                if (create is not null && problems.Count == 0)
                {
                    creates.Add(create);
                }
            }

            if (errors.Count > 0)
            {
                throw Failure(errors);
            }

            // Then each is created as the tagging page would create it. What only shows now (the same span tagged
            // twice, in this import or before it) is collected too; any problem rolls the whole import back.
            var saved = new List<Tags.Saved>(creates.Count);
            for (var i = 0; i < creates.Count; i++)
            {
                try
                {
                    saved.Add(await mediator.Send(creates[i], cancellationToken));
                }
                catch (ValidationFailedException ex)
                {
                    foreach (var (field, messages) in ex.Errors)
                    {
                        foreach (var message in messages)
                        {
                            Report(i, FieldOf(field), message);
                        }
                    }

                    // Rows the failed create added but never saved must not ride along with the next one.
                    db.ChangeTracker.Clear();
                }
            }

            if (errors.Count > 0)
            {
                throw Failure(errors);
            }

            return saved;
        }

        /// <summary>The span an item's selectors give in the newest text, or null with the reason.</summary>
        private static TextAnchor? Place(string text, Item item, List<Problem> problems)
        {
            const string Field = "target";
            if (item.Position is { } p && (p.Start < 0 || p.End < 0 || p.End <= p.Start))
            {
                // A reversed, negative or empty span is a broken selector whatever the quote says.
                problems.Add(new(Field, TextAnchor.Validate(text, p.Start, p.End)!.Message));
                return null;
            }

            if (item.Quote is { } q && HasUnpairedSurrogate(q.Exact))
            {
                problems.Add(new(Field, "The quote contains half of an emoji or other character that takes two code units. Send whole characters."));
                return null;
            }

            ReanchorResult result;
            try
            {
                result = WebAnnotationSelectors.ToAnchor(text, item.Quote, item.Position);
            }
            catch (ValidationFailedException ex)
            {
                problems.AddRange(ex.Errors.SelectMany(e => e.Value).Select(m => new Problem(Field, m)));
                return null;
            }

            switch (result)
            {
                case ReanchorResult.Placed { Method: AnchorMethod.Fuzzy } fuzzy:
                    problems.Add(new(Field, $"The quote “{Shorten(item.Quote!.Exact)}” is not in the article's text; the closest passage reads “{Shorten(fuzzy.Anchor.Exact)}”. Quote the text exactly."));
                    return null;
                case ReanchorResult.Placed placed:
                    return placed.Anchor;
                case ReanchorResult.Orphaned orphan:
                    var exact = item.Quote?.Exact ?? string.Empty;
                    var copies = Occurrences(text, exact);
                    problems.Add(new(Field, copies switch
                    {
                        0 => $"The quote “{Shorten(exact)}” is not in the article's text. Quote the article exactly (its newest version).",
                        > 1 => $"The quote “{Shorten(exact)}” appears {copies} times in the article's text and nothing tells which one is meant. Add the text before and after it (prefix, suffix) or a TextPositionSelector.",
                        _ => $"The quote “{Shorten(exact)}” could not be placed in the article's text: {orphan.Reason}",
                    }));
                    return null;
                default:
                    throw new InvalidOperationException("Unknown re-anchoring result.");
            }
        }

        /// <summary>The create command for a placed item: its actor, source or claim by our address, else by name.</summary>
        private async Task<Tags.Create?> ResolveAsync(int articleId, int version, Item item, TextAnchor anchor, List<Problem> problems, CancellationToken cancellationToken)
        {
            const string Field = "body";
            var kind = item.Kind!.Value;
            var create = new Tags.Create(articleId, version, kind, anchor.Start, anchor.End, anchor.Exact, Note: item.Note);
            var label = string.IsNullOrWhiteSpace(item.Label) ? null : item.Label.Trim();

            if (item.Reference is { } reference)
            {
                switch (kind)
                {
                    case AnnotationKind.ActorMention:
                        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == reference.Id).Select(a => new { a.Id, a.MergedIntoId }).FirstOrDefaultAsync(cancellationToken);
                        if (actor is null)
                        {
                            problems.Add(new(Field, $"There is no actor {reference.Id} ({reference.Address}). Name the actor instead, or use an actor from the registry."));
                            return null;
                        }

                        // An export made before a merge names the merged actor; its mentions now belong to the one kept.
                        return create with { ActorId = actor.MergedIntoId ?? actor.Id };
                    case AnnotationKind.Source:
                        if (!await db.Sources.AnyAsync(s => s.Id == reference.Id, cancellationToken))
                        {
                            problems.Add(new(Field, $"There is no source {reference.Id} ({reference.Address}). Describe the source instead."));
                            return null;
                        }

                        return create with { SourceId = reference.Id };
                    default:
                        if (!await db.Claims.AnyAsync(c => c.Id == reference.Id, cancellationToken))
                        {
                            problems.Add(new(Field, $"There is no claim {reference.Id} ({reference.Address}). Word the claim instead."));
                            return null;
                        }

                        return create with { ClaimId = reference.Id };
                }
            }

            if (label is null)
            {
                var what = kind switch
                {
                    AnnotationKind.ActorMention => "who the actor is: give the actor's address here (…/actors/{id}) or a TextualBody with purpose \"describing\" and the actor's name",
                    AnnotationKind.Source => "what the source is: give its address here (…/sources/{id}) or a TextualBody with purpose \"describing\" and its description",
                    _ => "what the claim is: give its address here (…/claims/{id}) or a TextualBody with purpose \"describing\" and the claim's statement",
                };
                problems.Add(new(Field, item.ForeignAddress is null
                    ? $"Say {what}."
                    : $"{item.ForeignAddress} is not an address NewsTracker knows. Say {what}."));
                return null;
            }

            switch (kind)
            {
                case AnnotationKind.ActorMention:
                    return create with { NewActor = new Actors.NewActor(label, item.ActorKind ?? ActorKind.Other) };
                case AnnotationKind.Source:
                    return create with { NewSource = new Sources.NewSource(item.SourceKind ?? SourceKind.UnspecifiedReports, label) };
                default:
                    // A claim is worded once however many articles carry it: the same statement is the same claim.
                    // Compared ignoring case in memory (provider-neutral); claims of one exact length are few.
                    var candidates = await db.Claims.AsNoTracking()
                        .Where(c => c.Statement.Length == label.Length)
                        .OrderBy(c => c.Id)
                        .Select(c => new { c.Id, c.Statement })
                        .ToListAsync(cancellationToken);
                    var existing = candidates.FirstOrDefault(c => string.Equals(c.Statement, label, StringComparison.OrdinalIgnoreCase));
                    return existing is null
                        ? create with { NewClaim = new Claims.NewClaim(label) }
                        : create with { ClaimId = existing.Id };
            }
        }

        /// <summary>Where a create command's field lives in the annotation: the span in its target, the rest in its body.</summary>
        private static string FieldOf(string property) =>
            property is "Start" or "End" or "Exact" or "start" or "end" or "exact" ? "target" : "body";

        private static ValidationFailedException Failure(Dictionary<string, List<string>> errors) =>
            new(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

        private static int Occurrences(string text, string quote)
        {
            var count = 0;
            for (var at = quote.Length == 0 ? -1 : text.IndexOf(quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(quote, at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private static bool HasUnpairedSurrogate(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Shorten(string text) => WebAnnotationJsonLd.Shorten(text);
    }
}

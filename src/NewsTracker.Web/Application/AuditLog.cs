using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Application;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every insert, update and delete of the tagging rows, in the same
/// SaveChanges (so in the same transaction) as the change itself. Rows are recorded column by column as JSON,
/// which is what history shows and what undo restores. Tag entities also get their update stamp here: a
/// modified annotation, claim, actor or source gets a new concurrency stamp, the time and the user.
/// </summary>
public static class AuditLog
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";

    /// <summary>The row types the log covers.</summary>
    public static readonly IReadOnlySet<Type> AuditedTypes = new HashSet<Type>
    {
        typeof(Annotation), typeof(Claim), typeof(ClaimSource), typeof(Actor), typeof(ActorAlias), typeof(Source),
        typeof(Topic), typeof(Milestone), typeof(RejectedSuggestion), typeof(SuggestionFormDecision),
    };

    /// <summary>The row types readers see, directly or through a topic: a change to any of them makes cached
    /// public pages stale (see <see cref="AuditContext.ContentChanged"/>). Dismissed suggestions and what they
    /// teach are staff-only, so they are audited (history, undo) without evicting anything.</summary>
    private static readonly HashSet<Type> ContentTypes = new(AuditedTypes.Where(t => t != typeof(RejectedSuggestion) && t != typeof(SuggestionFormDecision)))
    {
        typeof(Article), typeof(ArticleVersion), typeof(TopicActor), typeof(TopicArticle),
    };

    internal static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A change seen before saving; its entry is finished after saving, when new keys are known.</summary>
    internal sealed record Pending(EntityEntry Entry, string Action, string? Before);

    /// <summary>Stamps modified tag rows and notes what will change. Call just before the real save.
    /// <paramref name="contentChanged"/> is which cached pages this save makes stale, null when it changes nothing
    /// readers see.</summary>
    internal static List<Pending> Capture(NewsTrackerDbContext db, AuditContext audit, DateTime now, out ContentScope? contentChanged)
    {
        var pending = new List<Pending>();
        contentChanged = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if ((entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && ContentTypes.Contains(entry.Metadata.ClrType))
            {
                audit.ContentChanged = true;
                contentChanged ??= new ContentScope();
                PagesShowing(entry, contentChanged);
            }

            if ((!AuditedTypes.Contains(entry.Metadata.ClrType) && !IsStoryMove(entry)) || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity is ITagEntity tag && entry.State is EntityState.Added or EntityState.Modified)
            {
                tag.UpdatedUtc = now;
                tag.UpdatedByUserId = audit.Editor.UserId;
                // Undo sets the stamp back to what it was, so a row restored exactly is current again for anyone
                // who had it open; every other change gets a fresh stamp. A row marked Modified as a whole (so the
                // claim's history records a change of its sources) has every property "modified" with the stamp
                // unchanged: that is not a restore, and it too needs a fresh stamp.
                var stamp = entry.Property(nameof(ITagEntity.ConcurrencyStamp));
                if (entry.State == EntityState.Modified && (!stamp.IsModified || Equals(stamp.OriginalValue, stamp.CurrentValue)))
                {
                    tag.ConcurrencyStamp = Guid.NewGuid();
                }
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new Pending(entry, Created, null));
                    break;
                case EntityState.Modified when entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not nameof(ITagEntity.UpdatedUtc) and not nameof(ITagEntity.UpdatedByUserId) and not nameof(ITagEntity.ConcurrencyStamp)):
                    pending.Add(new Pending(entry, Updated, Serialize(entry, original: true)));
                    break;
                case EntityState.Deleted:
                    pending.Add(new Pending(entry, Deleted, Serialize(entry, original: true)));
                    break;
            }
        }

        if (contentChanged is not null)
        {
            audit.Changes.AddRange(contentChanged);
        }

        return pending;
    }

    /// <summary>Adds the cached pages that show <paramref name="entry"/>'s row, before and after the change, to
    /// <paramref name="scope"/>. Rows shown on many pages (actors' names, claims, sources) make it everything.</summary>
    private static void PagesShowing(EntityEntry entry, ContentScope scope)
    {
        switch (entry.Entity)
        {
            case Article:
                // A new article has no page yet; the story it joins lists it on its other articles' pages.
                AddIds(entry, nameof(Article.Id), ContentScope.Article, scope);
                AddIds(entry, nameof(Article.StoryId), ContentScope.Story, scope);
                AddIds(entry, nameof(Article.OutletId), ContentScope.Outlet, scope);
                scope.Add(ContentScope.SearchTopics);
                break;
            case ArticleVersion:
                AddIds(entry, nameof(ArticleVersion.ArticleId), ContentScope.Article, scope);
                scope.Add(ContentScope.SearchTopics);
                break;
            case Annotation:
                // The article's page, the topics it is in, the actor's page and the topics an approved mention of a chosen
                // actor adds it to.
                AddIds(entry, nameof(Annotation.ArticleId), ContentScope.Article, scope);
                AddIds(entry, nameof(Annotation.ActorId), ContentScope.Actor, scope);
                break;
            case Topic:
                AddIds(entry, nameof(Topic.Id), ContentScope.Topic, scope);
                break;
            case Milestone or TopicActor or TopicArticle:
                AddIds(entry, nameof(Milestone.TopicId), ContentScope.Topic, scope);
                break;
            default:
                scope.AddEverything();
                break;
        }
    }

    /// <summary>Adds the tag of the row's <paramref name="property"/> as it was and as it is, skipping keys not yet
    /// assigned (a row inserted in this save has no page yet).</summary>
    private static void AddIds(EntityEntry entry, string property, Func<int, string> tag, ContentScope scope)
    {
        var value = entry.Property(property);
        if (value.IsTemporary)
        {
            return;
        }

        if (value.CurrentValue is int current)
        {
            scope.Add(tag(current));
        }

        if (entry.State == EntityState.Modified && value.OriginalValue is int original)
        {
            scope.Add(tag(original));
        }
    }

    /// <summary>An article put in another story (an editor's split, merge or move): audited so history shows it and
    /// undo takes it back. Other article changes (ingest, new versions) are not tag changes and stay out of the log.</summary>
    private static bool IsStoryMove(EntityEntry entry) =>
        entry.Entity is Article && entry.State == EntityState.Modified && entry.Property(nameof(Article.StoryId)).IsModified;

    /// <summary>The audit rows for changes that were just saved.</summary>
    internal static IEnumerable<AuditEntry> Complete(IEnumerable<Pending> pending, AuditContext audit, DateTime now) =>
        pending.Select(p => new AuditEntry
        {
            ChangeId = audit.ChangeId,
            EntityType = p.Entry.Metadata.ClrType.Name,
            EntityKey = KeyOf(p.Entry),
            Action = p.Action,
            Summary = Summarise(p.Entry.Entity, p.Action),
            ArticleId = p.Entry.Entity switch
            {
                Annotation annotation => annotation.ArticleId,
                Article article => article.Id,
                SuggestionFormDecision decision => decision.ArticleId,
                RejectedSuggestion => audit.SubjectArticleId,
                _ => null,
            },
            ClaimId = p.Entry.Entity switch
            {
                Annotation tag => tag.ClaimId,
                Claim c => c.Id,
                ClaimSource s => s.ClaimId,
                _ => null,
            },
            ActorId = p.Entry.Entity switch
            {
                Annotation mention => mention.ActorId,
                Claim c => c.ClaimantId,
                Actor actor => actor.Id,
                ActorAlias alias => alias.ActorId,
                Source s => s.ActorId,
                _ => null,
            },
            UserId = audit.Editor.UserId,
            UserName = audit.Editor.UserName,
            AtUtc = now,
            Before = p.Before,
            After = p.Action == Deleted ? null : Serialize(p.Entry, original: false),
            Undoable = audit.Undoable && audit.Editor.UserId is not null,
        });

    /// <summary>The row's key as text: "12", or "3/7" for a composite key.</summary>
    internal static string KeyOf(EntityEntry entry) =>
        string.Join('/', entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));

    private static string Serialize(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            values[property.Metadata.Name] = original ? property.OriginalValue : property.CurrentValue;
        }

        return JsonSerializer.Serialize(values, Json);
    }

    private static string Summarise(object entity, string action) => entity switch
    {
        Annotation a => $"{action} {a.Kind.Label().ToLowerInvariant()} tag on “{Shorten(a.Exact)}”",
        Claim c => $"{action} claim “{Shorten(c.Statement)}”",
        ClaimSource s => $"{action} source {s.SourceId} of claim {s.ClaimId}",
        Actor a => $"{action} actor “{Shorten(a.Name)}”",
        ActorAlias a => $"{action} alias “{Shorten(a.Name)}” of actor {a.ActorId}",
        Source s => $"{action} source “{Shorten(s.Description)}”",
        Topic t => $"{action} topic “{Shorten(t.Name)}”",
        Milestone m => $"{action} milestone “{Shorten(m.Text)}”",
        Article a => $"Moved article “{Shorten(a.Title)}” to story {a.StoryId}",
        RejectedSuggestion r => action == Deleted ? $"Offered the suggested {r.Kind.Label().ToLowerInvariant()} again" : $"Dismissed a suggested {r.Kind.Label().ToLowerInvariant()}",
        SuggestionFormDecision d => action == Deleted ? $"Forgot the decision on “{Shorten(d.Form)}”" : d.Accepted ? $"Accepted the wording “{Shorten(d.Form)}”" : $"Turned down the wording “{Shorten(d.Form)}”",
        _ => action,
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");
}

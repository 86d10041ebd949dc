namespace NewsTracker.Web.Application;

/// <summary>
/// Per-scope facts the audit log needs: who is changing things and which change (one command) an entry
/// belongs to. The web request's user is taken from the HTTP context; the command line and background work
/// run as the system. <see cref="Undoable"/> is switched off for system work such as re-anchoring.
/// </summary>
public sealed class AuditContext(IHttpContextAccessor? httpContextAccessor = null)
{
    private Editor? _editor;

    /// <summary>The change the next audit entries belong to; a new one starts with each top-level command.</summary>
    public Guid ChangeId { get; private set; } = Guid.NewGuid();

    /// <summary>Whether entries written now can be undone by their author.</summary>
    public bool Undoable { get; set; } = true;

    /// <summary>The person behind the current web request (anonymous included), or the system outside one.</summary>
    public Editor Editor
    {
        // Inside a web request it is always the request's user (an anonymous visitor is Editor.Anonymous, never
        // the system), so a page or endpoint that forgot its own check still cannot act with the system's rights.
        get => _editor ??= httpContextAccessor?.HttpContext is { } http
            ? Editor.From(http.User)
            : Editor.System;
        set => _editor = value;
    }

    /// <summary>Whether this scope saved anything readers see (articles, tags, claims, actors, sources,
    /// topics, milestones) since the change began: only then are cached public pages out of date. Feed
    /// bookkeeping, tokens and dismissed suggestions leave it false.</summary>
    public bool ContentChanged { get; set; }

    /// <summary>Which cached pages this scope's saves made stale since the change began.</summary>
    public ContentScope Changes { get; private set; } = new();

    /// <summary>The article a change is about, for audited rows that do not name it themselves (a dismissed suggestion
    /// names a version): its history lists them.</summary>
    public int? SubjectArticleId { get; set; }

    /// <summary>True once a command's transaction has begun in this scope: its content changes are evicted from this
    /// instance's cache by the mediator when it commits. Saves outside commands (seeding, maintenance) are not, so
    /// the shared invalidation loop must treat them like another instance's.</summary>
    public bool InCommand { get; private set; }

    /// <summary>True while a top-level command's transaction is open (set by <c>TransactionBehavior</c>): its saves share
    /// one <c>ContentChanges</c> row, <see cref="ChangeRow"/>, rather than writing one each.</summary>
    public bool InCommandTransaction { get; private set; }

    /// <summary>The <c>ContentChanges</c> row the open command transaction wrote, with the scope it was written with;
    /// later saves widen <see cref="Changes"/> instead, and the command brings the row up to date before its commit.</summary>
    public (long Id, string? Scope)? ChangeRow { get; set; }

    /// <summary>Starts a new change: everything saved from now until the next call is undone together.</summary>
    public void BeginChange()
    {
        InCommand = true;
        ChangeRow = null;
        ChangeId = Guid.NewGuid();
        Undoable = true;
        ContentChanged = false;
        Changes = new ContentScope();
        SubjectArticleId = null;
    }

    /// <summary>Marks the command's transaction open or over (<c>TransactionBehavior</c>).</summary>
    public void InTransaction(bool open)
    {
        InCommandTransaction = open;
        ChangeRow = null;
    }
}

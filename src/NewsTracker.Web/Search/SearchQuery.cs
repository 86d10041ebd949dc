namespace NewsTracker.Web.Search;

/// <summary>
/// A parsed search: what to match in the text, and filters on metadata. Built by
/// <see cref="SearchQueryParser"/> from the query language people already know:
/// <c>words "a phrase" -excluded a OR b prefix* title:word outlet:name actor:name topic:slug lang:en
/// after:2026-01-01 before:2026-12-31</c>.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>Groups that must all match; the terms inside one group are alternatives (OR).</summary>
    public IReadOnlyList<IReadOnlyList<SearchTerm>> Required { get; init; } = [];

    /// <summary>Terms none of which may match.</summary>
    public IReadOnlyList<SearchTerm> Excluded { get; init; } = [];

    public IReadOnlyList<string> Outlets { get; init; } = [];

    public IReadOnlyList<string> Actors { get; init; } = [];

    public IReadOnlyList<string> Topics { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Only these articles (the members of the <see cref="Topics"/>), set by the index when it resolves them.</summary>
    public IReadOnlyList<int>? WithinArticleIds { get; init; }

    /// <summary>Published (or stored) on or after this day, UTC.</summary>
    public DateTime? AfterUtc { get; init; }

    /// <summary>Published (or stored) before the end of this day, UTC.</summary>
    public DateTime? BeforeUtc { get; init; }

    /// <summary>Parts of the input that could not be used, with why, to tell the person.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool HasText => Required.Count > 0;

    public bool HasFilters => Outlets.Count + Actors.Count + Topics.Count + Languages.Count > 0 || AfterUtc is not null || BeforeUtc is not null;
}

/// <summary>One thing to look for: a word, a phrase, or a word prefix, optionally only in the title.</summary>
public sealed record SearchTerm(string Text, SearchTermKind Kind, bool TitleOnly = false);

/// <summary>How a <see cref="SearchTerm"/> matches.</summary>
public enum SearchTermKind
{
    Word,
    Phrase,
    Prefix,
}

using System.Globalization;
using NewsTracker.Web.Data.Configurations;

namespace NewsTracker.Web.Application;

/// <summary>
/// Which cached public pages a change makes stale, named by the output-cache tags those pages carry: an article's
/// page (<see cref="Article"/>), the pages that show a story's articles (<see cref="Story"/>), a topic's pages
/// (<see cref="Topic"/>), an actor's page and the topics that choose the actor (<see cref="Actor"/>), an outlet's pages
/// (<see cref="Outlet"/>), and the topics whose saved search a
/// new or changed text may now match (<see cref="SearchTopics"/>). A change that can show anywhere (an actor's
/// name, a claim) is <see cref="Everything"/>. It travels in <see cref="ContentChanged"/> to this instance's cache
/// and in the <c>ContentChanges</c> row to the others.
/// </summary>
public sealed class ContentScope
{
    /// <summary>The tag every cached public page carries.</summary>
    public const string AllPages = "topics";

    /// <summary>The tag of topic pages defined (also) by a saved search.</summary>
    public const string SearchTopics = "search-topics";

    private readonly HashSet<string> _tags = new(StringComparer.Ordinal);

    /// <summary>True when the change may show on any cached page.</summary>
    public bool Everything { get; private set; }

    /// <summary>The tags to evict, unless <see cref="Everything"/>.</summary>
    public IReadOnlyCollection<string> Tags => _tags;

    public bool IsEmpty => !Everything && _tags.Count == 0;

    public static string Article(int id) => Tag("article", id);

    public static string Story(int id) => Tag("story", id);

    public static string Topic(int id) => Tag("topic", id);

    public static string Actor(int id) => Tag("actor", id);

    /// <summary>An outlet's pages: its articles and counts.</summary>
    public static string Outlet(int id) => Tag("outlet", id);

    public void Add(string tag) => _tags.Add(tag);

    public void AddEverything() => Everything = true;

    public void AddRange(ContentScope other)
    {
        Everything |= other.Everything;
        _tags.UnionWith(other._tags);
    }

    /// <summary>The tags separated by spaces for the <c>ContentChanges</c> row; null (everything) when they do not
    /// fit, as after a bulk import, which touches too many pages to name.</summary>
    public string? ToStored()
    {
        var text = Everything ? null : string.Join(' ', _tags.Order(StringComparer.Ordinal));
        return text is null || text.Length > ContentChangeConfiguration.ScopeMaxLength ? null : text;
    }

    /// <summary>Reads <see cref="ToStored"/>'s text; null (as in rows written before scopes existed) is everything.</summary>
    public static ContentScope FromStored(string? text)
    {
        var scope = new ContentScope();
        if (text is null)
        {
            scope.AddEverything();
            return scope;
        }

        foreach (var tag in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            scope.Add(tag);
        }

        return scope;
    }

    private static string Tag(string kind, int id) => string.Create(CultureInfo.InvariantCulture, $"{kind}:{id}");
}

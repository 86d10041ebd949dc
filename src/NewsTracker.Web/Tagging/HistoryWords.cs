using System.Globalization;
using System.Text;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// A history entry's field changes in the newsroom's words ("moved the tag to the new wording", "attached actor
/// Vladimir Putin") instead of column names (<c>IsOrphaned</c>, <c>VersionId</c>); the field table stays for detail.
/// </summary>
public static class HistoryWords
{
    /// <summary>What the change did, one phrase per meaningful change; empty for creations and deletions,
    /// whose summary already says it all.</summary>
    public static IReadOnlyList<string> Describe(History.Entry entry, IReadOnlyDictionary<int, string> actorNames)
    {
        if (entry.Action != AuditLog.Updated)
        {
            return [];
        }

        var changes = entry.Changes.ToDictionary(c => c.Field, StringComparer.Ordinal);
        var words = new List<string>();
        var moved = changes.ContainsKey("VersionId");
        if (changes.TryGetValue("IsOrphaned", out var orphaned))
        {
            words.Add(orphaned.After == "true" ? "could not place the tag on the new wording" : "placed the tag on the text again");
        }
        else if (moved)
        {
            words.Add("moved the tag to the new wording");
        }

        foreach (var change in entry.Changes)
        {
            if (Phrase(change, moved, actorNames) is { } phrase)
            {
                words.Add(phrase);
            }
        }

        return words;
    }

    /// <summary>A field name as words: "IsOrphaned" → "is orphaned", "VersionId" → "version".</summary>
    public static string Field(string name)
    {
        var bare = name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name;
        var words = new StringBuilder();
        foreach (var c in bare)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    private static string? Phrase(History.Change change, bool moved, IReadOnlyDictionary<int, string> actorNames) => change.Field switch
    {
        "IsOrphaned" or "VersionId" or "OrphanReason" or "AnchorMethod" or "Prefix" or "Suffix" => null,
        "Start" or "End" => null,
        "Exact" when moved => null,
        "Exact" => $"changed the tagged words to “{change.After}”",
        "Status" when change.After == "Approved" => "approved the tag",
        "ActorId" when change.After is not null => $"attached actor {Name(change.After, actorNames)}",
        "ActorId" => $"took off actor {Name(change.Before, actorNames)}",
        "ClaimantId" when change.After is not null => $"gave the claim to {Name(change.After, actorNames)}",
        "SourceId" => "attached another source",
        "ClaimId" => "attached another claim",
        "Note" => change.After is null ? "removed the note" : "changed the note",
        "Statement" => "reworded the claim",
        "Name" => $"renamed it “{change.After}”",
        "Verdict" => change.After is null ? "removed the verdict" : $"set the verdict to “{change.After}”",
        "State" => $"moved the claim from {Field(change.Before ?? "none")} to {Field(change.After ?? "none")}",
        "Kind" => $"changed the kind from {Field(change.Before ?? "none")} to {Field(change.After ?? "none")}",
        "IsPublished" => change.After == "true" ? "published it" : "took it off the public site",
        "MergedIntoId" when change.After is not null => $"merged it into {Name(change.After, actorNames)}",
        _ => $"changed the {Field(change.Field)}",
    };

    private static string Name(string? id, IReadOnlyDictionary<int, string> actorNames) =>
        int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var key) && actorNames.TryGetValue(key, out var name) ? name : $"#{id}";
}

using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// What editors' decisions teach the suggestions: a wording turned down on <see cref="MutedAfterArticles"/> articles
/// (more than it was accepted) is not suggested any more; each article it was accepted on (beyond those it was
/// turned down on) makes it surer.
/// </summary>
public static class SuggestionForms
{
    public const int MaxLength = 200;
    public const int MutedAfterArticles = 3;
    private const double AcceptedStep = 0.1;
    private const double Ceiling = 0.95;

    /// <summary>How decisions compare wordings: trimmed, whitespace folded, lower case; null when too long to be one.</summary>
    public static string? Normalise(string text)
    {
        var folded = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return folded.Length is 0 or > MaxLength ? null : folded;
    }

    /// <summary>Decisions on one wording: on how many articles it was accepted and turned down.</summary>
    public sealed record Tally(int AcceptedOn, int RejectedOn)
    {
        public bool IsMuted => RejectedOn >= MutedAfterArticles && RejectedOn > AcceptedOn;
    }

    /// <summary>The confidence after what editors decided; null when the wording is muted.</summary>
    public static double? Apply(double confidence, Tally? tally) => tally switch
    {
        null => confidence,
        { IsMuted: true } => null,
        _ => Math.Min(Ceiling, confidence + (AcceptedStep * Math.Max(0, tally.AcceptedOn - tally.RejectedOn))),
    };

    /// <summary>
    /// The kind a new actor most likely is, from its name alone: what the gazetteer or the registry says
    /// ("NATO": organisation, "White House": government body, "Ukraine": country), else what its shape says
    /// (an acronym or a name ending in "Party", "Ministry"; a few capitalised words are a person), else other.
    /// </summary>
    public static ActorKind GuessKind(string name, IReadOnlyList<KnownActor> registry)
    {
        var trimmed = name.Trim();
        trimmed = trimmed.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? trimmed[4..].TrimStart() : trimmed; // "the UK"
        var whole = SuggestionEngine.Suggest(trimmed, registry)
            .FirstOrDefault(s => s.Kind == SuggestionKind.ActorMention && s.Start == 0 && s.End == trimmed.Length);
        if (whole?.ActorKind is { } kind && whole.Reason != SuggestionReasons.CapitalisedWord)
        {
            return kind;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return ActorKind.Other;
        }

        // "Ministry of Justice", "Bank of England": an institution word anywhere in the name decides.
        if (words.Any(Gazetteer.GovernmentHeads.Contains))
        {
            return ActorKind.GovernmentBody;
        }

        var last = words[^1];
        if (words.Any(Gazetteer.OrganisationHeads.Contains) || (words.Length == 1 && last.Length >= 2 && last.All(c => char.IsUpper(c) || char.IsDigit(c))))
        {
            return ActorKind.Organisation;
        }

        return words.Length is >= 2 and <= 4 && words.All(w => char.IsUpper(w[0]) || w.Length <= 3) ? ActorKind.Person : ActorKind.Other;
    }
}

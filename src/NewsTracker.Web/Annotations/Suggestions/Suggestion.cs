using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>What a suggested span would be tagged as.</summary>
public enum SuggestionKind
{
    ActorMention,
    Source,
    Claim,
}

/// <summary>An actor the registry already knows, with the names it goes by in text.</summary>
public sealed record KnownActor(int Id, string Name, ActorKind Kind, IReadOnlyList<string> Aliases);

/// <summary>
/// One proposed tag: a span [Start, End) of the plain text in UTF-16 code units, the exact text there,
/// a normalised name, how sure the engine is (0–1) and which rule fired.
/// </summary>
public sealed record Suggestion(SuggestionKind Kind, int Start, int End, string Text, string NormalisedName, double Confidence, string Reason)
{
    /// <summary>For actor mentions: the guessed kind.</summary>
    public ActorKind? ActorKind { get; init; }

    /// <summary>For registry hits (and sources attributed to one): the registry id.</summary>
    public int? ActorId { get; init; }

    /// <summary>For actor mentions after a title ("US Defence Secretary"): the title, kept out of the span.</summary>
    public string? RoleHint { get; init; }

    /// <summary>For sources: the guessed kind of attribution.</summary>
    public SourceKind? SourceKind { get; init; }

    /// <summary>Confident enough to be shown by default; the rest wait until an editor asks for them.</summary>
    public bool IsConfident => Confidence >= ShownByDefault;

    /// <summary>The confidence from which a suggestion is shown without asking (docs/decisions/0010-suggestions.md).</summary>
    public const double ShownByDefault = 0.7;
}

/// <summary>The reasons the engine gives, as constants so callers and tests can compare them.</summary>
public static class SuggestionReasons
{
    public const string RegistryName = "registry name";
    public const string RegistryAlias = "registry alias";
    public const string TitleAndName = "title + capitalised name";
    public const string CountryGazetteer = "country gazetteer";
    public const string PlaceGazetteer = "place gazetteer";
    public const string OrganisationGazetteer = "organisation gazetteer";
    public const string GovernmentBodyGazetteer = "government body gazetteer";
    public const string SurnameOfNamedPerson = "surname of a named person";
    public const string GivenNameOfNamedPerson = "first name of a named person";
    public const string CapitalisedSequence = "capitalised sequence";
    public const string CapitalisedAcronym = "capitalised acronym";
    public const string CapitalisedWord = "capitalised word";
    public const string AttributionPhrase = "attribution phrase";
    public const string SpeechVerb = "speaker + reporting verb";
    public const string ReportingVerbAndHedge = "reporting verb + hedge";
    public const string ReportingVerb = "reporting verb";
    public const string Hedge = "modal hedge";
}

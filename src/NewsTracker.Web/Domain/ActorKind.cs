namespace NewsTracker.Web.Domain;

/// <summary>What kind of actor an <see cref="Actor"/> is (the design brief's kinds).</summary>
public enum ActorKind
{
    Person,
    Organisation,
    Country,
    GovernmentBody,
    Other,
}

/// <summary>What an attribution rests on (the design brief's source kinds).</summary>
public enum SourceKind
{
    /// <summary>A person named in the text ("Defence Secretary Pete Hegseth said").</summary>
    NamedPerson,

    /// <summary>An official or spokesperson, usually unnamed ("a White House official").</summary>
    Official,

    /// <summary>An anonymous source ("a person familiar with the talks").</summary>
    Anonymous,

    /// <summary>A document: a report, a letter, a filing.</summary>
    Document,

    /// <summary>Another outlet's report ("the Financial Times reported").</summary>
    MediaReport,

    /// <summary>Unspecified "reports" ("according to reports", "reportedly").</summary>
    UnspecifiedReports,
}

/// <summary>Human labels for the tagging enums, used by pages, the API and CSV.</summary>
public static class TagLabels
{
    public static string Label(this ActorKind kind) => kind switch
    {
        ActorKind.Person => "Person",
        ActorKind.Organisation => "Organisation",
        ActorKind.Country => "Country",
        ActorKind.GovernmentBody => "Government body",
        _ => "Other",
    };

    public static string Label(this SourceKind kind) => kind switch
    {
        SourceKind.NamedPerson => "Named person",
        SourceKind.Official => "Official / spokesperson",
        SourceKind.Anonymous => "Anonymous",
        SourceKind.Document => "Document",
        SourceKind.MediaReport => "Media report",
        _ => "Unspecified “reports”",
    };

    public static string Label(this AnnotationKind kind) => kind switch
    {
        AnnotationKind.Claim => "Claim",
        AnnotationKind.ActorMention => "Actor",
        _ => "Source",
    };

    public static string Label(this ReviewState state) => state switch
    {
        ReviewState.Draft => "Draft",
        ReviewState.InReview => "In review",
        ReviewState.Published => "Published",
        _ => "Rejected",
    };
}

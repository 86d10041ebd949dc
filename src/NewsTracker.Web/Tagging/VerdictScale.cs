namespace NewsTracker.Web.Tagging;

/// <summary>One step of the verdict scale. <see cref="Rating"/> places it on schema.org's reviewRating
/// (1 = worst … 5 = best); null for verdicts that rate nothing, such as "Unverified".</summary>
public sealed record Verdict(string Key, string Label, int? Rating);

/// <summary>The configurable verdict scale (<c>Claims:Verdicts</c>, a list of Key/Label/Rating). The first entry
/// is the default for new claims. Without configuration: Unverified, True, Mostly true, Misleading, False,
/// Unproven.</summary>
public sealed class VerdictScale
{
    public const int BestRating = 5;
    public const int WorstRating = 1;

    public static readonly IReadOnlyList<Verdict> DefaultVerdicts =
    [
        new("unverified", "Unverified", null),
        new("true", "True", 5),
        new("mostly-true", "Mostly true", 4),
        new("misleading", "Misleading", 2),
        new("false", "False", 1),
        new("unproven", "Unproven", 3),
    ];

    public VerdictScale(IConfiguration configuration)
        : this(configuration.GetSection("Claims:Verdicts").Get<List<Verdict>>())
    {
    }

    public VerdictScale(IReadOnlyList<Verdict>? verdicts)
    {
        var configured = verdicts?.Where(v => !string.IsNullOrWhiteSpace(v.Key) && !string.IsNullOrWhiteSpace(v.Label)).ToList();
        All = configured is { Count: > 0 } ? configured : DefaultVerdicts;
        if (All.Any(v => v.Rating is < WorstRating or > BestRating))
        {
            throw new InvalidOperationException($"Claims:Verdicts ratings must be between {WorstRating} and {BestRating}.");
        }
    }

    public IReadOnlyList<Verdict> All { get; }

    /// <summary>The verdict new claims start with.</summary>
    public Verdict Default => All[0];

    public Verdict? Find(string? key) => All.FirstOrDefault(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The verdict for a stored key; a key since removed from the configuration shows as itself.</summary>
    public Verdict Describe(string key) => Find(key) ?? new Verdict(key, key, null);
}

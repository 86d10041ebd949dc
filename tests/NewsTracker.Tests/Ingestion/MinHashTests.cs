using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class MinHashTests
{
    private const string CouncilBudget = """
        The city council approved a budget of 412 million euros for next year on Wednesday evening, after a debate that ran past midnight and ended with a narrow vote of 23 to 20.

        The plan raises spending on public transport by eleven percent and funds two new tram lines in the northern districts, a promise the governing coalition made during last spring's election campaign.

        Opposition members said the budget relied on optimistic forecasts for property tax income and warned that the city could be forced to cut services if the housing market continued to slow.

        "We are borrowing against a future that may not arrive," said Helena Marsh, who leads the largest opposition group. The finance department said its forecasts were cautious and had been reviewed by outside auditors.

        The budget also freezes parking charges, adds forty posts to the social services department and sets aside money to repair three primary schools damaged by flooding in March. It takes effect on the first of January.

        Much of the late-night debate turned on the tram lines, which will run from the central station to the hospital and to the new housing estates beyond the ring road. Supporters said the lines would take thousands of cars off the roads each day; critics questioned the cost estimates, which have risen twice since the project was first announced.

        Shop owners along the planned route have asked for compensation during construction, which is expected to close parts of two main streets for up to eighteen months. The council said a support fund would be set up next year, but gave no figure for how much it would hold.

        The mayor, who did not speak during the debate, said afterwards that the vote showed the city was willing to invest in its future. "People told us they wanted cleaner air and better buses, and this budget delivers both," he told reporters outside the chamber.

        Trade unions representing council staff welcomed the new social services posts but said they would press for higher pay in negotiations due to begin in February. Pensioners' groups criticised the decision to end free bus travel before nine in the morning, a change expected to save about two million euros a year.
        """;

    private const string RailDisruption = """
        Train services between the capital and the southern coast were suspended for most of Saturday after a landslide buried a section of track near the village of Brenton, the national rail operator said.

        Engineers worked through the night to clear thousands of tonnes of mud and rock, and the operator said it expected to reopen one of the two lines by Monday morning, with full services returning later in the week.

        Replacement buses carried passengers between the nearest stations, but travellers reported waits of up to three hours at the busiest stops. Several football supporters heading to a match on the coast said they had given up and gone home.

        Heavy rain has fallen across the region for more than a week, and the weather service has issued warnings for further flooding in low-lying areas. Residents of a dozen homes near the landslide were moved to a school hall as a precaution.
        """;

    private const string TelescopeFinding = """
        Astronomers using a new survey telescope in the Andes have found a faint dwarf galaxy orbiting the Milky Way, one of the smallest and most distant such companions ever identified, according to a study published on Thursday.

        The galaxy contains only a few thousand stars and is so dim that it escaped earlier surveys, the team said. Its stars are very old and poor in heavy elements, which suggests it formed early in the history of the universe.

        The researchers measured the motions of several dozen stars and concluded that the galaxy is dominated by dark matter, holding together far more mass than its visible stars can account for.

        Other scientists called the finding a useful test for models of how galaxies form, though some cautioned that a handful of stars is a small sample and that follow-up observations with larger telescopes will be needed to confirm the result.
        """;

    public static TheoryData<string, string> SmallEdits => new()
    {
        { "case, punctuation and line breaks", CouncilBudget.ToUpperInvariant().Replace(",", string.Empty, StringComparison.Ordinal).Replace("\n\n", "\n", StringComparison.Ordinal) },
        { "one number changed", CouncilBudget.Replace("23 to 20", "23 to 19", StringComparison.Ordinal) },
        { "a typo fixed", CouncilBudget.Replace("forecasts for property", "forcasts for property", StringComparison.Ordinal) },
        { "one word added", CouncilBudget.Replace("narrow vote", "very narrow vote", StringComparison.Ordinal) },
        { "a name corrected", CouncilBudget.Replace("Helena Marsh", "Helen Marsh", StringComparison.Ordinal) },
    };

    public static TheoryData<string, string> RewrittenCopies => new()
    {
        { "a new first paragraph", ReplaceFirstParagraph(CouncilBudget, "Councillors in the city voted late on Wednesday to approve next year's spending plan, ending weeks of wrangling between the governing coalition and its opponents over transport and tax.") },
        { "a sign-off added", CouncilBudget + "\n\nReporting by the city desk; editing by the wire service. For more local news, subscribe to our newsletter." },
        { "a new lede and a sign-off", ReplaceFirstParagraph(CouncilBudget, "Councillors in the city voted late on Wednesday to approve next year's spending plan, ending weeks of wrangling.") + "\n\n(Reporting by the city desk; editing by the wire service.)" },
        { "the last three paragraphs cut", string.Join("\n\n", CouncilBudget.Split("\n\n")[..6]) },
    };

    public static TheoryData<string, string, string> DifferentArticles => new()
    {
        { "budget and rail", CouncilBudget, RailDisruption },
        { "budget and telescope", CouncilBudget, TelescopeFinding },
        { "rail and telescope", RailDisruption, TelescopeFinding },
    };

    [Fact]
    public void Identical_text_has_identical_signatures()
    {
        var fingerprint = MinHash.Compute(CouncilBudget)!;

        Assert.Equal(1.0, MinHash.Jaccard(fingerprint.Signature, MinHash.Compute(new string(CouncilBudget.AsSpan()))!.Signature));
        Assert.Equal(1.0, MinHash.Jaccard(fingerprint.Signature, MinHash.Compute(CouncilBudget.ReplaceLineEndings("\r\n"))!.Signature));
    }

    [Theory]
    [MemberData(nameof(SmallEdits))]
    public void A_small_edit_is_still_a_near_duplicate(string edit, string edited)
    {
        var original = MinHash.Compute(CouncilBudget)!;
        var copy = MinHash.Compute(edited)!;

        Assert.True(MinHash.AreNearDuplicates(original, copy), $"{edit}: Jaccard {MinHash.Jaccard(original.Signature, copy.Signature):0.00}");
        Assert.NotEmpty(MinHash.BandKeys(original.Signature).Intersect(MinHash.BandKeys(copy.Signature)));
    }

    [Theory]
    [MemberData(nameof(RewrittenCopies))]
    public void A_wire_copy_with_a_new_lede_or_sign_off_is_a_near_duplicate(string edit, string copyText)
    {
        var original = MinHash.Compute(CouncilBudget)!;
        var copy = MinHash.Compute(copyText)!;

        Assert.True(MinHash.AreNearDuplicates(original, copy), $"{edit}: Jaccard {MinHash.Jaccard(original.Signature, copy.Signature):0.00}");
        Assert.NotEmpty(MinHash.BandKeys(original.Signature).Intersect(MinHash.BandKeys(copy.Signature)));
    }

    [Theory]
    [MemberData(nameof(DifferentArticles))]
    public void Different_articles_are_not_near_duplicates(string pair, string first, string second)
    {
        var a = MinHash.Compute(first)!;
        var b = MinHash.Compute(second)!;

        Assert.False(MinHash.AreNearDuplicates(a, b), pair);
        Assert.True(MinHash.Jaccard(a.Signature, b.Signature) < 0.1, $"{pair}: Jaccard {MinHash.Jaccard(a.Signature, b.Signature):0.00}");
    }

    [Fact]
    public void Text_too_short_to_compare_has_no_fingerprint() =>
        Assert.Null(MinHash.Compute("Council approves budget after late-night vote."));

    [Fact]
    public void Signatures_survive_the_round_trip_through_storage()
    {
        var signature = MinHash.Compute(RailDisruption)!.Signature;

        Assert.Equal(signature, MinHash.FromBytes(MinHash.ToBytes(signature)));
        Assert.Equal(MinHash.Permutations * sizeof(uint), MinHash.ToBytes(signature).Length);
    }

    [Fact]
    public void Signatures_are_stable_across_runs()
    {
        // Stored fingerprints must stay comparable with new ones: the permutations and the shingle hash never change.
        // The expected values were computed once and stored here; a run in another process must reproduce them.
        var signature = MinHash.Compute(TelescopeFinding)!.Signature;

        Assert.Equal(StoredTelescopeFindingSignature, signature);
        Assert.Equal(MinHash.Bands, MinHash.BandKeys(signature).Length);
    }

    /// <summary>The signature of <see cref="TelescopeFinding"/> as stored by an earlier run.</summary>
    private static readonly uint[] StoredTelescopeFindingSignature =
    [
        8282717, 20113171, 1321888, 2519460, 59949821, 49853458, 27417332, 16215101, 55937154, 65774521,
        8360353, 3637926, 105092227, 9653425, 8537345, 14626843, 3712053, 1313587, 25098658, 7693018,
        29744396, 9822864, 25938347, 2621283, 28017819, 1719510, 13256577, 10718146, 60901286, 3600229,
        1352066, 22227142, 8655369, 46400994, 20366588, 12290840, 5015179, 460543, 3115119, 41484255,
        45978262, 12586865, 40441236, 25091358, 28578628, 126918400, 18816398, 27256721, 3052787, 15519531,
        57830660, 11264078, 5929704, 4464481, 31435318, 9241253, 64498938, 37336351, 1988657, 40779194,
    ];

    private static string ReplaceFirstParagraph(string text, string lede) =>
        lede + text[text.IndexOf("\n\n", StringComparison.Ordinal)..];
}

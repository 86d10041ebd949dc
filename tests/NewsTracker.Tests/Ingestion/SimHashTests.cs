using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class SimHashTests
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

    public static TheoryData<string, string, string> DifferentArticles => new()
    {
        { "budget and rail", CouncilBudget, RailDisruption },
        { "budget and telescope", CouncilBudget, TelescopeFinding },
        { "rail and telescope", RailDisruption, TelescopeFinding },
    };

    [Fact]
    public void Identical_text_has_distance_zero()
    {
        var hash = SimHash.Compute(CouncilBudget);

        Assert.NotEqual(0, hash);
        Assert.Equal(0, SimHash.Distance(hash, SimHash.Compute(new string(CouncilBudget.AsSpan()))));
        Assert.Equal(0, SimHash.Distance(hash, SimHash.Compute(CouncilBudget.ReplaceLineEndings("\r\n"))));
    }

    [Theory]
    [MemberData(nameof(SmallEdits))]
    public void A_small_edit_stays_within_the_near_duplicate_distance(string edit, string edited)
    {
        var distance = SimHash.Distance(SimHash.Compute(CouncilBudget), SimHash.Compute(edited));

        Assert.True(distance <= SimHash.NearDuplicateDistance, $"{edit}: distance {distance}");
    }

    [Theory]
    [MemberData(nameof(DifferentArticles))]
    public void Different_articles_are_far_apart(string pair, string first, string second)
    {
        var distance = SimHash.Distance(SimHash.Compute(first), SimHash.Compute(second));

        // Unrelated texts differ in about half of the 64 bits; four times the threshold leaves a wide margin.
        Assert.True(distance > 4 * SimHash.NearDuplicateDistance, $"{pair}: distance {distance}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Breaking: markets fall")]
    [InlineData("The harbour reopened on Tuesday after engineers repaired the sea wall, the port authority said, and boats returned within hours.")]
    public void Text_too_short_to_compare_hashes_to_zero(string text) =>
        Assert.Equal(0, SimHash.Compute(text));

    [Fact]
    public void Text_just_long_enough_is_hashed()
    {
        var words = string.Join(' ', Enumerable.Range(0, SimHash.MinimumWords).Select(i => $"word{i}"));

        Assert.Equal(0, SimHash.Compute(string.Join(' ', words.Split(' ').SkipLast(1))));
        Assert.NotEqual(0, SimHash.Compute(words));
    }

    [Theory]
    [InlineData(CouncilBudget)]
    [InlineData(RailDisruption)]
    [InlineData(TelescopeFinding)]
    public void The_four_bands_reassemble_the_hash(string text)
    {
        var hash = SimHash.Compute(text);

        var reassembled = Enumerable.Range(0, 4).Aggregate(0UL, (acc, i) => acc | ((ulong)SimHash.Band(hash, i) << (16 * i)));

        Assert.Equal(unchecked((ulong)hash), reassembled);
        Assert.All(Enumerable.Range(0, 4), i => Assert.InRange(SimHash.Band(hash, i), 0, 0xFFFF));
    }

    [Fact]
    public void Hashes_within_the_distance_share_at_least_one_band()
    {
        var hash = SimHash.Compute(RailDisruption);

        // Flip one bit in each of three bands: by pigeonhole the fourth band is untouched.
        var near = hash ^ (1L << 3) ^ (1L << 20) ^ (1L << 40);

        Assert.Equal(SimHash.NearDuplicateDistance, SimHash.Distance(hash, near));
        Assert.Contains(Enumerable.Range(0, 4), i => SimHash.Band(hash, i) == SimHash.Band(near, i));
    }
}

using NewsTracker.Web.Stories;

namespace NewsTracker.Tests.Stories;

public sealed class SentenceDiffTests
{
    public static TheoryData<string, string[]> Texts => new()
    {
        { "Talks failed. Crews walked out!  Will they return?", ["Talks failed.", "Crews walked out!", "Will they return?"] },
        { "\"We warned them.\" The company disagreed.", ["\"We warned them.\"", "The company disagreed."] },
        { "The U.S. envoy met Mr. Lee in St. Petersburg. Nothing was agreed.", ["The U.S. envoy met Mr. Lee in St. Petersburg.", "Nothing was agreed."] },
        { "Idle cranes at the port\n\nWorkers left at dawn.", ["Idle cranes at the port", "Workers left at dawn."] },
        { "Prices rose 3.5 percent in May. analysts were surprised", ["Prices rose 3.5 percent in May. analysts were surprised"] },
        { "   ", [] },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Splits_plain_text_into_sentences(string text, string[] expected) =>
        Assert.Equal(expected, SentenceDiff.Split(text));

    [Fact]
    public void Sentences_match_ignoring_case_spacing_and_curly_quotes()
    {
        var comparison = SentenceDiff.Compare(
            "\"We warned them,\" she said. The ferry stopped.\n\nA council spokesperson declined to comment.",
            "“we warned   them,” she said. THE FERRY STOPPED. Schools will close on Wednesday.");

        Assert.Equal(["Schools will close on Wednesday."], comparison.Added);
        Assert.Equal(1, comparison.Omitted);
    }

    [Fact]
    public void A_sentence_repeated_in_the_later_text_is_listed_once()
    {
        var comparison = SentenceDiff.Compare("One thing happened.", "One thing happened. Then another. Then another.");

        Assert.Equal(["Then another."], comparison.Added);
        Assert.Equal(0, comparison.Omitted);
    }
}

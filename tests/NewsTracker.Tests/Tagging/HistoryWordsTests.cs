using NewsTracker.Web.Application;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Tests.Tagging;

public sealed class HistoryWordsTests
{
    private static History.Entry Updated(params History.Change[] changes) =>
        new(1, Guid.NewGuid(), "Annotation", "5", AuditLog.Updated, "Updated actor mention tag on “Putin”", "editor", DateTime.UtcNow, false, changes);

    [Fact]
    public void A_tag_moved_to_a_new_version_reads_as_moved_to_the_new_wording_not_as_field_names()
    {
        var words = HistoryWords.Describe(Updated(new History.Change("VersionId", "3", "4"), new History.Change("Start", "10", "12"), new History.Change("End", "14", "16"), new History.Change("Exact", "Putin", "Putin")), new Dictionary<int, string>());

        Assert.Equal(["moved the tag to the new wording"], words);
    }

    [Fact]
    public void Attaching_an_actor_names_the_actor()
    {
        var words = HistoryWords.Describe(Updated(new History.Change("ActorId", null, "7")), new Dictionary<int, string> { [7] = "Vladimir Putin" });

        Assert.Equal(["attached actor Vladimir Putin"], words);
    }

    [Theory]
    [InlineData("true", "could not place the tag on the new wording")]
    [InlineData("false", "placed the tag on the text again")]
    public void Orphaning_and_reattaching_say_what_happened_to_the_tag(string after, string expected) =>
        Assert.Equal([expected], HistoryWords.Describe(Updated(new History.Change("IsOrphaned", after == "true" ? "false" : "true", after), new History.Change("VersionId", "3", "4")), new Dictionary<int, string>()));

    [Theory]
    [InlineData("IsOrphaned", "is orphaned")]
    [InlineData("VersionId", "version")]
    [InlineData("Annotation", "annotation")]
    public void Field_names_read_as_words(string field, string expected) =>
        Assert.Equal(expected, HistoryWords.Field(field));
}

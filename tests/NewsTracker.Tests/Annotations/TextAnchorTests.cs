using NewsTracker.Web.Annotations;
using NewsTracker.Web.Application;

namespace NewsTracker.Tests.Annotations;

public sealed class TextAnchorTests
{
    // "Talks " is 6 code units, the emoji takes 6 and 7.
    private const string TextWithEmoji = "Talks 😀 resumed  today";

    public static TheoryData<string, int, int, string?, string, string> BadSpans => new()
    {
        { TextWithEmoji, -1, 5, null, "start", "cannot start before the beginning" },
        { TextWithEmoji, 0, -2, null, "end", "cannot end before the beginning" },
        { TextWithEmoji, 10, 4, null, "end", "ends (at 4) before it starts (at 10)" },
        { TextWithEmoji, 0, 500, null, "end", $"only {TextWithEmoji.Length} characters long" },
        { TextWithEmoji, 600, 700, null, "start", "only" },
        { TextWithEmoji, 3, 3, null, "end", "The selection is empty" },
        { TextWithEmoji, 7, 12, null, "start", "starts in the middle of an emoji" },
        { TextWithEmoji, 0, 7, null, "end", "ends in the middle of an emoji" },
        { TextWithEmoji, 16, 18, null, "start", "only spaces or line breaks" },
        { TextWithEmoji, 0, 5, "Tanks", "exact", "does not match the article at that position, which reads “Talks”" },
        { new string('a', TextAnchor.MaxLength + 1), 0, TextAnchor.MaxLength + 1, null, "end", $"at most {TextAnchor.MaxLength}" },
    };

    [Theory]
    [MemberData(nameof(BadSpans))]
    public void Rejects_a_bad_span_with_the_field_and_a_message_a_person_understands(string text, int start, int end, string? exact, string field, string message)
    {
        var problem = TextAnchor.Validate(text, start, end, exact);

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_throws_the_validation_failure_the_pages_and_api_turn_into_400()
    {
        var failure = Assert.Throws<ValidationFailedException>(() => TextAnchor.Create(TextWithEmoji, 0, 7));

        var (field, messages) = Assert.Single(failure.Errors);
        Assert.Equal("end", field);
        Assert.Contains("middle of an emoji", Assert.Single(messages), StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_span_that_starts_and_ends_around_a_whole_emoji()
    {
        var anchor = TextAnchor.Create(TextWithEmoji, 6, 16, "😀 resumed");

        Assert.Equal("😀 resumed", anchor.Exact);
        Assert.Equal("Talks ", anchor.Prefix);
        Assert.Equal("  today", anchor.Suffix);
    }

    [Fact]
    public void Captures_thirty_two_characters_of_context_either_side()
    {
        var text = new string('p', 40) + "quote" + new string('s', 40);

        var anchor = TextAnchor.Create(text, 40, 45);

        Assert.Equal(new string('p', TextAnchor.ContextLength), anchor.Prefix);
        Assert.Equal(new string('s', TextAnchor.ContextLength), anchor.Suffix);
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("e\u0301")]
    public void The_prefix_does_not_begin_with_the_second_half_of_a_character(string character)
    {
        // Each character takes two code units starting at odd offsets, so 32 units before the quote lands on
        // a low surrogate or a combining accent.
        var text = "a" + string.Concat(Enumerable.Repeat(character, 20)) + "b" + "quote";
        var start = text.IndexOf("quote", StringComparison.Ordinal);

        var anchor = TextAnchor.Create(text, start, start + 5);

        Assert.Equal(string.Concat(Enumerable.Repeat(character, 15)) + "b", anchor.Prefix);
    }

    [Fact]
    public void The_suffix_does_not_end_with_half_an_emoji()
    {
        var text = "quote" + "b" + string.Concat(Enumerable.Repeat("😀", 20));

        var anchor = TextAnchor.Create(text, 0, 5);

        Assert.Equal("b" + string.Concat(Enumerable.Repeat("😀", 15)), anchor.Suffix);
    }

    [Fact]
    public void The_suffix_does_not_cut_a_skin_tone_from_its_emoji()
    {
        var text = "quote" + new string('a', 30) + "👍🏽" + "tail";

        var anchor = TextAnchor.Create(text, 0, 5);

        Assert.Equal(new string('a', 30), anchor.Suffix);
    }
}

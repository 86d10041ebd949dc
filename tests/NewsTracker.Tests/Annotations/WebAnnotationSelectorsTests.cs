using System.Text.Json;
using NewsTracker.Web.Annotations;
using NewsTracker.Web.Application;

namespace NewsTracker.Tests.Annotations;

public sealed class WebAnnotationSelectorsTests
{
    private const string Text = "Talks resumed in Geneva on Monday after a week of silence. Both sides said the atmosphere was constructive.";
    private const string Quote = "the atmosphere was constructive";

    private static readonly TextAnchor Anchor = TextAnchor.Create(Text, Text.IndexOf(Quote, StringComparison.Ordinal), Text.IndexOf(Quote, StringComparison.Ordinal) + Quote.Length);

    [Fact]
    public void A_quote_selector_serialises_with_the_w3c_type_and_property_names()
    {
        var json = JsonSerializer.Serialize(WebAnnotationSelectors.ToQuoteSelector(Anchor));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(["type", "exact", "prefix", "suffix"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("TextQuoteSelector", document.RootElement.GetProperty("type").GetString());
        Assert.Equal(Quote, document.RootElement.GetProperty("exact").GetString());
        Assert.Equal(Anchor.Prefix, document.RootElement.GetProperty("prefix").GetString());
    }

    [Fact]
    public void A_quote_selector_leaves_out_empty_context()
    {
        var json = JsonSerializer.Serialize(WebAnnotationSelectors.ToQuoteSelector(TextAnchor.Create(Text, 0, Text.Length)));

        Assert.Equal($"{{\"type\":\"TextQuoteSelector\",\"exact\":\"{Text}\"}}", json);
    }

    [Fact]
    public void A_position_selector_serialises_with_the_w3c_type_and_property_names()
    {
        var json = JsonSerializer.Serialize(WebAnnotationSelectors.ToPositionSelector(Anchor));

        Assert.Equal($"{{\"type\":\"TextPositionSelector\",\"start\":{Anchor.Start},\"end\":{Anchor.End}}}", json);
    }

    [Fact]
    public void Selectors_read_back_from_json_equal_the_ones_written()
    {
        var quote = WebAnnotationSelectors.ToQuoteSelector(Anchor);
        var position = WebAnnotationSelectors.ToPositionSelector(Anchor);

        Assert.Equal(quote, JsonSerializer.Deserialize<TextQuoteSelector>(JsonSerializer.Serialize(quote)));
        Assert.Equal(position, JsonSerializer.Deserialize<TextPositionSelector>(JsonSerializer.Serialize(position)));
    }

    [Fact]
    public void The_position_is_used_when_its_text_is_the_quote()
    {
        var result = WebAnnotationSelectors.ToAnchor(Text, WebAnnotationSelectors.ToQuoteSelector(Anchor), WebAnnotationSelectors.ToPositionSelector(Anchor));

        var placed = Assert.IsType<ReanchorResult.Placed>(result);
        Assert.Equal(AnchorMethod.UnchangedPosition, placed.Method);
        Assert.Equal(Anchor, placed.Anchor);
    }

    [Fact]
    public void A_stale_position_is_corrected_by_the_quote()
    {
        const string updated = "UPDATED: " + Text;

        var result = WebAnnotationSelectors.ToAnchor(updated, WebAnnotationSelectors.ToQuoteSelector(Anchor), WebAnnotationSelectors.ToPositionSelector(Anchor));

        var placed = Assert.IsType<ReanchorResult.Placed>(result);
        Assert.Equal(AnchorMethod.QuoteWithContext, placed.Method);
        Assert.Equal(Anchor.Start + "UPDATED: ".Length, placed.Anchor.Start);
    }

    [Fact]
    public void A_quote_that_is_not_in_the_text_is_an_orphan()
    {
        var result = WebAnnotationSelectors.ToAnchor(Text, new TextQuoteSelector("negotiators walked out in protest"), null);

        Assert.IsType<ReanchorResult.Orphaned>(result);
    }

    [Theory]
    [InlineData(-4, 3, "start")]
    [InlineData(10, 2, "end")]
    [InlineData(0, 9999, "end")]
    public void A_bad_position_alone_is_a_validation_failure(int start, int end, string field)
    {
        var failure = Assert.Throws<ValidationFailedException>(() => WebAnnotationSelectors.ToAnchor(Text, null, new TextPositionSelector(start, end)));

        Assert.Equal(field, Assert.Single(failure.Errors).Key);
    }

    [Fact]
    public void No_selector_at_all_is_a_validation_failure()
    {
        var failure = Assert.Throws<ValidationFailedException>(() => WebAnnotationSelectors.ToAnchor(Text, null, null));

        Assert.Equal("selector", Assert.Single(failure.Errors).Key);
    }
}

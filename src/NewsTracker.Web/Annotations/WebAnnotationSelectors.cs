using System.Text.Json.Serialization;

namespace NewsTracker.Web.Annotations;

/// <summary>W3C Web Annotation TextQuoteSelector: the quote and the text either side of it.</summary>
public sealed record TextQuoteSelector(
    [property: JsonPropertyName("exact")] string Exact,
    [property: JsonPropertyName("prefix"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Prefix = null,
    [property: JsonPropertyName("suffix"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Suffix = null)
{
    /// <summary>The selector's W3C type name.</summary>
    public const string TypeName = "TextQuoteSelector";

    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => TypeName;
}

/// <summary>W3C Web Annotation TextPositionSelector: start and end offsets into the plain text.</summary>
/// <remarks>W3C counts code points; NewsTracker counts UTF-16 code units, the unit browsers' DOM ranges use,
/// and says so in the API description.</remarks>
public sealed record TextPositionSelector(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End)
{
    /// <summary>The selector's W3C type name.</summary>
    public const string TypeName = "TextPositionSelector";

    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => TypeName;
}

/// <summary>Converts between <see cref="TextAnchor"/> and the W3C selectors the JSON-LD API speaks.</summary>
public static class WebAnnotationSelectors
{
    /// <summary>The quote selector for an anchor; empty context is left out, as W3C allows.</summary>
    public static TextQuoteSelector ToQuoteSelector(TextAnchor anchor) =>
        new(anchor.Exact, NullIfEmpty(anchor.Prefix), NullIfEmpty(anchor.Suffix));

    /// <summary>The position selector for an anchor.</summary>
    public static TextPositionSelector ToPositionSelector(TextAnchor anchor) => new(anchor.Start, anchor.End);

    /// <summary>An anchor in <paramref name="text"/> from the selectors a client sent. The position wins when its
    /// text equals the quote; otherwise the quote is searched for (the position, if any, as the expected place),
    /// which may orphan it. A position alone must be a valid span. Throws the application's validation failure
    /// (400) when the selectors themselves are unusable.</summary>
    public static ReanchorResult ToAnchor(string text, TextQuoteSelector? quote, TextPositionSelector? position)
    {
        if (quote is null)
        {
            if (position is null)
            {
                throw new AnchorProblem("selector", "Say which text the annotation is on: give a TextQuoteSelector, a TextPositionSelector, or both.").ToException();
            }

            return new ReanchorResult.Placed(TextAnchor.Create(text, position.Start, position.End), AnchorMethod.UnchangedPosition, 1);
        }

        var exact = quote.Exact ?? string.Empty;
        if (exact.AsSpan().IsWhiteSpace())
        {
            throw new AnchorProblem("exact", "The quote is empty or only spaces. Send the words the annotation is on.").ToException();
        }

        if (exact.Length > TextAnchor.MaxLength)
        {
            throw new AnchorProblem("exact", $"The quote is {exact.Length} characters long; one annotation can cover at most {TextAnchor.MaxLength}.").ToException();
        }

        if (position is not null && TextAnchor.Validate(text, position.Start, position.End, exact) is null)
        {
            return new ReanchorResult.Placed(TextAnchor.Capture(text, position.Start, position.End), AnchorMethod.UnchangedPosition, 1);
        }

        var hint = position is { Start: >= 0 } p && p.Start <= text.Length ? p.Start : 0;
        var anchor = new TextAnchor(hint, hint + exact.Length, exact, quote.Prefix ?? string.Empty, quote.Suffix ?? string.Empty);
        return Reanchorer.Reanchor(anchor, oldText: null, text);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

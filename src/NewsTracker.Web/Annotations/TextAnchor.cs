namespace NewsTracker.Web.Annotations;

/// <summary>A span of an article version's plain text (UTF-16 offsets, end exclusive) with the quote and the text
/// around it, so the span can be found again after the text changes (W3C TextPosition + TextQuote selectors).</summary>
public sealed record TextAnchor(int Start, int End, string Exact, string Prefix, string Suffix)
{
    /// <summary>How much text either side of the quote is kept. 32 is what W3C-annotation tools (Hypothesis, the
    /// dom-anchor libraries) keep: enough to tell apart repeated names in news copy, short enough that an edit a
    /// sentence away does not touch it.</summary>
    public const int ContextLength = 32;

    /// <summary>The longest span one annotation may cover: a long paragraph. Longer selections are almost always an
    /// accidental select-all, and the bound keeps approximate re-anchoring cheap.</summary>
    public const int MaxLength = 4000;

    /// <summary>How much of the text is quoted back in a "does not match" message.</summary>
    private const int MismatchExcerptLength = 60;

    /// <summary>The span's length in UTF-16 code units.</summary>
    public int Length => End - Start;

    /// <summary>Validates the span and captures its quote and up to <see cref="ContextLength"/> characters of context.
    /// Throws the application's validation failure (a 400 with a field message) when the span is unusable.</summary>
    public static TextAnchor Create(string text, int start, int end, string? exact = null)
    {
        var problem = Validate(text, start, end, exact);
        if (problem is not null)
        {
            throw problem.ToException();
        }

        return Capture(text, start, end);
    }

    /// <summary>The first thing wrong with the span, or null when it can be annotated. When <paramref name="exact"/>
    /// is given (the quote the client saw), it must equal the text at that position.</summary>
    public static AnchorProblem? Validate(string text, int start, int end, string? exact = null)
    {
        if (start < 0)
        {
            return new("start", $"The selection cannot start before the beginning of the text (start was {start}). Select the text again.");
        }

        if (end < 0)
        {
            return new("end", $"The selection cannot end before the beginning of the text (end was {end}). Select the text again.");
        }

        if (end < start)
        {
            return new("end", $"The selection ends (at {end}) before it starts (at {start}). Start must come before end; select the text again.");
        }

        if (end > text.Length)
        {
            var field = start > text.Length ? "start" : "end";
            return new(field, $"The selection runs to character {end}, but the text is only {text.Length} characters long. The article may have changed since you opened it; reload it and select again.");
        }

        if (start == end)
        {
            return new("end", "The selection is empty. Select at least one word to annotate.");
        }

        if (TextBoundaries.SplitsSurrogatePair(text, start))
        {
            return new("start", "The selection starts in the middle of an emoji or other character that takes two code units. Move the start by one character and try again.");
        }

        if (TextBoundaries.SplitsSurrogatePair(text, end))
        {
            return new("end", "The selection ends in the middle of an emoji or other character that takes two code units. Move the end by one character and try again.");
        }

        if (end - start > MaxLength)
        {
            return new("end", $"The selection is {end - start} characters long; one annotation can cover at most {MaxLength}. Select a shorter passage or split it into several annotations.");
        }

        if (text.AsSpan(start, end - start).IsWhiteSpace())
        {
            return new("start", "The selection contains only spaces or line breaks. Select the words you want to annotate.");
        }

        if (exact is not null && !text.AsSpan(start, end - start).SequenceEqual(exact))
        {
            var actual = text.Substring(start, end - start);
            var shown = actual.Length <= MismatchExcerptLength
                ? actual
                : string.Concat(actual.AsSpan(0, TextBoundaries.BackToCharacterStart(actual, MismatchExcerptLength, 1)), "…");
            return new("exact", $"The quoted text does not match the article at that position, which reads “{shown}”. The article may have changed since you opened it; reload it and select again.");
        }

        return null;
    }

    /// <summary>Captures a span already known to be valid, cutting the context only between whole characters.</summary>
    internal static TextAnchor Capture(string text, int start, int end)
    {
        var prefixStart = TextBoundaries.ForwardToCharacterStart(text, Math.Max(0, start - ContextLength), start);
        var suffixEnd = TextBoundaries.BackToCharacterStart(text, Math.Min(text.Length, end + ContextLength), end);
        return new TextAnchor(
            start,
            end,
            text[start..end],
            text[prefixStart..start],
            text[end..suffixEnd]);
    }
}

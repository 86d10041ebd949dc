namespace NewsTracker.Web.Annotations;

/// <summary>How a re-anchored annotation was found in the new text, from most to least certain.</summary>
public enum AnchorMethod
{
    /// <summary>The quote is still at the same offsets.</summary>
    UnchangedPosition,

    /// <summary>The exact quote, picked out by the text around it.</summary>
    QuoteWithContext,

    /// <summary>The exact quote, which appears only once; its surroundings changed too much to confirm it.</summary>
    UniqueQuote,

    /// <summary>The exact quote appears more than once with equally good surroundings; the copy where the
    /// annotation must be, given how far the text moved, was taken.</summary>
    QuoteNearestPosition,

    /// <summary>An approximate match of the quote (see <see cref="ReanchorResult.Placed.Similarity"/>).</summary>
    Fuzzy,
}

/// <summary>The outcome of re-anchoring one annotation: placed in the new text, or an orphan for an editor.</summary>
public abstract record ReanchorResult
{
    private ReanchorResult()
    {
    }

    /// <summary>The annotation found a place; <see cref="Anchor"/> is captured from the new text.
    /// <see cref="Similarity"/> is 1 for an exact quote, else how close the new span is to the old quote.</summary>
    public sealed record Placed(TextAnchor Anchor, AnchorMethod Method, double Similarity) : ReanchorResult;

    /// <summary>The annotation could not be placed with confidence; <see cref="Reason"/> tells the editor why.</summary>
    public sealed record Orphaned(string Reason) : ReanchorResult;
}

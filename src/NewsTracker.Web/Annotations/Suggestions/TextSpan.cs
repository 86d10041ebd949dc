namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>A half-open range [Start, End) of UTF-16 code units in a plain text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

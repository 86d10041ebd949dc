using NewsTracker.Web.Application;

namespace NewsTracker.Web.Annotations;

/// <summary>Why a span cannot be an annotation: the field at fault and a message an editor can act on.</summary>
public sealed record AnchorProblem(string Field, string Message)
{
    /// <summary>The application's validation failure, which pages show as a field message and the API as a 400.</summary>
    public ValidationFailedException ToException() => new(Field, Message);
}

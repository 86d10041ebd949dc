namespace NewsTracker.Web.Api;

/// <summary>The API's answer to a write on something with a concurrency stamp that came without it: 428 Precondition
/// Required (RFC 6585), as the page forms always send theirs, so no tool can overwrite a change it never saw.</summary>
public static class StampRequired
{
    public static IResult Problem(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Precondition required.",
        detail: detail);
}

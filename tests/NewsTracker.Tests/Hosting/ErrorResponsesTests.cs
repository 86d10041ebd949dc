using Microsoft.AspNetCore.Http;
using NewsTracker.Web.Application;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Tests.Hosting;

public sealed class ErrorResponsesTests
{
    public static TheoryData<Exception, int> ApplicationErrors => new()
    {
        { new ValidationFailedException("Title", "Give a title."), StatusCodes.Status400BadRequest },
        { new ForbiddenException("Only editors can publish."), StatusCodes.Status403Forbidden },
        { new NotFoundException("There is no claim 9."), StatusCodes.Status404NotFound },
        { new ConflictException("Changed by Ana at 10:02."), StatusCodes.Status409Conflict },
    };

    [Theory]
    [MemberData(nameof(ApplicationErrors))]
    public void Each_application_error_has_one_status_for_pages_api_and_script(Exception error, int status)
    {
        Assert.Equal(status, ErrorResponses.StatusFor(error));
        Assert.Equal(status, ErrorResponses.ProblemFor(error)!.Status);
    }

    [Fact]
    public void Invalid_input_becomes_a_validation_problem_with_field_messages_and_unnamed_ones_under_request()
    {
        var problem = Assert.IsType<HttpValidationProblemDetails>(ErrorResponses.ProblemFor(new ValidationFailedException(new Dictionary<string, string[]>
        {
            ["Title"] = ["Give a title."],
            [string.Empty] = ["Nothing to save."],
        })));

        Assert.Equal(["Give a title."], problem.Errors["Title"]);
        Assert.Equal(["Nothing to save."], problem.Errors["request"]);
        Assert.Equal(ErrorResponses.InvalidInputDetail, problem.Detail);
    }

    [Fact]
    public void A_refusal_carries_its_message_and_an_unexpected_error_is_not_mapped()
    {
        Assert.Equal("Only editors can publish.", ErrorResponses.ProblemFor(new ForbiddenException("Only editors can publish."))!.Detail);
        Assert.Null(ErrorResponses.StatusFor(new InvalidOperationException("boom")));
        Assert.Null(ErrorResponses.ProblemFor(new InvalidOperationException("boom")));
    }
}

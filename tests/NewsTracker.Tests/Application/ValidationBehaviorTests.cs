using FluentValidation;
using MediatR;
using NewsTracker.Web.Application;

namespace NewsTracker.Tests.Application;

public sealed class ValidationBehaviorTests
{
    private sealed record Rename(string Name, string Slug) : IRequest<string>;

    private sealed class NameValidator : AbstractValidator<Rename>
    {
        public NameValidator() => RuleFor(r => r.Name).NotEmpty().WithMessage("Give a name.");
    }

    private sealed class SlugValidator : AbstractValidator<Rename>
    {
        public SlugValidator()
        {
            RuleFor(r => r.Slug).NotEmpty().WithMessage("Give a slug.");
            RuleFor(r => r.Slug).Matches("^[a-z-]*$").WithMessage("Lower-case letters and dashes only.");
        }
    }

    [Fact]
    public async Task Collects_every_validators_messages_into_one_exception()
    {
        var behavior = new ValidationBehavior<Rename, string>([new NameValidator(), new SlugValidator()]);
        var handlerRan = false;

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            behavior.Handle(new Rename(string.Empty, "Not A Slug"), CancellationToken.None, () =>
            {
                handlerRan = true;
                return Task.FromResult("renamed");
            }));

        Assert.False(handlerRan);
        Assert.Equal(["Give a name."], error.Errors["Name"]);
        Assert.Equal(["Lower-case letters and dashes only."], error.Errors["Slug"]);
    }

    [Fact]
    public async Task Passes_valid_requests_to_the_handler()
    {
        var behavior = new ValidationBehavior<Rename, string>([new NameValidator(), new SlugValidator()]);

        var result = await behavior.Handle(new Rename("Kyiv", "kyiv"), CancellationToken.None, () => Task.FromResult("renamed"));

        Assert.Equal("renamed", result);
    }

    [Fact]
    public async Task A_request_without_validators_passes_through()
    {
        var behavior = new ValidationBehavior<Rename, string>([]);

        Assert.Equal("ok", await behavior.Handle(new Rename(string.Empty, string.Empty), CancellationToken.None, () => Task.FromResult("ok")));
    }
}

using NewsTracker.Web.Accounts;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class IngestArticleValidatorTests
{
    private static readonly IngestArticle.Validator Validator = new(TimeProvider.System);

    [Fact]
    public void Accepts_a_plain_text_article() =>
        Assert.True(Validator.Validate(new IngestArticle.Command { Text = "Title\n\nBody.", Url = "https://example.com/a", Language = "en-GB" }).IsValid);

    [Theory]
    [InlineData("Text", "", null, null)]
    [InlineData("Url", "Title\n\nBody.", "javascript:alert(1)", null)]
    [InlineData("Url", "Title\n\nBody.", "file:///etc/passwd", null)]
    [InlineData("Language", "Title\n\nBody.", null, "english please")]
    public void Names_the_field_that_is_wrong(string field, string text, string? url, string? language)
    {
        var result = Validator.Validate(new IngestArticle.Command { Text = text, Url = url, Language = language });

        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Fact]
    public void Refuses_oversized_text_and_titles()
    {
        var result = Validator.Validate(new IngestArticle.Command { Text = new string('a', IngestArticle.MaxContentLength + 1), Title = new string('t', 501) });

        Assert.Contains(result.Errors, e => e.PropertyName == "Text");
        Assert.Contains(result.Errors, e => e.PropertyName == "Title");
    }

    [Fact]
    public void Refuses_a_published_date_that_is_not_utc() =>
        Assert.Contains(
            Validator.Validate(new IngestArticle.Command { Text = "T\n\nB.", PublishedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local) }).Errors,
            e => e.PropertyName == "PublishedUtc");
}

public sealed class AddUserValidatorTests
{
    private static readonly AddUser.Validator Validator = new();

    [Theory]
    [InlineData("editor")]
    [InlineData("Admin")]
    [InlineData(null)]
    public void Accepts_known_roles_in_any_case_or_none(string? role) =>
        Assert.True(Validator.Validate(new AddUser.Command("desk@example.test", "a long enough password", role)).IsValid);

    [Fact]
    public void Refuses_an_unknown_role_and_a_bad_email()
    {
        var result = Validator.Validate(new AddUser.Command("not-an-email", "pw", "superuser"));

        Assert.Contains(result.Errors, e => e.PropertyName == "Email");
        Assert.Contains(result.Errors, e => e.PropertyName == "Role");
    }
}

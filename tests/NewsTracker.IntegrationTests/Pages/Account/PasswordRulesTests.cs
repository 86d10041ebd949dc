using System.Net;
using NewsTracker.Web.Accounts;

namespace NewsTracker.IntegrationTests.Pages.Account;

/// <summary>NIST SP 800-63B: common passwords and passwords built from the email are refused wherever a password is set.</summary>
public sealed class PasswordRulesTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Theory]
    [InlineData("unbelievable", "most common")]
    [InlineData("Scandinavian", "most common")]
    [InlineData("kestrel.harbour is my name", "“kestrel.harbour”")]
    public async Task Registration_refuses_a_common_password_or_one_containing_the_email_name(string password, string expected)
    {
        var email = $"kestrel.harbour{Guid.NewGuid().ToString("N")[..6]}@example.test";
        if (expected.StartsWith('“'))
        {
            email = "kestrel.harbour@example.test";
        }

        var response = await Forms.SubmitAsync(factory.CreateBrowserClient(), "/account/register", new() { ["Data.Email"] = email, ["Data.Password"] = password, ["Data.ConfirmPassword"] = password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Forms.ParseAsync(response)).QuerySelector("[data-valmsg-for='Data.Password']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_list_holds_ten_thousand_passwords_and_ignores_case()
    {
        Assert.True(PasswordRules.IsCommon("PASSWORD"));
        Assert.True(PasswordRules.IsCommon("eyphed"));
        Assert.False(PasswordRules.IsCommon(NewsTrackerFactory.Password));
    }
}

using System.Net;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Account;

/// <summary>Behind a proxy (forwarded headers on), so each client can come from an address of its own.</summary>
public sealed class ProxiedAddressesFactory : NewsTrackerFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true" };

    public HttpClient ClientFrom(string address)
    {
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}

public sealed class SignInThrottleTests(ProxiedAddressesFactory factory) : IClassFixture<ProxiedAddressesFactory>
{
    [Fact]
    public async Task A_stranger_guessing_the_admins_password_slows_only_their_own_address()
    {
        var admin = await factory.CreateUserAsync(Roles.Admin);
        var stranger = factory.ClientFrom("203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(stranger, admin, "a wrong guess number " + i)).Status);
        }

        var (status, message) = await SignInAsync(stranger, admin, NewsTrackerFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("Too many failed sign-ins. Wait", message, StringComparison.Ordinal);

        var (adminStatus, _) = await SignInAsync(factory.ClientFrom("198.51.100.20"), admin, NewsTrackerFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, adminStatus);
    }

    [Fact]
    public async Task An_unknown_email_and_a_real_account_get_the_same_answers_attempt_after_attempt()
    {
        var real = await factory.CreateUserAsync(Roles.Editor);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";

        var forReal = await AttemptsAsync(factory.ClientFrom("192.0.2.10"), real);
        var forUnknown = await AttemptsAsync(factory.ClientFrom("192.0.2.11"), unknown);

        Assert.Equal(forReal, forUnknown);
        Assert.Contains(forReal, a => a.Status == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void Each_failure_past_the_free_ones_doubles_the_wait_and_says_so_in_words()
    {
        Assert.Equal("2 seconds", SignInThrottle.Describe(TimeSpan.FromSeconds(1.2)));
        Assert.Equal("3 minutes", SignInThrottle.Describe(TimeSpan.FromSeconds(150)));
    }

    private static async Task<List<(HttpStatusCode Status, string Message)>> AttemptsAsync(HttpClient client, string email)
    {
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 7; i++)
        {
            var (status, message) = await SignInAsync(client, email, "not the password " + i);
            // The wait left differs by the moment it is read; the words before it are what a person learns from.
            answers.Add((status, message.Split(" Wait ")[0]));
        }

        return answers;
    }

    private static async Task<(HttpStatusCode Status, string Message)> SignInAsync(HttpClient client, string email, string password)
    {
        var response = await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = password });
        var alert = response.StatusCode == HttpStatusCode.Redirect ? string.Empty : (await Forms.ParseAsync(response)).QuerySelector(".alert-error")?.TextContent.Trim() ?? string.Empty;
        return (response.StatusCode, alert);
    }
}

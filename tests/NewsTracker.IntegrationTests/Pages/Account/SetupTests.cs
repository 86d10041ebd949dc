using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace NewsTracker.IntegrationTests.Pages.Account;

public sealed partial class SetupTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task The_logged_setup_link_creates_the_first_admin_once()
    {
        var client = factory.CreateBrowserClient();
        var link = SetupLinkFromLog();

        var response = await Forms.SubmitAsync(client, link, new()
        {
            ["Data.Email"] = "chief@example.test",
            ["Data.Password"] = NewsTrackerFactory.Password,
            ["Data.ConfirmPassword"] = NewsTrackerFactory.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await Forms.GetDocumentAsync(client, "/account/manage");
        Assert.Contains("chief@example.test · Admin", account.QuerySelector(".lede")!.TextContent, StringComparison.Ordinal);

        var again = await factory.CreateBrowserClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        // Replaying the original form post with the used token creates nothing either.
        var replayClient = factory.CreateBrowserClient();
        var login = await Forms.GetDocumentAsync(replayClient, "/account/login");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)login.QuerySelector("main form")!;
        form.Action = link;
        var replay = await Forms.PostFormAsync(replayClient, form, link, new()
        {
            ["Token"] = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..],
            ["Data.Email"] = "intruder@example.test",
            ["Data.Password"] = NewsTrackerFactory.Password,
            ["Data.ConfirmPassword"] = NewsTrackerFactory.Password,
        });
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<NewsTracker.Web.Domain.ApplicationUser>>();
        Assert.Null(await users.FindByEmailAsync("intruder@example.test"));
    }

    [Fact]
    public async Task A_wrong_setup_token_is_a_404()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/setup?token=setup_not-a-real-token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private string SetupLinkFromLog() => SetupLinkFromLog(factory);

    /// <summary>The setup link the host logged at start, with its address.</summary>
    internal static string SetupLinkFromLog(NewsTrackerFactory factory, bool withAddress = false)
    {
        _ = factory.Server;
        var logs = Directory.GetFiles(Path.Combine(factory.DataDirectory, "logs"));
        var text = string.Concat(logs.Select(ReadShared));
        var match = SetupLink().Match(text);
        Assert.True(match.Success, "The setup link was not logged.");
        return withAddress ? match.Value : match.Groups[1].Value;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    [GeneratedRegex(@"https?://[^/\s]+(/setup\?token=setup_[A-Za-z0-9_\-]+)")]
    private static partial Regex SetupLink();
}

/// <summary>The public address the setup link is logged with.</summary>
public sealed class PublicAddressFactory : NewsTrackerFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["NewsTracker:PublicBaseUrl"] = "https://news.example.org/" };
}

/// <summary>Several instances started together each log a link; whichever is opened first creates the admin.</summary>
public sealed class SetupAcrossInstancesTests(PublicAddressFactory factory) : IClassFixture<PublicAddressFactory>
{
    [Fact]
    public async Task Every_instances_link_works_until_one_creates_the_admin_and_each_shows_the_public_address()
    {
        var logged = SetupTests.SetupLinkFromLog(factory, withAddress: true);
        var another = await NewsTracker.Web.Accounts.AdminSetup.IssueAtStartIfNeededAsync(factory.Services, CancellationToken.None);
        var first = new Uri(logged).PathAndQuery;

        Assert.StartsWith("https://news.example.org/setup?token=", logged, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync($"/setup?token={another}")).StatusCode);
        var created = await Forms.SubmitAsync(factory.CreateBrowserClient(), first, new()
        {
            ["Data.Email"] = "desk-chief@example.test",
            ["Data.Password"] = NewsTrackerFactory.Password,
            ["Data.ConfirmPassword"] = NewsTrackerFactory.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/setup?token={another}")).StatusCode);
    }
}

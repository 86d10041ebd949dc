using System.Net.Http.Headers;
using System.Net.Http.Json;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Hosting;

public sealed class LoggingTests
{
    [Fact]
    public async Task Requests_are_logged_with_status_and_time_but_never_passwords_tokens_or_cookies()
    {
        var factory = new NewsTrackerFactory { DeleteDataOnDispose = false };
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var token = await factory.CreateTokenAsync(email);
        var browser = factory.CreateBrowserClient();
        await Forms.SubmitAsync(browser, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = NewsTrackerFactory.Password });
        await browser.GetAsync("/account/manage");
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await api.PostAsJsonAsync("/api/v1/articles", new { text = "Logging Check Headline\n\nBody text." });

        // Stopping the host completes every request and flushes the log.
        await factory.DisposeAsync();
        var log = ReadLogs(factory.DataDirectory);
        Directory.Delete(factory.DataDirectory, recursive: true);

        Assert.Matches(@"HTTP POST /account/login responded 302 in \d+\.\d ms", log);
        Assert.Matches(@"HTTP POST /api/v1/articles responded 201 in \d+\.\d ms", log);
        Assert.DoesNotContain(NewsTrackerFactory.Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(token[3..], log, StringComparison.Ordinal);
        Assert.DoesNotContain("nt.auth=", log, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", log, StringComparison.Ordinal);
    }

    private static string ReadLogs(string dataDirectory) => string.Concat(Directory.GetFiles(Path.Combine(dataDirectory, "logs")).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }));
}

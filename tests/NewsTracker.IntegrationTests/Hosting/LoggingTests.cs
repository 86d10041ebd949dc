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

    [Fact]
    public async Task With_the_json_format_each_line_is_one_event_and_request_events_carry_route_status_time_and_user()
    {
        var factory = new JsonLogsFactory { DeleteDataOnDispose = false };
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var userId = await factory.WithDbAsync(db => Task.FromResult(db.Users.Where(u => u.Email == email).Select(u => u.Id).Single()));
        var browser = await factory.SignInAsAsync(email);
        await browser.GetAsync("/account/manage");

        await factory.DisposeAsync();
        var files = Directory.GetFiles(Path.Combine(factory.DataDirectory, "logs"));
        var log = ReadLogs(factory.DataDirectory);
        Directory.Delete(factory.DataDirectory, recursive: true);

        Assert.All(files, f => Assert.EndsWith(".json", f, StringComparison.Ordinal));
        var events = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        // The request log events: other events inside a request carry its path too, but not its status.
        var requests = events.Where(e => e.TryGetProperty("StatusCode", out _) && e.TryGetProperty("RequestPath", out _)).ToList();
        var manage = Assert.Single(requests, e => e.GetProperty("RequestPath").GetString() == "/account/manage");
        Assert.Equal(200, manage.GetProperty("StatusCode").GetInt32());
        Assert.True(manage.GetProperty("Elapsed").GetDouble() > 0);
        Assert.Equal("/account/manage", manage.GetProperty("Route").GetString()?.ToLowerInvariant());
        Assert.Equal(userId, manage.GetProperty("UserId").GetString());
        var loginForm = Assert.Single(requests, e => e.GetProperty("RequestPath").GetString() == "/account/login" && e.GetProperty("RequestMethod").GetString() == "GET");
        Assert.Equal("anonymous", loginForm.GetProperty("UserId").GetString());
        Assert.DoesNotContain(NewsTrackerFactory.Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain("nt.auth=", log, StringComparison.Ordinal);
    }

    private sealed class JsonLogsFactory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Logging:Format"] = "json", ["Seeding:Enabled"] = "false" };
    }

    /// <summary>Every log file of a host, read while it may still be writing.</summary>
    internal static string ReadLogs(string dataDirectory) => string.Concat(Directory.GetFiles(Path.Combine(dataDirectory, "logs")).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }));
}

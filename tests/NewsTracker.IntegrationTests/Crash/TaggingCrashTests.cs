using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using NewsTracker.Web.Domain;
using Xunit.Abstractions;

namespace NewsTracker.IntegrationTests.Crash;

/// <summary>
/// kill -9 of the serving app while several API clients tag one article: after every kill the database passes
/// every check (no annotation without its actor or audit entry), every annotation the server answered 201 for is
/// there, and the restarted app serves the article's annotations again.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class TaggingCrashTests(ITestOutputHelper log)
{
    private const int Kills = 10;
    private const int Clients = 4;
    private const int Words = 60;
    private const string Email = "crash.editor@crash.example";

    [SqliteFact]
    public async Task Killing_the_server_while_clients_tag_keeps_every_acknowledged_annotation()
    {
        using var run = new CrashRun(log, nameof(TaggingCrashTests));
        var token = await SetUpAsync(run);
        var articleId = 0;
        var acknowledged = new Dictionary<int, string>();

        for (var kill = 1; kill <= Kills; kill++)
        {
            // Kill once the clients have had a random number of answers (the first requests after a start are slow
            // while the app warms up), plus up to 60 ms, so the kill lands inside some request's transaction.
            var answersBefore = run.Random.Next(0, 30);
            var delay = TimeSpan.FromMilliseconds(run.Random.Next(0, 60));
            using var server = await ServeAsync(run, token);
            articleId = articleId == 0 ? await AddArticleAsync(server.Client) : articleId;
            await AssertServesAsync(run, server, articleId, acknowledged.Count, $"restart {kill - 1}");

            using var stop = new CancellationTokenSource();
            var answers = new ConcurrentBag<(HttpStatusCode Status, int Id, string Actor, string Body)>();
            var clients = Enumerable.Range(0, Clients).Select(client => TagUntilGoneAsync(server.Client, articleId, kill, client, answers, stop.Token)).ToList();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (answers.Count < answersBefore && !clients.All(c => c.IsCompleted))
            {
                await Task.Delay(5, patience.Token);
            }

            await Task.Delay(delay);
            server.App.Kill();
            await stop.CancelAsync();
            var unanswered = (await Task.WhenAll(clients)).Sum();

            await run.AssertSoundAsync($"kill {kill}");
            var rejected = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
            Assert.True(rejected.Count == 0, $"{run.Replay} kill {kill}: the server refused tags it should have stored: {string.Join("; ", rejected.Select(r => $"{(int)r.Status} {r.Body}"))}");
            foreach (var answer in answers)
            {
                acknowledged.Add(answer.Id, answer.Actor);
            }

            var stored = await StoredAsync(run);
            var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var actor) || actor != a.Value).Select(a => a.Key).ToList();
            Assert.True(lost.Count == 0, $"{run.Replay} kill {kill}: acknowledged annotations missing after the kill: {string.Join(", ", lost)}");
            run.Log($"kill {kill}: after {answersBefore} answers + {delay.TotalMilliseconds} ms; {answers.Count} acknowledged, {unanswered} cut off, {stored.Count} stored in all");

            // A request cut off by the kill may or may not have committed; either way it is whole, and it counts.
            foreach (var (id, actor) in stored)
            {
                acknowledged.TryAdd(id, actor);
            }
        }

        using (var last = await ServeAsync(run, token))
        {
            await AssertServesAsync(run, last, articleId, acknowledged.Count, $"restart {Kills}");
        }

        Assert.True(acknowledged.Count > Kills, $"{run.Replay} only {acknowledged.Count} annotations were stored in {Kills} rounds; the clients hardly ran.");
    }

    /// <summary>An editor with an API token, through the admin commands.</summary>
    private static async Task<string> SetUpAsync(CrashRun run)
    {
        var (added, _, addError) = await AppProcess.RunAsync(run.DataDirectory, ["users", "add", "--email", Email, "--role", Roles.Editor], NewsTrackerFactory.Password + "\n");
        Assert.True(added == 0, $"users add failed: {addError}");
        var (created, token, tokenError) = await AppProcess.RunAsync(run.DataDirectory, ["tokens", "create", "--email", Email, "--name", "crash"]);
        Assert.True(created == 0, $"tokens create failed: {tokenError}");

        return token.Trim();
    }

    /// <summary>An article with <see cref="Words"/> distinct words to tag, through the API; its id.</summary>
    private static async Task<int> AddArticleAsync(HttpClient client)
    {
        var body = string.Join("\n\n", Enumerable.Range(0, Words / 10).Select(p => string.Join(' ', Enumerable.Range(p * 10, 10).Select(w => $"Speaker {Word(w)} said so."))));
        using var response = await client.PostAsJsonAsync("/api/v1/articles", new { text = "Crash tagging article\n\n" + body, url = "https://crash.example/tagging" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static string Word(int number) => string.Create(CultureInfo.InvariantCulture, $"Tok{number:000}");

    /// <summary>Tags a word as a new actor, again and again, until the server is gone; the number of requests that
    /// got no answer. Each actor name is new, so every request writes an actor, an annotation and their audit entries.</summary>
    private static async Task<int> TagUntilGoneAsync(HttpClient client, int articleId, int round, int number, ConcurrentBag<(HttpStatusCode, int, string, string)> answers, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var actor = string.Create(CultureInfo.InvariantCulture, $"Crash actor {round}-{number}-{n}");
            var annotation = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["type"] = "Annotation",
                ["nt:kind"] = "actor",
                ["body"] = new { type = "TextualBody", purpose = "describing", value = actor },
                ["target"] = new { selector = new { type = "TextQuoteSelector", exact = Word(((number * 17) + n) % Words) } },
            });
            try
            {
                using var response = await client.PostAsync(
                    $"/api/v1/articles/{articleId}/annotations", new StringContent(annotation, Encoding.UTF8, "application/ld+json"), CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var id = response.StatusCode == HttpStatusCode.Created
                    ? int.Parse(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!.Split('/')[^1], CultureInfo.InvariantCulture)
                    : 0;
                answers.Add((response.StatusCode, id, actor, body));
            }
            catch (HttpRequestException)
            {
                // The connection died with the server: this request's outcome is unknown.
                return 1;
            }
            catch (IOException)
            {
                return 1;
            }
        }

        return 0;
    }

    /// <summary>Every annotation in the file with its actor's name.</summary>
    private static async Task<Dictionary<int, string>> StoredAsync(CrashRun run)
    {
        await using var connection = await run.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT an."Id", act."Name" FROM "Annotations" AS an JOIN "Actors" AS act ON act."Id" = an."ActorId" """;
        var stored = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetInt32(0), reader.GetString(1));
        }

        return stored;
    }

    /// <summary>The app serving on a free loopback port, once its health check answers, with a client sending the token.
    /// A start stopped by a signal from outside (another test run's cleanup on a shared machine) is tried once more
    /// and logged; a start that fails again fails the test.</summary>
    private static async Task<Server> ServeAsync(CrashRun run, string token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var app = AppProcess.Start(run.DataDirectory, ["--urls", $"http://127.0.0.1:{port}"]);
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var server = new Server(app, client);
            if (await HealthyAsync(server))
            {
                return server;
            }

            // Read before disposing: a disposed process no longer answers HasExited (it throws).
            var exit = app.HasExited ? "stopped while starting" : "did not answer /healthz within a minute";
            server.Dispose();
            Assert.True(attempt == 1, $"{run.Replay} the app {exit}, twice:\n{app.Error}");
            run.Log($"the app {exit}; starting it again. Stderr: {app.Error.Split('\n')[0]}");
        }
    }

    private static async Task<bool> HealthyAsync(Server server)
    {
        for (var attempt = 0; attempt < 600 && !server.App.HasExited; attempt++)
        {
            try
            {
                using var health = await server.Client.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>The restarted app answers the article's annotations, all of those stored so far.</summary>
    private static async Task AssertServesAsync(CrashRun run, Server server, int articleId, int expected, string after)
    {
        using var response = await server.Client.GetAsync($"/api/v1/articles/{articleId}/annotations");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{run.Replay} after {after} the article's annotations answered {(int)response.StatusCode}.");
        var total = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32();
        Assert.True(total == expected, $"{run.Replay} after {after} the API lists {total} annotations, the database had {expected}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Server(AppProcess App, HttpClient Client) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            App.Dispose();
        }
    }
}

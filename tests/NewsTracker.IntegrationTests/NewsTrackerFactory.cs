using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests;

/// <summary>
/// The real app on a fresh, migrated database (SQLite in its own temporary data directory, or PostgreSQL when
/// the run asks for it: see <see cref="TestDatabase"/>), one per test class (use as <c>IClassFixture</c>). Requests go through the whole pipeline: routing, auth,
/// antiforgery, MediatR behaviors, EF Core.
/// </summary>
public class NewsTrackerFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    private readonly DatabaseProvider _provider;

    public NewsTrackerFactory()
        : this(TestDatabase.RunProvider)
    {
    }

    /// <summary>A host on <paramref name="provider"/> whatever the run's provider.</summary>
    protected NewsTrackerFactory(DatabaseProvider provider)
    {
        _provider = provider;
        DataDirectory = Path.Combine(Path.GetTempPath(), "newstracker-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>The database this host runs on; known once the host has been built.</summary>
    public TestDatabase? Database { get; private set; }

    /// <summary>A database several hosts share (instances of one deployment). The test that made it drops it.</summary>
    public TestDatabase? SharedDatabase { get; init; }

    /// <summary>False keeps the data directory after disposal, so a test can read the logs of a stopped host.</summary>
    public bool DeleteDataOnDispose { get; init; } = true;

    /// <summary>Extra settings a test class needs, applied on top of the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Logging:Console", "false");
        var settings = Settings;
        var dataDirectory = settings.TryGetValue("Storage:DataDirectory", out var reused) && reused is not null ? reused : DataDirectory;
        Database = SharedDatabase ?? TestDatabase.ForDataDirectory(_provider, dataDirectory);
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies, does not follow redirects, and speaks https so Secure cookies flow.</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Reads (or changes) the database through a fresh scope's context.</summary>
    public async Task<T> WithDbAsync<T>(Func<NewsTrackerDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>());
    }

    /// <summary>Sends a request as <paramref name="editor"/> would from a page (the audit log records them).</summary>
    public async Task<T> SendAsAsync<T>(Editor editor, IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Editor = editor;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A new account with <paramref name="role"/>, as the tagging commands see it.</summary>
    public async Task<Editor> CreateEditorAsync(string role)
    {
        var email = await CreateUserAsync(role);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var id = db.Users.Where(u => u.Email == email).Select(u => u.Id).Single();
        return new Editor(id, email, role is Roles.Journalist or Roles.Editor or Roles.Admin, role is Roles.Editor or Roles.Admin);
    }

    public async Task<string> CreateUserAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await SendAsync(new AddUser.Command(email, Password, role.Length == 0 ? null : role));
        return email;
    }

    public async Task<string> CreateTokenAsync(string email) =>
        (await SendAsync(new CreateApiToken.Command(email, "tests"))).Token;

    /// <summary>A signed-in client for a new account with <paramref name="role"/> ("" for a reader).</summary>
    public async Task<HttpClient> SignedInClientAsync(string role) => await SignInAsAsync(await CreateUserAsync(role));

    /// <summary>A new account signed in, with the same person as the tagging commands see them.</summary>
    public async Task<(HttpClient Client, Editor Editor)> SignedInEditorAsync(string role)
    {
        var editor = await CreateEditorAsync(role);
        return (await SignInAsAsync(editor.UserName!), editor);
    }

    /// <summary>A client signed in as an existing account.</summary>
    public async Task<HttpClient> SignInAsAsync(string email)
    {
        var client = CreateBrowserClient();
        var response = await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = Password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && DeleteDataOnDispose)
        {
            // A host that keeps its data for a restart keeps its database too; the restarted host drops it.
            if (SharedDatabase is null)
            {
                Database?.Dispose();
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be closing; the temp folder is cleaned by the OS.
            }
        }
    }
}

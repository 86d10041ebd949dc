using System.CommandLine;
using System.Runtime.InteropServices;
using MediatR;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Stories;

namespace NewsTracker.Web.Cli;

/// <summary>
/// The admin commands the same executable takes instead of serving:
/// <c>users add --email E --role R</c> (password on stdin), <c>users list|role|disable|enable|delete|reset-password</c>
/// (<see cref="UserAdministration"/>), <c>tokens create --email E --name N</c>,
/// <c>import FILE.jsonl</c>, <c>extract --batch</c>, <c>backup --to FILE</c> / <c>restore --from FILE</c>
/// (<see cref="BackupDatabase"/>, <see cref="RestoreDatabase"/>), <c>check</c> (<see cref="CheckDatabase"/>), <c>recount</c>
/// (<see cref="ArchiveCounts.Rebuild"/>) and <c>search rebuild</c> (<see cref="SearchCommands"/>).
/// Each runs the same MediatR requests as the pages.
/// Exit codes: 0 done, 1 some items failed (or a check failed), 2 usage or input errors, 130 stopped by Ctrl+C
/// (import, backup, restore).
/// </summary>
public static class AdminCommandLine
{
    public const int Succeeded = 0;
    public const int SomeFailed = 1;
    public const int UsageError = 2;

    /// <summary>128 + SIGINT, what shells report for a command stopped with Ctrl+C.</summary>
    public const int Interrupted = 130;

    /// <summary>How often the plain (non-terminal) import progress line is written, in articles.</summary>
    public const int DefaultProgressEvery = 100;

    private static readonly HashSet<string> CommandNames = new(StringComparer.Ordinal) { "users", "tokens", "import", "extract", "backup", "restore", "check", "recount", "search" };

    /// <summary>True when the arguments name an admin command rather than web-server options.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && CommandNames.Contains(args[0]);

    /// <summary>False for the commands that take the database file as it is: a backup must not migrate the live
    /// database (the binary may be newer than the running server), a restore must not create, migrate or trip
    /// over the database it is about to replace, and a check must report a damaged file, not fail migrating it.</summary>
    public static bool NeedsMigratedDatabase(string[] args) => IsCommand(args) && args[0] is not ("backup" or "restore" or "check");

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("NewsTracker admin commands. Without a command, the executable serves the web app.")
        {
            UsersCommand(services, input, output, error),
            TokensCommand(services, output, error),
            ImportCommand(services, output, error),
            ExtractCommand(services, input, output, error),
            BackupDatabase.Command(services, output, error),
            RestoreDatabase.Command(services, output, error),
            CheckDatabase.Create(services, output, error),
            SearchCommands.Create(services, output, error),
            RecountCommand(services, output, error),
        };

        // No ProcessTerminationTimeout: import handles Ctrl+C itself so it can finish the lines in flight
        // and print its summary, instead of being cut off after System.CommandLine's grace period.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var parsed = root.Parse(args);
        var exit = await parsed.InvokeAsync(configuration, cancellationToken);
        return parsed.Errors.Count > 0 ? UsageError : exit;
    }

    private static Command UsersCommand(IServiceProvider services, TextReader input, TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The account's email, also its sign-in name.", Required = true };
        var role = new Option<string?>("--role") { Description = $"One of {string.Join(", ", Roles.All)}; omit for a reader." };
        var add = new Command("add", "Create an account. The password is read from standard input (one line).") { email, role };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var password = await ReadPasswordAsync(input, error, cancellationToken);
            return await SendAsync(services, error, new AddUser.Command(parse.GetValue(email)!, password, parse.GetValue(role)), async result =>
            {
                await output.WriteLineAsync($"Created {result.Email}{(result.Role is null ? " (reader)" : $" with role {result.Role}")}.");
            }, cancellationToken);
        });

        var list = new Command("list", "List the accounts with their roles; disabled ones are marked.");
        list.SetAction(async (parse, cancellationToken) =>
            await SendAsync(services, error, new UserAdministration.List(), async overview =>
            {
                foreach (var user in overview.Users)
                {
                    await output.WriteLineAsync($"{user.Email}\t{user.Role ?? "reader"}{(user.Disabled ? "\tdisabled" : string.Empty)}");
                }
            }, cancellationToken));

        var newRole = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}, or none for a reader.", Required = true };
        var changeRole = new Command("role", "Change an account's role; its sessions end.") { email, newRole };
        changeRole.SetAction(async (parse, cancellationToken) =>
            await SendAsync(services, error, new UserAdministration.ChangeRole(parse.GetValue(email)!, parse.GetValue(newRole)), async _ =>
                await output.WriteLineAsync($"Role of {parse.GetValue(email)} is now {parse.GetValue(newRole)}."), cancellationToken));

        return new Command("users", "Manage accounts.")
        {
            add,
            list,
            changeRole,
            AccountCommand(services, output, error, email, "disable", "Disable an account and end its sessions.", e => new UserAdministration.SetDisabled(e, true), e => $"{e} is disabled."),
            AccountCommand(services, output, error, email, "enable", "Let a disabled account sign in again.", e => new UserAdministration.SetDisabled(e, false), e => $"{e} can sign in again."),
            AccountCommand(services, output, error, email, "delete", "Delete an account; its tags, claims and history stay under its name.", e => new UserAdministration.Delete(e), e => $"{e} is deleted."),
            ResetPasswordCommand(services, output, error, email),
        };
    }

    private static Command AccountCommand(
        IServiceProvider services, TextWriter output, TextWriter error, Option<string> email, string name, string description, Func<string, IRequest<Unit>> request, Func<string, string> done)
    {
        var command = new Command(name, description) { email };
        command.SetAction(async (parse, cancellationToken) =>
            await SendAsync(services, error, request(parse.GetValue(email)!), async _ => await output.WriteLineAsync(done(parse.GetValue(email)!)), cancellationToken));
        return command;
    }

    private static Command ResetPasswordCommand(IServiceProvider services, TextWriter output, TextWriter error, Option<string> email)
    {
        var command = new Command("reset-password", "Print a one-time link (24 hours) that lets the account choose a new password. No mail is sent: pass it on yourself.") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var baseUrl = services.GetRequiredService<PublicUrls>().Configured?.AbsoluteUri.TrimEnd('/') ?? "http://localhost:5000";
            return await SendAsync(services, error, new UserAdministration.IssuePasswordReset(parse.GetValue(email)!, baseUrl), async link =>
            {
                await error.WriteLineAsync("Reset link created. It works once; give it to the account's owner.");
                await output.WriteLineAsync(link);
            }, cancellationToken);
        });
        return command;
    }

    private static Command TokensCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "The account the token acts for.", Required = true };
        var name = new Option<string>("--name") { Description = "A name to recognise the token by.", Required = true };
        var create = new Command("create", "Create an API bearer token. It is printed once; only its hash is stored.") { email, name };
        create.SetAction(async (parse, cancellationToken) =>
            await SendAsync(services, error, new CreateApiToken.Command(parse.GetValue(email)!, parse.GetValue(name)!), async result =>
            {
                await error.WriteLineAsync("Token created. Copy it now: it is shown once and can be revoked on the account page.");
                await output.WriteLineAsync(result.Token);
            }, cancellationToken));

        return new Command("tokens", "Manage API tokens.") { create };
    }

    private static Command ImportCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSONL file: one object per line with url, html or text, and optional title, outlet, byline, published, language." };
        var parallel = new Option<int>("--parallel") { Description = "Batches in flight at once (one preparing while another is written).", DefaultValueFactory = _ => ImportArticles.DefaultParallelism };
        var batch = new Option<int>("--batch") { Description = $"Lines per batch; each batch is stored in one transaction (1–{IngestArticles.MaxBatch}).", DefaultValueFactory = _ => ImportArticles.BatchSize };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > IngestArticles.MaxBatch)
            {
                result.AddError($"--batch must be between 1 and {IngestArticles.MaxBatch}.");
            }
        });
        var every = new Option<int>("--progress-every") { Description = "When stderr is not a terminal, write a progress line every N articles.", DefaultValueFactory = _ => DefaultProgressEvery };
        parallel.Validators.Add(result => RequirePositive(result, "--parallel"));
        every.Validators.Add(result => RequirePositive(result, "--progress-every"));

        var import = new Command("import", "Ingest articles from a JSONL file through the same command as the pages; prints a summary.") { file, parallel, batch, every };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"error: No file at {path.FullName}. Give the path of a .jsonl file.");
                return UsageError;
            }

            // First Ctrl+C: take no more lines, finish those in flight, print the summary. Second: cancel those too.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var abort = new CancellationTokenSource();
            void Interrupt(PosixSignalContext context)
            {
                context.Cancel = true;
                if (stop.IsCancellationRequested)
                {
                    abort.Cancel();
                    return;
                }

                error.WriteLine("Stopping after the batches in flight; press Ctrl+C again to cancel them.");
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

            var progress = ImportProgress.For(error, parse.GetValue(every));
            var summary = await new ImportArticles(services).RunAsync(path.FullName, parse.GetValue(parallel), parse.GetValue(batch), progress, stop.Token, abort.Token);
            await summary.WriteAsync(output);
            return summary.Failures.Count > 0 ? SomeFailed : summary.Stopped ? Interrupted : Succeeded;
        });

        return import;
    }

    private static Command ExtractCommand(IServiceProvider services, TextReader input, TextWriter output, TextWriter error)
    {
        var batch = new Option<bool>("--batch") { Description = "Read PATH<TAB>URL lines on stdin (URL optional) and write one JSON object per line." };
        var extract = new Command("extract", "Extract articles from saved HTML files without storing them.") { batch };
        extract.SetAction(async (parse, cancellationToken) =>
        {
            // Batch is the only mode for now; requiring the flag keeps room for a single-file form later.
            if (!parse.GetValue(batch))
            {
                await error.WriteLineAsync("error: extract reads PATH<TAB>URL lines from stdin; run it as `extract --batch`.");
                return UsageError;
            }

            return await new ExtractBatch(services).RunAsync(input, output, cancellationToken) > 0 ? SomeFailed : Succeeded;
        });
        return extract;
    }

    private static void RequirePositive(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.GetValueOrDefault<int>() < 1)
        {
            result.AddError($"{name} must be 1 or more.");
        }
    }

    private static Command RecountCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var recount = new Command("recount", "Recompute the outlet, month, story and actor counts from the articles and tags, in one transaction (when check finds them off).");
        recount.SetAction((_, cancellationToken) => SendAsync(services, error, new ArchiveCounts.Rebuild(), rebuilt =>
            output.WriteLineAsync($"Recounted {rebuilt.Outlets} outlets, {rebuilt.Stories} stories, {rebuilt.Months} outlet months, {rebuilt.ActorArticles} actor-article rows and {rebuilt.ActorMonths} actor months."), cancellationToken));
        return recount;
    }

    private static async Task<int> SendAsync<TResult>(IServiceProvider services, TextWriter error, IRequest<TResult> request, Func<TResult, Task> onSuccess, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            await onSuccess(await mediator.Send(request, cancellationToken));
            return 0;
        }
        catch (ValidationFailedException ex)
        {
            foreach (var message in ex.Errors.SelectMany(e => e.Value))
            {
                await error.WriteLineAsync($"error: {message}");
            }

            return UsageError;
        }
        catch (NotFoundException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return UsageError;
        }
    }

    private static async Task<string> ReadPasswordAsync(TextReader input, TextWriter error, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            await error.WriteAsync("Password: ");
            var typed = new System.Text.StringBuilder();
            while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
            {
                if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                {
                    typed.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }

            await error.WriteLineAsync();
            return typed.ToString();
        }

        return (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r') ?? string.Empty;
    }
}

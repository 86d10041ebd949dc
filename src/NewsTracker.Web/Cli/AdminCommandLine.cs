using System.CommandLine;
using MediatR;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Cli;

/// <summary>
/// The admin commands the same executable takes instead of serving:
/// <c>users add --email E --role R</c> (password on stdin) and <c>tokens create --email E --name N</c>.
/// Each runs the same MediatR commands as the pages.
/// </summary>
public static class AdminCommandLine
{
    private static readonly HashSet<string> CommandNames = new(StringComparer.Ordinal) { "users", "tokens" };

    /// <summary>True when the arguments name an admin command rather than web-server options.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && CommandNames.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("NewsTracker admin commands. Without a command, the executable serves the web app.")
        {
            UsersCommand(services, input, output, error),
            TokensCommand(services, output, error),
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
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

        return new Command("users", "Manage accounts.") { add };
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

            return 2;
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

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Cli;

public sealed class AdminCommandLineTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task Users_add_reads_the_password_from_stdin_and_grants_the_role()
    {
        var (exit, output, error) = await Run(["users", "add", "--email", "desk@example.test", "--role", "editor"], NewsTrackerFactory.Password + "\n");

        Assert.Equal(0, exit);
        Assert.Contains("Created desk@example.test with role Editor", output, StringComparison.Ordinal);
        Assert.Empty(error);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("desk@example.test");
        Assert.True(await users.CheckPasswordAsync(user!, NewsTrackerFactory.Password));
        Assert.True(await users.IsInRoleAsync(user!, Roles.Editor));
    }

    [Fact]
    public async Task Users_add_refuses_an_unknown_role_and_a_short_password()
    {
        var (badRole, _, roleError) = await Run(["users", "add", "--email", "x@example.test", "--role", "overlord"], NewsTrackerFactory.Password + "\n");
        var (shortPassword, _, passwordError) = await Run(["users", "add", "--email", "y@example.test"], "short\n");

        Assert.Equal(2, badRole);
        Assert.Contains("The role must be one of Admin, Editor, Journalist", roleError, StringComparison.Ordinal);
        Assert.Equal(2, shortPassword);
        Assert.Contains("at least 12 characters", passwordError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_add_without_an_email_prints_usage()
    {
        var (exit, _, error) = await Run(["users", "add"], string.Empty);

        Assert.NotEqual(0, exit);
        Assert.Contains("--email", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_create_prints_the_token_once_and_stores_only_its_hash()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);

        var (exit, output, _) = await Run(["tokens", "create", "--email", email, "--name", "importer"], string.Empty);

        Assert.Equal(0, exit);
        var token = output.Trim();
        Assert.StartsWith("nt_", token, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().ApiTokens.SingleAsync(t => t.Name == "importer");
        Assert.Equal(SecretTokens.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash + stored.Prefix + stored.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_create_for_an_unknown_email_fails_clearly()
    {
        var (exit, _, error) = await Run(["tokens", "create", "--email", "ghost@example.test", "--name", "x"], string.Empty);

        Assert.Equal(2, exit);
        Assert.Contains("No account has the email ghost@example.test", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("users", true)]
    [InlineData("tokens", true)]
    [InlineData("import", true)]
    [InlineData("extract", true)]
    [InlineData("--urls", false)]
    public void Only_command_words_switch_to_command_mode(string first, bool expected) =>
        Assert.Equal(expected, AdminCommandLine.IsCommand([first, "x"]));

    private Task<(int Exit, string Output, string Error)> Run(string[] args, string stdin) =>
        CommandLineRun.RunAsync(factory, args, stdin);
}

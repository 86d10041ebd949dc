using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using NewsTracker.IntegrationTests.Cli;
using NewsTracker.IntegrationTests.Pages.Account;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Pages.Admin;

/// <summary>Accounts a newsroom can run: the admin page and the <c>users</c> commands, each change ending the
/// account's sessions (checked on every request here) and recorded.</summary>
public sealed class UsersTests(SessionCheckFactory factory) : IClassFixture<SessionCheckFactory>
{
    [Fact]
    public async Task An_admin_changing_a_role_ends_that_accounts_sessions_and_records_it()
    {
        var journalist = await factory.CreateUserAsync(Roles.Journalist);
        var (session, _) = await factory.SignInWithCookiesAsync(journalist);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var changed = await Forms.SubmitAsync(admin, "/admin/users", new() { ["role"] = Roles.Editor }, Row(journalist, "form.role-form"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account/manage")).StatusCode);
        var (again, _) = await factory.SignInWithCookiesAsync(journalist);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/topics/new")).StatusCode);
        var page = await Forms.GetDocumentAsync(admin, "/admin/users");
        Assert.Contains($"Role of {journalist} changed from Journalist to Editor", page.QuerySelector("#account-history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_its_sign_in_and_its_token_until_enabled()
    {
        var editor = await factory.CreateUserAsync(Roles.Editor);
        var token = await factory.CreateTokenAsync(editor);
        var (session, _) = await factory.SignInWithCookiesAsync(editor);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        await Forms.SubmitAsync(admin, "/admin/users", new(), Row(editor, "form.state-form"));

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account/manage")).StatusCode);
        var refused = await Forms.SubmitAsync(factory.CreateBrowserClient(), "/account/login", new() { ["Data.Email"] = editor, ["Data.Password"] = NewsTrackerFactory.Password });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("do not match", (await Forms.ParseAsync(refused)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/extract", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        await Forms.SubmitAsync(admin, "/admin/users", new(), Row(editor, "form.state-form"));
        await factory.SignInWithCookiesAsync(editor);
    }

    [Fact]
    public async Task Deleting_an_account_keeps_its_work_under_its_name_and_frees_its_email()
    {
        var (client, journalist) = await factory.SignedInEditorAsync(Roles.Journalist);
        var actor = await factory.SendAsAsync(journalist, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Harbour Authority " + Guid.NewGuid().ToString("N")[..6], ActorKind.Organisation)));
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var deleted = await Forms.SubmitAsync(admin, "/admin/users", new(), Row(journalist.UserName!, "form.delete-form"));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/manage")).StatusCode);
        var creator = await factory.WithDbAsync(db => db.Actors.Where(a => a.Id == actor.Id).Select(a => db.Users.Where(u => u.Id == a.CreatedByUserId).Select(u => u.UserName).Single()).SingleAsync());
        Assert.Equal(journalist.UserName, creator);
        Assert.Null((await Forms.GetDocumentAsync(admin, "/admin/users")).QuerySelector(Row(journalist.UserName!, "form")));
        Assert.Equal(HttpStatusCode.BadRequest, (await Forms.SubmitAsync(factory.CreateBrowserClient(), "/account/login", new() { ["Data.Email"] = journalist.UserName!, ["Data.Password"] = NewsTrackerFactory.Password })).StatusCode);
        await factory.CreateUserAsync(Roles.Journalist, journalist.UserName);
    }

    [Fact]
    public async Task A_reset_link_shown_to_the_admin_sets_a_new_password_once_and_ends_other_sessions()
    {
        var reader = await factory.CreateUserAsync(string.Empty);
        var (session, _) = await factory.SignInWithCookiesAsync(reader);
        var admin = await factory.SignedInClientAsync(Roles.Admin);

        var issued = await Forms.SubmitAsync(admin, "/admin/users", new(), Row(reader, "form.reset-form"));
        var link = new Uri((await Forms.ParseAsync(issued)).QuerySelector("#reset-link")!.TextContent.Trim());

        const string chosen = "lanterns over the quiet harbour";
        var stranger = factory.CreateBrowserClient();
        var reset = await Forms.SubmitAsync(stranger, link.PathAndQuery, new() { ["Data.Password"] = chosen, ["Data.ConfirmPassword"] = chosen });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account/manage")).StatusCode);
        await factory.SignInWithCookiesAsync(reader, chosen);

        var reused = await Forms.SubmitAsync(stranger, link.PathAndQuery, new() { ["Data.Password"] = "another harbour lantern", ["Data.ConfirmPassword"] = "another harbour lantern" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains(Passwords.ExpiredLink, (await Forms.ParseAsync(reused)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_see_the_accounts_page()
    {
        var editor = await factory.SignedInClientAsync(Roles.Editor);

        var response = await editor.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_your_own_password_keeps_this_session_and_ends_the_others()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var (here, _) = await factory.SignInWithCookiesAsync(email);
        var (elsewhere, _) = await factory.SignInWithCookiesAsync(email);
        const string chosen = "tides turn twice a day";

        var changed = await Forms.SubmitAsync(here, "/account/manage", new() { ["NewPassword.Current"] = NewsTrackerFactory.Password, ["NewPassword.Password"] = chosen, ["NewPassword.Confirm"] = chosen }, "#password-form");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/account/manage")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/account/manage")).StatusCode);
        await factory.SignInWithCookiesAsync(email, chosen);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_beside_the_field()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var (here, _) = await factory.SignInWithCookiesAsync(email);

        var refused = await Forms.SubmitAsync(here, "/account/manage", new() { ["NewPassword.Current"] = "not my password at all", ["NewPassword.Password"] = "tides turn twice a day", ["NewPassword.Confirm"] = "tides turn twice a day" }, "#password-form");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not your current password", (await Forms.ParseAsync(refused)).QuerySelector("[data-valmsg-for='NewPassword.Current']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_commands_list_change_disable_and_print_a_reset_link_all_audited()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);

        var (roleExit, _, _) = await CommandLineRun.RunAsync(factory, ["users", "role", "--email", email, "--role", "editor"]);
        var (disableExit, _, _) = await CommandLineRun.RunAsync(factory, ["users", "disable", "--email", email]);
        var (_, listed, _) = await CommandLineRun.RunAsync(factory, ["users", "list"]);
        var (enableExit, _, _) = await CommandLineRun.RunAsync(factory, ["users", "enable", "--email", email]);
        var (resetExit, link, _) = await CommandLineRun.RunAsync(factory, ["users", "reset-password", "--email", email]);
        var (unknownExit, _, unknownError) = await CommandLineRun.RunAsync(factory, ["users", "disable", "--email", "nobody@example.test"]);

        Assert.Equal([0, 0, 0, 0], new[] { roleExit, disableExit, enableExit, resetExit });
        Assert.Contains($"{email}\tEditor\tdisabled", listed, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost:5000/account/reset-password?user=", link.Trim(), StringComparison.Ordinal);
        Assert.Equal(2, unknownExit);
        Assert.Contains("No account has the email nobody@example.test", unknownError, StringComparison.Ordinal);
        var actions = await factory.WithDbAsync(db => (from e in db.AuditEntries
                                                       join u in db.Users on e.EntityKey equals u.Id
                                                       where e.EntityType == UserAdministration.AuditEntity && u.Email == email
                                                       orderby e.Id
                                                       select e.Action).ToListAsync());
        Assert.Equal(["RoleChanged", "Disabled", "Enabled", "PasswordResetIssued"], actions);
    }

    private static string Row(string email, string form) => $"tr[data-email='{email}'] {form}";
}

using NewsTracker.Web.Domain;
using static Microsoft.Playwright.Assertions;

namespace NewsTracker.BrowserTests;

/// <summary>The header on a phone: staff get more links, and the menu still takes one row.</summary>
public sealed class StaffMenuTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task The_staff_menu_takes_one_row_on_a_phone()
    {
        var editor = await fixture.App.CreateEditorAsync(Roles.Editor);
        var phone = await fixture.NewPageAsync(375, 740);
        await fixture.SignInAsync(phone, editor.UserName!);
        await phone.GotoAsync("/");
        await Expect(phone.Locator(".site-nav a[href='/feeds']")).ToHaveCountAsync(1);

        var nav = (await phone.Locator(".site-nav").BoundingBoxAsync())!;
        var link = (await phone.Locator(".site-nav a").First.BoundingBoxAsync())!;

        Assert.True(nav.Height < link.Height * 1.8, $"the menu is {nav.Height}px tall for links {link.Height}px tall");
        await phone.Locator(".site-header").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-menu-phone.png") });
    }
}

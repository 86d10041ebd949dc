using NewsTracker.Web.Pages.Claims;

namespace NewsTracker.Tests.Tagging;

public sealed class QuoteContextTests
{
    [Theory]
    [InlineData("Kyiv insists.\n\nVladimir ", "Vladimir ")]
    [InlineData("The ", "The ")]
    [InlineData("resents a potential bargain for ", "…a potential bargain for ")]
    public void Context_before_a_quote_stays_in_its_paragraph_and_never_starts_mid_word(string prefix, string shown) =>
        Assert.Equal(shown, QuoteContext.Before(prefix));

    [Theory]
    [InlineData(" rejected the plan.\n\nNATO", " rejected the plan.")]
    [InlineData(" said.", " said.")]
    [InlineData(": keep the peace and prevent Ukr", ": keep the peace and prevent…")]
    public void Context_after_a_quote_stays_in_its_paragraph_and_never_ends_mid_word(string suffix, string shown) =>
        Assert.Equal(shown, QuoteContext.After(suffix));
}

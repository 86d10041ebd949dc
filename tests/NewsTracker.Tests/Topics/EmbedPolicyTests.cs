using NewsTracker.Web.Topics;

namespace NewsTracker.Tests.Topics;

/// <summary>The embed's frame-ancestors come only from well-formed origins in configuration.</summary>
public sealed class EmbedPolicyTests
{
    [Theory]
    [InlineData(null, "frame-ancestors 'none'")]
    [InlineData("", "frame-ancestors 'none'")]
    [InlineData("https://a.example", "frame-ancestors https://a.example")]
    [InlineData("https://a.example, https://*.b.example:8443", "frame-ancestors https://a.example https://*.b.example:8443")]
    [InlineData("https://a.example; script-src *", "frame-ancestors https://a.example")]
    [InlineData("javascript:alert(1) *", "frame-ancestors 'none'")]
    public void Keeps_only_origins(string? configured, string expectedEnd)
    {
        var policy = EmbedPolicy.For(configured);

        Assert.EndsWith(expectedEnd, policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", policy, StringComparison.Ordinal);
    }
}

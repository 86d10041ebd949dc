using System.Net;
using System.Net.Http.Json;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>Hostile input through the real API, posted and fetched from a local site: each is refused
/// with a ValidationProblem that says what went wrong, stores nothing, and leaves the app answering.</summary>
public sealed class HostileInputTests(HostileSiteFactory factory) : IClassFixture<HostileSiteFactory>
{
    private const string Empty = "The page is empty";
    private const string Binary = "looks like a binary file";
    private const string TooDeep = "more than 1,000 levels deep";
    private const string TooLarge = "larger than 15 MiB";
    private const string NotWeb = "must be an absolute http:// or https:// address";
    private const string OddNumericHost = "writes its numeric host in an unusual form";
    private const string Credentials = "contains a user name or password";

    /// <summary>The body of each posted case, by name, so test names stay readable.</summary>
    private static readonly Dictionary<string, Dictionary<string, string?>> Posted = new()
    {
        ["empty html"] = new() { ["html"] = string.Empty },
        ["whitespace-only html"] = new() { ["html"] = " \r\n\t \n " },
        ["empty text"] = new() { ["text"] = string.Empty },
        ["whitespace-only text"] = new() { ["text"] = " \r\n\t \n " },
        ["binary html with NUL bytes"] = new() { ["html"] = "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR\0\0\u0001\0" + new string('\0', 512) },
        ["binary text with NUL bytes"] = new() { ["text"] = "Title\n\n\u0089PNG\r\n\u001a\n\0\0\0\rIHDR" + new string('\0', 512) },
        ["100 000 nested div elements"] = new() { ["html"] = HostileSite.Nested("div", HostileSite.DeepNesting) },
        ["100 000 nested b elements"] = new() { ["html"] = HostileSite.Nested("b", HostileSite.DeepNesting) },
        ["16 MiB of html"] = new() { ["html"] = HostileSite.Nested("p", 1) + new string('x', 16 * 1024 * 1024) },
        ["a file url"] = new() { ["url"] = "file:///etc/passwd" },
        ["a javascript url"] = new() { ["url"] = "javascript:alert(document.cookie)" },
        ["the metadata service"] = new() { ["url"] = "http://169.254.169.254/latest/meta-data/" },
        ["IPv6 loopback"] = new() { ["url"] = "http://[::1]/" },
    };

    public static TheoryData<string, string, string> PostedCases => new()
    {
        { Articles, "empty html", "Paste the page's HTML." },
        { Extract, "empty html", "Give the page's HTML or its address." },
        { Articles, "whitespace-only html", "Paste the page's HTML." },
        { Extract, "whitespace-only html", "Give the page's HTML or its address." },
        { Articles, "empty text", "Paste the article text." },
        { Articles, "whitespace-only text", "Paste the article text." },
        { Articles, "binary html with NUL bytes", Binary },
        { Extract, "binary html with NUL bytes", Binary },
        { Articles, "binary text with NUL bytes", Binary },
        { Articles, "100 000 nested div elements", TooDeep },
        { Extract, "100 000 nested div elements", TooDeep },
        { Articles, "100 000 nested b elements", TooDeep },
        { Extract, "100 000 nested b elements", TooDeep },
        { Articles, "16 MiB of html", "The page is larger than 15 MiB." },
        { Extract, "16 MiB of html", "The page is larger than 15 MiB." },
        { Articles, "a file url", NotWeb },
        { Extract, "a file url", NotWeb },
        { Articles, "a javascript url", NotWeb },
        { Extract, "a javascript url", NotWeb },
        { Articles, "the metadata service", "169.254.169.254 is a link-local address" },
        { Articles, "IPv6 loopback", "::1 is a loopback address" },
    };

    /// <summary>Addresses on the local site; <c>{port}</c> is its port. Every one would be fetched if a rule did not refuse it.</summary>
    private static readonly (string Address, string Fragment)[] Served =
    [
        ("/empty", Empty),
        ("/whitespace", Empty),
        ("/binary-as-html", Binary),
        ("/deep/div", TooDeep),
        ("/deep/b", TooDeep),
        ("/huge", TooLarge),
        ("/huge-chunked", TooLarge),
        ("/bomb", TooLarge),
        ("/typed?type=application/pdf", "document of type application/pdf, not a web page"),
        ("/typed?type=image/png", "document of type image/png, not a web page"),
        ("/typed?type=application/json", "document of type application/json, not a web page"),
        ("/redirect/6", "redirected more than 5 times"),
        ("/to?url=http://127.0.0.2:{port}/few-bad-bytes", "127.0.0.2 is a loopback address"),
        ("/to?url=http://[::1]:{port}/few-bad-bytes", "::1 is a loopback address"),
        ("/to?url=http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("/to?url=file:///etc/passwd", "Only http:// and https:// addresses can be fetched"),
        ("http://user:secret@127.0.0.1:{port}/few-bad-bytes", Credentials),
        ("http://2130706433:{port}/few-bad-bytes", OddNumericHost),
        ("http://0x7f000001:{port}/few-bad-bytes", OddNumericHost),
        ("http://127.1:{port}/few-bad-bytes", OddNumericHost),
    ];

    public static TheoryData<string, string, string> ServedCases
    {
        get
        {
            var cases = new TheoryData<string, string, string>();
            foreach (var (address, fragment) in Served)
            {
                cases.Add(Articles, address, fragment);
                cases.Add(Extract, address, fragment);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(PostedCases))]
    public async Task Posted_hostile_input_is_refused_with_a_clear_message_and_stores_nothing(string endpoint, string hostileCase, string fragment) =>
        await AssertRefusedAsync(endpoint, Posted[hostileCase], fragment);

    [Theory]
    [MemberData(nameof(ServedCases))]
    public async Task A_hostile_page_the_server_fetches_is_refused_with_a_clear_message_and_stores_nothing(string endpoint, string address, string fragment) =>
        await AssertRefusedAsync(endpoint, new { url = Resolve(address) }, fragment);

    [Theory]
    [InlineData(Articles, "/garbage-utf8")]
    [InlineData(Extract, "/garbage-utf8")]
    [InlineData(Articles, "/garbage-utf8-no-charset")]
    [InlineData(Extract, "/garbage-utf8-no-charset")]
    public async Task A_page_that_decodes_to_mostly_replacement_characters_is_refused_as_binary(string endpoint, string path) =>
        await AssertRefusedAsync(endpoint, new { url = factory.Site.Url(path) }, Binary);

    [Theory]
    [InlineData("/few-bad-bytes")]
    [InlineData("/few-bad-bytes-no-charset")]
    public async Task A_page_with_a_few_invalid_utf8_bytes_is_read_with_replacement_characters_as_browsers_do(string path)
    {
        var client = await factory.JournalistClientAsync();

        using var response = await client.PostAsJsonAsync(Extract, new { url = factory.Site.Url(path) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var extraction = await ReadJsonAsync(response);
        Assert.Equal(HostileSite.FewBadBytesTitle, extraction.GetProperty("title").GetString());
        var body = extraction.GetProperty("body").GetString()!;
        Assert.Contains("Local traders welcomed the news.", body, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', body);
    }

    [Fact]
    public async Task A_chain_of_five_redirects_is_still_followed()
    {
        var client = await factory.JournalistClientAsync();

        using var response = await client.PostAsJsonAsync(Extract, new { url = factory.Site.Url("/redirect/5") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HostileSite.FewBadBytesTitle, (await ReadJsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_page_with_a_few_invalid_utf8_bytes_is_stored_once()
    {
        var client = await factory.JournalistClientAsync();
        var before = await StoredRows.CountAsync(factory);

        using var response = await client.PostAsJsonAsync(Articles, new { url = factory.Site.Url("/few-bad-bytes") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await StoredRows.CountAsync(factory);
        Assert.Equal(before.Articles + 1, after.Articles);
        Assert.Equal(before.Versions + 1, after.Versions);
    }

    private async Task AssertRefusedAsync(string endpoint, object payload, string fragment)
    {
        var client = await factory.JournalistClientAsync();
        var before = await StoredRows.CountAsync(factory);

        using var response = await client.PostAsJsonAsync(endpoint, payload);

        await AssertValidationProblemAsync(response, fragment);
        Assert.Equal(before, await StoredRows.CountAsync(factory));
        await AssertHealthyAsync(factory);
    }

    private string Resolve(string address) =>
        (address.StartsWith('/') ? factory.Site.Url(address) : address)
            .Replace("{port}", factory.Site.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Pages;

/// <summary>
/// The app with one story covered by three outlets, ingested once per test class: a wire report, a rewrite
/// that adds two sentences and drops one (stored first but published later, so "first" must come from the
/// publication time), and an identical copy; plus a story only one outlet covered.
/// </summary>
public sealed class CoverageFactory : NewsTrackerFactory, IAsyncLifetime
{
    public const string WireOutlet = "Harbour Wire";
    public const string RewriteOutlet = "Coastal Herald";
    public const string CopyOutlet = "Evening Post";

    public const string WireTitle = "Ferry crews strike over Kestrel Sound crossing schedules";

    /// <summary>A title with markup in it: it must be shown as text, never as HTML.</summary>
    public const string RewriteTitle = "Ferry strike <b>strands</b> islanders & <script>alert(1)</script> freight";

    public const string MuseumTitle = "Island museum reopens its whaling hall after long restoration";

    public static readonly string[] AddedSentences =
    [
        "Late on Tuesday the harbour master said two cargo vessels had been allowed to dock under police escort.",
        "Island schools will close on Wednesday because teachers who live on the mainland cannot reach them.",
    ];

    /// <summary>The wire sentence the rewrite leaves out.</summary>
    public const string OmittedSentence = "A spokesperson for the regional council declined to comment on the dispute.";

    private static readonly string[] WireParagraphs =
    [
        "Ferry crews on the Kestrel Sound crossing walked out on Tuesday morning, stranding hundreds of passengers on both sides of the strait after talks over new shift schedules collapsed overnight, the seafarers' union said.",
        "The strike is the first on the route in nine years. Morning sailings from Port Alder were cancelled without warning, and queues of lorries carrying food and fuel for the islands stretched back through the town centre by eight o'clock.",
        "\"Our members have been asked to work sixteen-hour days with no extra rest,\" said Ines Morrow, the union's regional secretary. \"We warned the company for months that the new rota was unsafe, and it chose not to listen.\"",
        "Sound Link, which runs the service under a public contract, said it had offered to review the schedules after the winter timetable and called the walkout premature. It said a reduced service for medical emergencies would continue.",
        "The islands depend on the ferry for almost everything, from fresh milk to hospital appointments on the mainland. Shopkeepers on Greyholm said shelves of bread and vegetables were already thin by midday.",
        "Transport officials urged both sides to return to talks and said they were looking at chartering a private vessel if the dispute continued into next week. A spokesperson for the regional council declined to comment on the dispute.",
        "Passengers who had travelled overnight from the capital described chaotic scenes at the terminal, where staff handed out water and blankets while they waited for news. Some families said they had given up and booked rooms in guest houses near the harbour, which quickly filled.",
        "Union officials said picket lines would stay at the terminals in Port Alder and Greyholm around the clock, and that members would vote on Thursday on whether to extend the action through the weekend.",
    ];

    private static readonly string[] MuseumParagraphs =
    [
        "The island museum on Greyholm reopened its whaling hall on Saturday after a four-year restoration that replaced the leaking roof, rebuilt the timber galleries and brought back more than two hundred objects from storage on the mainland.",
        "Curators said the new displays tell the story of the island's whaling crews through their letters, tools and logbooks, and a room of paintings by the wives who ran the farms while the men were at sea for months at a time.",
        "The work cost about four million euros, most of it from a heritage fund, with the rest raised by islanders through concerts, auctions and a sponsored swim across the harbour that has become an annual event.",
    ];

    public IngestArticle.Result Wire { get; private set; } = null!;

    public IngestArticle.Result Rewrite { get; private set; } = null!;

    public IngestArticle.Result Copy { get; private set; } = null!;

    public IngestArticle.Result Museum { get; private set; } = null!;

    public static string WireText => string.Join("\n\n", WireParagraphs);

    /// <summary>The rewrite: the wire text without <see cref="OmittedSentence"/>, with its own paragraph of news added.</summary>
    public static string RewriteText => string.Join("\n\n", [
        .. WireParagraphs.Select(p => p.Replace(" " + OmittedSentence, string.Empty, StringComparison.Ordinal)),
        string.Join(' ', AddedSentences)]);

    public async Task InitializeAsync()
    {
        // The rewrite is stored first but was published later: the story must still put the wire first.
        Rewrite = await SendAsync(new IngestArticle.Command
        {
            Text = RewriteText, Title = RewriteTitle, Outlet = RewriteOutlet, PublishedUtc = At(10, 30),
            Url = "https://coastal-herald.example/news/ferry-strike",
        });
        Wire = await SendAsync(new IngestArticle.Command
        {
            Text = WireText, Title = WireTitle, Outlet = WireOutlet, PublishedUtc = At(8, 0),
            Url = "https://harbour-wire.example/2026/11/ferry-crews-strike",
        });
        Copy = await SendAsync(new IngestArticle.Command
        {
            Text = WireText, Title = WireTitle, Outlet = CopyOutlet, PublishedUtc = At(12, 0),
            Url = "https://evening-post.example/ferry-crews-strike",
        });
        Museum = await SendAsync(new IngestArticle.Command
        {
            Text = string.Join("\n\n", MuseumParagraphs), Title = MuseumTitle, Outlet = WireOutlet,
            PublishedUtc = new DateTime(2026, 10, 3, 9, 0, 0, DateTimeKind.Utc),
            Url = "https://harbour-wire.example/2026/10/museum-reopens",
        });
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static DateTime At(int hour, int minute) => new(2026, 11, 17, hour, minute, 0, DateTimeKind.Utc);
}

using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Pages.Stories;

/// <summary>Three outlets' own reports of one invented event (a quarry blast), in different words, and an unrelated
/// article: what event clustering must join and keep apart. Shared with the browser tests.</summary>
public static class EventCoverage
{
    /// <summary>The word every report has and nothing else does, for a topic's saved search.</summary>
    public const string Place = "Ravensholt";

    public const string UnrelatedTitle = "Merrow council approves new cycle lanes on the ring road";

    public const string UnrelatedText =
        "Merrow council has approved plans for protected cycle lanes along the ring road, after a year of consultation with residents and businesses. Work will start in the spring and take about eighteen months, the council said, with the road kept open to traffic throughout. Shop owners on the western stretch had asked for loading bays to be kept, and the final plans keep most of them.";

    /// <summary>Title, text, title, text, ...: three reports.</summary>
    public static readonly string[] Reports =
    [
        "Quarry blast shakes Ravensholt as two workers are hurt",
        "An explosion at the Ravensholt limestone quarry injured two workers on Monday morning and shattered windows in nearby houses, the county fire service said. The blast happened shortly after 7am as crews prepared charges in the lower pit of the quarry, which is run by Hollin Aggregates. Both workers were taken to hospital in Merrow with burns; one is in a serious condition.",
        "Two injured in explosion at Hollin Aggregates quarry near Ravensholt",
        "Two quarry workers were taken to hospital in Merrow after an explosion at Hollin Aggregates' Ravensholt site, the company confirmed. Residents said the blast rattled windows across the village at about seven in the morning. The county fire service said the lower pit had been sealed off while investigators examined how the charges went off early.",
        "Ravensholt quarry explosion: investigators seal off lower pit",
        "Investigators have sealed off the lower pit of the Ravensholt quarry after an explosion injured two workers, the county fire service said. Hollin Aggregates, which operates the limestone quarry, said it was cooperating fully. One of the workers, both treated in Merrow for burns, remains in a serious condition, and residents reported broken windows.",
    ];

    /// <summary>The outlets, in the order their reports are ingested.</summary>
    public static readonly string[] Outlets = ["Dale Gazette", "County Wire", "Valley Radio"];

    /// <summary>Ingests the three reports an hour apart from <paramref name="day"/>; <paramref name="tag"/> keeps outlets
    /// and addresses apart between tests sharing a host.</summary>
    public static async Task<List<IngestArticle.Result>> IngestAsync(NewsTrackerFactory app, DateTime day, string tag)
    {
        var results = new List<IngestArticle.Result>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await app.SendAsync(new IngestArticle.Command
            {
                Title = Reports[i * 2], Text = Reports[(i * 2) + 1], Outlet = $"{Outlets[i]} {tag}", PublishedUtc = day.AddHours(i),
                Url = $"https://{i}.example/{tag}/quarry",
            }));
        }

        return results;
    }
}

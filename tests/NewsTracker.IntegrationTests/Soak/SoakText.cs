using System.Text;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>Generated article text that differs from seed to seed in most of its word triples, so the
/// near-duplicate check sees each generated article as a new story rather than a copy of the last one.</summary>
public static class SoakText
{
    private static readonly string[] Words =
    [
        "harbour", "council", "ferry", "storm", "minister", "budget", "school", "bridge", "hospital", "election",
        "tariff", "border", "court", "union", "strike", "energy", "grid", "farmers", "river", "flood",
        "railway", "airport", "museum", "festival", "police", "inquiry", "report", "survey", "market", "prices",
        "housing", "rents", "workers", "talks", "treaty", "summit", "envoy", "embassy", "ceasefire", "aid",
        "vaccine", "clinic", "teachers", "pupils", "exam", "results", "weather", "coast", "island", "village",
    ];

    /// <summary><paramref name="sentences"/> sentences of eight to fourteen words drawn from <paramref name="seed"/>.</summary>
    public static string Paragraph(int seed, int sentences)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var s = 0; s < sentences; s++)
        {
            var count = random.Next(8, 15);
            for (var w = 0; w < count; w++)
            {
                var word = Words[random.Next(Words.Length)];
                text.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(w == count - 1 ? ". " : " ");
            }
        }

        return text.ToString().TrimEnd();
    }
}

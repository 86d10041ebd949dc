using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace NewsTracker.IntegrationTests.Crash;

/// <summary>
/// kill -9 during <c>import FILE.jsonl</c>, again and again: after every kill the database passes every check (no
/// half-stored article, no search entry without its article), the next run resumes (what was stored counts as
/// duplicates, the rest is added) and the run that finishes accounts for every line.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed partial class ImportCrashTests(ITestOutputHelper log)
{
    private const int Kills = 10;
    private const int Lines = 440;

    /// <summary>Lines per batch, so per write transaction: small, so kills land inside transactions and between them.</summary>
    private const int Batch = 8;

    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);

    [SqliteFact]
    public async Task Killing_an_import_at_random_points_leaves_a_sound_database_and_the_next_run_resumes()
    {
        using var run = new CrashRun(log, nameof(ImportCrashTests));
        var file = Path.Combine(run.DataDirectory, "articles.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, Lines).Select(i => ArticleLine(run.Seed, i)));

        // The database is created (migrated, by an import of nothing) before the first kill, so every kill lands
        // in the import itself.
        var nothing = Path.Combine(run.DataDirectory, "nothing.jsonl");
        await File.WriteAllTextAsync(nothing, string.Empty);
        var (created, _, createError) = await AppProcess.RunAsync(run.DataDirectory, ["import", nothing]);
        Assert.True(created == 0, $"{run.Replay} creating the database failed: {createError}");

        var kills = 0;
        var stored = 0L;
        string[] import = ["import", file, "--batch", Batch.ToString(CultureInfo.InvariantCulture), "--progress-every", Batch.ToString(CultureInfo.InvariantCulture)];
        while (kills < Kills)
        {
            // Kill once the run has passed what earlier runs stored and written two new batches (it reports each
            // batch), then a random part of the time the last batch took (at most 100 ms): inside the next batch's
            // write transaction as often as between two. The delay scales with the machine, so a round adds about
            // four batches at most and the file outlasts every kill however fast the machine is.
            var batchesBefore = (int)(stored / Batch) + 2;
            var fraction = run.Random.NextDouble();
            using var app = AppProcess.Start(run.DataDirectory, import);
            var seen = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan? previous = null;
            var last = TimeSpan.Zero;
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (seen < batchesBefore && await app.NextErrorLineAsync(patience.Token) is { } line)
            {
                if (line.StartsWith("import: ", StringComparison.Ordinal))
                {
                    seen++;
                    (previous, last) = (last, clock.Elapsed);
                }
            }

            var batchTime = previous is { } before ? last - before : TimeSpan.Zero;
            var delay = (batchTime < MaxDelay ? batchTime : MaxDelay) * fraction;
            await Task.Delay(delay);
            Assert.False(app.HasExited, $"{run.Replay} the import finished before kill {kills + 1}; the file has too few lines for {Kills} kills. Stderr:\n{app.Error}");
            app.Kill();
            kills++;

            await run.AssertSoundAsync($"kill {kills}");
            var now = await run.ScalarAsync("""SELECT count(*) FROM "Articles" """);
            run.Log($"kill {kills}: after {seen} progress lines + {delay.TotalMilliseconds:0} ms ({fraction:P0} of a batch); {now} of {Lines} articles stored");
            Assert.True(now >= stored, $"{run.Replay} kill {kills}: {now} articles stored, fewer than the {stored} stored before it.");
            stored = now;
        }

        var (exit, output, error) = await AppProcess.RunAsync(run.DataDirectory, import);

        Assert.True(exit == 0, $"{run.Replay} the last import exited {exit}.\n{output}\n{error}");
        var summary = SummaryLine().Match(output);
        Assert.True(summary.Success, $"{run.Replay} no summary in: {output}");
        var counts = summary.Groups.Values.Skip(1).Select(g => int.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal((Lines - (int)stored, 0, (int)stored, 0), (counts[0], counts[1], counts[2], counts[3]));
        await run.AssertSoundAsync("the import finished");
        Assert.Equal(Lines, await run.ScalarAsync("""SELECT count(*) FROM "Articles" """));
        Assert.Equal(Lines, await run.ScalarAsync($"""SELECT count(DISTINCT "Url") FROM "Articles" WHERE "Url" LIKE 'https://crash.example/{run.Seed}/%'"""));
        var (checkExit, checkOutput, _) = await AppProcess.RunAsync(run.DataDirectory, ["check"]);
        Assert.True(checkExit == 0, $"{run.Replay} the check command failed:\n{checkOutput}");
        Assert.Contains($"{Lines} articles", checkOutput, StringComparison.Ordinal);
    }

    /// <summary>One article per line, each with its own address and words, so none is a duplicate of another.</summary>
    private static string ArticleLine(int seed, int number)
    {
        var words = new Random(HashCode.Combine(seed, number));
        string Sentence() => string.Join(' ', Enumerable.Range(0, 12).Select(_ => Vocabulary[words.Next(Vocabulary.Length)])) + ".";
        var paragraphs = Enumerable.Range(0, 4).Select(_ => string.Join(' ', Sentence(), Sentence(), Sentence()));
        return JsonSerializer.Serialize(new
        {
            url = $"https://crash.example/{seed}/{number}",
            text = $"Crash report {number} on harbour {seed}\n\n" + string.Join("\n\n", paragraphs),
            outlet = $"Crash Gazette {number % 5}",
            published = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(number).ToString("O", CultureInfo.InvariantCulture),
        });
    }

    private static readonly string[] Vocabulary =
    [
        "harbour", "council", "ferry", "minister", "storm", "budget", "school", "bridge", "festival", "court", "river", "union",
        "hospital", "election", "tariff", "grain", "port", "railway", "museum", "strike", "treaty", "drought", "market", "lighthouse",
        "fishermen", "mayor", "inquiry", "contract", "vaccine", "reservoir", "airport", "tunnel", "library", "protest", "harvest",
    ];

    [GeneratedRegex(@"added: (\d+), new versions: (\d+), duplicates: (\d+), failed: (\d+)")]
    private static partial Regex SummaryLine();
}

/// <summary>The crash tests run one after another: each keeps both cores busy with a child process.</summary>
[CollectionDefinition(Name)]
public sealed class CrashCollection
{
    public const string Name = "Crash";
}

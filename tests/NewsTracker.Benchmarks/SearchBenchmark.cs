namespace NewsTracker.Benchmarks;

/// <summary>Search through the running app against the raw FTS5 SQL on the same corpus file, in one run.</summary>
public static class SearchBenchmark
{
    public const int DefaultArticleCount = 100_000;

    public static async Task RunAsync(int count, bool rebuild, bool buildOnly)
    {
        var directory = await SearchCorpus.EnsureAsync(count, rebuild);
        if (buildOnly)
        {
            return;
        }

        Console.WriteLine(directory);
    }
}

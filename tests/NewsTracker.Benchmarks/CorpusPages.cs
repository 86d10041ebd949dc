namespace NewsTracker.Benchmarks;

/// <summary>Loads the readability-test-pages sources the extraction benchmarks run over.</summary>
public static class CorpusPages
{
    /// <summary>The address the Readability tests gave every page.</summary>
    public const string PageUrl = "http://fakehost/test/page.html";

    private const string EnvironmentVariable = "NEWSTRACKER_CORPUS_DIR";
    private const string RelativeToRepository = "../shared/corpora/readability-test-pages";

    /// <summary>Every page's source.html, in folder order.</summary>
    public static IReadOnlyList<string> Load()
    {
        var folder = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(folder))
        {
            var repository = new DirectoryInfo(AppContext.BaseDirectory);
            while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "NewsTracker.sln")))
            {
                repository = repository.Parent;
            }

            folder = repository is null ? null : Path.GetFullPath(Path.Combine(repository.FullName, RelativeToRepository));
        }

        if (folder is null || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The corpus was not found. Set {EnvironmentVariable} to the readability-test-pages folder.");
        }

        return Directory.GetDirectories(folder)
            .Order(StringComparer.Ordinal)
            .Select(page => File.ReadAllText(Path.Combine(page, "source.html")))
            .ToList();
    }
}

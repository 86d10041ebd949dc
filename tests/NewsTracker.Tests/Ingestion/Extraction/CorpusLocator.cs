namespace NewsTracker.Tests.Ingestion.Extraction;

/// <summary>Finds the readability-test-pages corpus, which stays outside the repository.</summary>
public static class CorpusLocator
{
    /// <summary>The environment variable that points at the corpus folder.</summary>
    public const string EnvironmentVariable = "NEWSTRACKER_CORPUS_DIR";

    /// <summary>Where the corpus lives relative to the folder holding NewsTracker.sln.</summary>
    public const string RelativeToRepository = "../shared/corpora/readability-test-pages";

    private const string SolutionFile = "NewsTracker.sln";

    /// <summary>Where the other development corpora live relative to the folder holding NewsTracker.sln.</summary>
    public const string CorporaRelativeToRepository = "../shared/corpora";

    /// <summary>The corpus folder, or null when it is not on this machine.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        return FromRepository(RelativeToRepository);
    }

    /// <summary>The folder of the named corpus under ../shared/corpora (trafilatura-eval, htmldate-eval), or null.</summary>
    public static string? FindEval(string name) => FromRepository(Path.Combine(CorporaRelativeToRepository, name));

    private static string? FromRepository(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                var candidate = Path.GetFullPath(Path.Combine(folder.FullName, relative));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>True when the environment says this is a CI run, where a missing corpus is an error.</summary>
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A theory over the evaluation corpora in ../shared/corpora: skipped with a reason when they are missing, except on CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EvalCorpusTheoryAttribute : TheoryAttribute
{
    public EvalCorpusTheoryAttribute()
    {
        if ((CorpusLocator.FindEval("trafilatura-eval") is null || CorpusLocator.FindEval("htmldate-eval") is null) && !CorpusLocator.IsCi)
        {
            Skip = $"The trafilatura-eval and htmldate-eval corpora are not on this machine; put them at {CorpusLocator.CorporaRelativeToRepository} beside the repository.";
        }
    }
}

/// <summary>A fact that needs the corpus: skipped with a reason when it is missing, except on CI where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (CorpusLocator.Find() is null && !CorpusLocator.IsCi)
        {
            Skip = $"The readability-test-pages corpus is not on this machine. Set {CorpusLocator.EnvironmentVariable} or put it at {CorpusLocator.RelativeToRepository} beside the repository.";
        }
    }
}

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Refuses input that would hurt the process before any parser sees it. AngleSharp and SmartReader
/// walk the DOM recursively, so a page of 100 000 nested elements overflows the stack, and a stack
/// overflow cannot be caught: the depth is measured on the raw text with a cheap forward scan.
/// </summary>
public static class HtmlInputGuard
{
    /// <summary>The longest input accepted, in characters (15 MiB).</summary>
    public const int MaxInputChars = 15 * 1024 * 1024;

    /// <summary>The deepest element nesting accepted; real pages stay far below a few hundred.</summary>
    public const int MaxNestingDepth = 1_000;

    /// <summary>How much of the start of the input is sampled to tell text from binary data.</summary>
    public const int BinarySampleChars = 8_192;

    /// <summary>The share of control or replacement characters above which a sample is binary.</summary>
    public const double MaxControlCharShare = 0.05;

    /// <summary>Throws <see cref="ExtractionException"/> when <paramref name="html"/> must not be parsed.</summary>
    public static void EnsureAcceptable(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            throw new ExtractionException(ExtractionProblem.Empty, "The page is empty: there is no HTML to read. Check that the address returns the article itself.");
        }

        if (html.Length > MaxInputChars)
        {
            throw new ExtractionException(ExtractionProblem.TooLarge, $"The page is {html.Length / (1024 * 1024):N0} MiB of text, more than the {MaxInputChars / (1024 * 1024)} MiB an article page can be. Save just the article page and try again.");
        }

        if (LooksBinary(html))
        {
            throw new ExtractionException(ExtractionProblem.Binary, "This is not a web page: it looks like a binary file (an image, PDF or archive). Give the HTML of the article page instead.");
        }

        var depth = HtmlNestingScanner.MaxDepth(html, MaxNestingDepth);
        if (depth > MaxNestingDepth)
        {
            throw new ExtractionException(ExtractionProblem.TooDeep, $"The page nests its elements more than {MaxNestingDepth:N0} levels deep, which no real article does; it cannot be read safely. Check the page source.");
        }
    }

    // A binary file is control characters and NULs from its first bytes on. A real page can carry a few stray
    // NULs deep in its markup (a CMS that pads a field with them); the parser reads those as U+FFFD.
    private static bool LooksBinary(string html)
    {
        var sample = html.AsSpan(0, Math.Min(html.Length, BinarySampleChars));
        var suspicious = 0;
        foreach (var c in sample)
        {
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')))
            {
                suspicious++;
            }
        }

        return suspicious > sample.Length * MaxControlCharShare;
    }
}

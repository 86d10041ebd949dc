namespace NewsTracker.Web.Stories;

/// <summary>
/// A story's representative headline: the title that shares most content words with the story's other titles (the
/// one most of its outlets would recognise), earlier reports first on a tie. A story of one article has its title.
/// </summary>
public static class StoryHeadline
{
    /// <summary>Titles are compared pairwise; a story with more articles is judged on its first ones.</summary>
    public const int MaxCompared = 100;

    /// <param name="titles">The story's titles in order of publication.</param>
    public static string Choose(IReadOnlyList<string> titles)
    {
        if (titles.Count == 0)
        {
            throw new ArgumentException("A story has at least one article.", nameof(titles));
        }

        var compared = titles.Take(MaxCompared).ToList();
        var words = compared.Select(EventTerms.Words).ToList();
        var best = 0;
        var bestScore = -1;
        for (var i = 0; i < compared.Count; i++)
        {
            var score = 0;
            for (var j = 0; j < compared.Count; j++)
            {
                score += i == j ? 0 : words[i].Count(words[j].Contains);
            }

            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return compared[best];
    }
}

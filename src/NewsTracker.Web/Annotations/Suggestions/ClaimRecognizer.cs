namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>Proposes whole sentences as claim candidates when they report speech or hedge ("could", "is reportedly considering").</summary>
internal static class ClaimRecognizer
{
    private const double VerbAndHedgeConfidence = 0.8;
    private const double VerbConfidence = 0.7;
    private const double HedgeConfidence = 0.55;

    /// <summary>Shorter sentences ("He said so.") carry no checkable statement.</summary>
    private const int MinWords = 5;

    private static readonly HashSet<string> ReportingWords = new(StringComparer.Ordinal)
    {
        "said", "says", "told", "claimed", "claims", "announced", "warned", "warns", "acknowledged", "acknowledging", "admitted",
        "confirmed", "denied", "insisted", "stated", "argued", "alleged", "allegedly", "reportedly", "reported", "hinted",
        "suggested", "estimated", "predicted", "according", "believes", "expects", "doubt",
    };

    /// <summary>Lower-case only, so the month "May" is not a hedge.</summary>
    private static readonly HashSet<string> Hedges = new(StringComparer.Ordinal)
    {
        "could", "may", "might", "would", "likely", "unlikely", "possibly", "perhaps", "potentially", "considering", "weighing",
        "expected", "appears", "seems", "reportedly", "allegedly", "mulling", "if",
    };

    public static List<Suggestion> Recognise(string text, List<Token> tokens, IReadOnlyList<TextSpan> sentences)
    {
        var claims = new List<Suggestion>();
        var t = 0;
        foreach (var sentence in sentences)
        {
            while (t < tokens.Count && tokens[t].Start < sentence.Start)
            {
                t++;
            }

            var words = 0;
            var reporting = false;
            var hedged = false;
            for (; t < tokens.Count && tokens[t].End <= sentence.End; t++)
            {
                words++;
                reporting |= ReportingWords.Contains(tokens[t].Text);
                hedged |= Hedges.Contains(tokens[t].Text);
            }

            if (words < MinWords || (!reporting && !hedged))
            {
                continue;
            }

            var (confidence, reason) = reporting && hedged ? (VerbAndHedgeConfidence, SuggestionReasons.ReportingVerbAndHedge)
                : reporting ? (VerbConfidence, SuggestionReasons.ReportingVerb)
                : (HedgeConfidence, SuggestionReasons.Hedge);
            var quote = text[sentence.Start..sentence.End];
            claims.Add(new Suggestion(SuggestionKind.Claim, sentence.Start, sentence.End, quote, quote, confidence, reason));
        }

        return claims;
    }
}

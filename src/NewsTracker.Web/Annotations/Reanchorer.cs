namespace NewsTracker.Web.Annotations;

/// <summary>Finds annotations again in a new version of an article's text: same position, exact quote told apart
/// by its context, bounded approximate match, or an orphan an editor has to place (decision 0009).</summary>
public static class Reanchorer
{
    /// <summary>How much better (0–1) the best copy's context must score than the next copy's to win outright.
    /// Two unrelated 32-character windows of the seed article score 0.16 in the median and 0.22 at the 90th
    /// percentile (0.38 at worst), while the true copy after a nearby edit keeps one side whole and scores 0.5 or
    /// more, so 0.15 separates them without trusting noise.</summary>
    public const double ClearWinnerMargin = 0.15;

    /// <summary>The context score a copy needs before it can win among several: one side of the quote intact, or
    /// both half intact. Below it the true copy was probably deleted and the others are different mentions.</summary>
    public const double MinContextScore = 0.5;

    /// <summary>A unique quote whose context scores at least this is reported as confirmed by its context.</summary>
    public const double ConfirmingContextScore = 0.5;

    /// <summary>How far (in characters) from where the text's shift says the annotation must be a copy of the quote
    /// may lie and still count as "there". One context window: offsets drift by a few characters when nearby
    /// whitespace or punctuation changes.</summary>
    public const int PositionSlack = TextAnchor.ContextLength;

    /// <summary>The most of the quote (as a share of its length) an approximate match may change: a fixed typo, a
    /// changed word or two in a sentence, tidied whitespace. More than that and it is a different sentence.</summary>
    public const double MaxFuzzyErrorRate = 0.2;

    /// <summary>The similarity an approximate match needs after snapping to word boundaries (1 − edits ÷ length),
    /// the counterpart of <see cref="MaxFuzzyErrorRate"/>.</summary>
    public const double MinFuzzySimilarity = 1 - MaxFuzzyErrorRate;

    /// <summary>Shorter quotes are not matched approximately: in a name or a short phrase one changed letter is
    /// another word ("Kyiv" → "Kiev" would pass at 20 %, but "Putin" → "Puting" is not worth guessing).</summary>
    public const int MinFuzzyQuoteLength = 10;

    /// <summary>The approximate search looks this far either side of where the annotation is expected, at least.
    /// About two paragraphs of wire copy: a typo fix usually comes with small edits nearby.</summary>
    public const int MinFuzzySearchRadius = 1000;

    /// <summary>…and never further than this, so the cost per annotation stays bounded on long articles.</summary>
    public const int MaxFuzzySearchRadius = 5000;

    /// <summary>How many equally close approximate matches are examined before giving up on telling them apart.</summary>
    public const int MaxFuzzyCandidates = 8;

    /// <summary>Re-anchors one annotation. <paramref name="oldText"/> (the version the anchor was made on) is
    /// optional; with it, the shift of the text around the annotation is known and breaks ties between copies.</summary>
    public static ReanchorResult Reanchor(TextAnchor anchor, string? oldText, string newText) =>
        new Session(oldText, newText).Reanchor(anchor);

    /// <summary>Re-anchors every annotation of a version, in order. The text diff and each distinct quote's
    /// occurrences are computed once for all of them.</summary>
    public static IReadOnlyList<ReanchorResult> ReanchorAll(IReadOnlyList<TextAnchor> anchors, string? oldText, string newText)
    {
        var session = new Session(oldText, newText);
        var results = new ReanchorResult[anchors.Count];
        for (var i = 0; i < anchors.Count; i++)
        {
            results[i] = session.Reanchor(anchors[i]);
        }

        return results;
    }

    /// <summary>Where in the new text an annotation is expected (old offset mapped across the changed region) and
    /// how far off that can be: 0 outside the changed region, its size inside it.</summary>
    private readonly record struct Expectation(int Start, int Uncertainty, bool Exact);

    /// <summary>The work shared by all annotations of one text change.</summary>
    private sealed class Session
    {
        private readonly string _newText;
        private readonly int _oldLength;
        private readonly int _commonPrefix;
        private readonly int _commonSuffix;
        private readonly bool _knowsOldText;
        private readonly Dictionary<string, List<int>> _occurrences = new(StringComparer.Ordinal);

        public Session(string? oldText, string newText)
        {
            _newText = newText;
            if (oldText is null)
            {
                return;
            }

            _knowsOldText = true;
            _oldLength = oldText.Length;
            var shorter = Math.Min(oldText.Length, newText.Length);
            _commonPrefix = oldText.AsSpan().CommonPrefixLength(newText);
            var suffix = 0;
            while (suffix < shorter - _commonPrefix && oldText[^(suffix + 1)] == newText[^(suffix + 1)])
            {
                suffix++;
            }

            _commonSuffix = suffix;
        }

        public ReanchorResult Reanchor(TextAnchor anchor)
        {
            if (anchor.Exact.Length == 0)
            {
                return new ReanchorResult.Orphaned("The annotation has no quoted text to look for.");
            }

            var expected = Expect(anchor);
            if (StillAt(anchor, expected))
            {
                return new ReanchorResult.Placed(TextAnchor.Capture(_newText, anchor.Start, anchor.End), AnchorMethod.UnchangedPosition, 1);
            }

            var occurrences = Occurrences(anchor.Exact);
            if (occurrences.Count > 0)
            {
                return PlaceExact(anchor, occurrences, expected);
            }

            if (anchor.Exact.Length < MinFuzzyQuoteLength)
            {
                return new ReanchorResult.Orphaned("The quoted text no longer appears in the article, and it is too short to look for a near match.");
            }

            return PlaceFuzzy(anchor, expected);
        }

        private Expectation Expect(TextAnchor anchor)
        {
            if (!_knowsOldText || anchor.End <= _commonPrefix)
            {
                return new(anchor.Start, 0, _knowsOldText);
            }

            var delta = _newText.Length - _oldLength;
            if (anchor.Start >= _oldLength - _commonSuffix)
            {
                return new(anchor.Start + delta, 0, true);
            }

            var oldChanged = _oldLength - _commonSuffix - _commonPrefix;
            var newChanged = _newText.Length - _commonSuffix - _commonPrefix;
            var start = Math.Clamp(anchor.Start, 0, _newText.Length);
            return new(start, Math.Max(oldChanged, newChanged), false);
        }

        private bool StillAt(TextAnchor anchor, Expectation expected)
        {
            // When the diff proves the annotation's text moved, a copy that happens to sit at the old offsets is
            // somebody else's.
            if (expected.Exact && expected.Start != anchor.Start)
            {
                return false;
            }

            return anchor.Start >= 0
                && anchor.End <= _newText.Length
                && anchor.Start < anchor.End
                && _newText.AsSpan(anchor.Start, anchor.Length).SequenceEqual(anchor.Exact)
                && !TextBoundaries.SplitsSurrogatePair(_newText, anchor.Start)
                && !TextBoundaries.SplitsSurrogatePair(_newText, anchor.End);
        }

        private List<int> Occurrences(string quote)
        {
            if (_occurrences.TryGetValue(quote, out var found))
            {
                return found;
            }

            found = [];
            var from = 0;
            int at;
            while ((at = _newText.IndexOf(quote, from, StringComparison.Ordinal)) >= 0)
            {
                found.Add(at);
                from = at + 1;
            }

            _occurrences[quote] = found;
            return found;
        }

        private ReanchorResult PlaceExact(TextAnchor anchor, List<int> occurrences, Expectation expected)
        {
            var length = anchor.Length;
            if (occurrences.Count == 1)
            {
                var only = occurrences[0];
                var score = ContextScore(anchor, only, only + length);
                var method = score >= ConfirmingContextScore ? AnchorMethod.QuoteWithContext : AnchorMethod.UniqueQuote;
                return Place(only, only + length, method, 1);
            }

            var scored = occurrences
                .Select(start => (Start: start, Score: ContextScore(anchor, start, start + length)))
                .OrderByDescending(c => c.Score)
                .ToList();
            var best = scored[0];
            if (best.Score < MinContextScore)
            {
                return new ReanchorResult.Orphaned(
                    $"The quote appears {occurrences.Count} times in the new text, but none of them has the words that surrounded it before.");
            }

            if (best.Score - scored[1].Score >= ClearWinnerMargin)
            {
                return Place(best.Start, best.Start + length, AnchorMethod.QuoteWithContext, 1);
            }

            var tied = scored.Where(c => best.Score - c.Score < ClearWinnerMargin).Select(c => c.Start).ToList();
            var nearest = WhereExpected(tied, expected);
            if (nearest is { } start)
            {
                return Place(start, start + length, AnchorMethod.QuoteNearestPosition, 1);
            }

            return new ReanchorResult.Orphaned(tied.Count == occurrences.Count
                ? $"The quote appears {occurrences.Count} times in the new text with the same surrounding words, so it is not clear which one the annotation belongs to."
                : $"The quote appears {occurrences.Count} times in the new text and {tied.Count} of them have the same surrounding words, so it is not clear which one the annotation belongs to.");
        }

        /// <summary>The one candidate that lies where the text's shift says the annotation must be, if exactly one does.</summary>
        private static int? WhereExpected(List<int> candidates, Expectation expected)
        {
            var reach = expected.Uncertainty + PositionSlack;
            var within = candidates.Where(c => Math.Abs(c - expected.Start) <= reach).Take(2).ToList();
            return within.Count == 1 ? within[0] : null;
        }

        private ReanchorResult PlaceFuzzy(TextAnchor anchor, Expectation expected)
        {
            var quote = anchor.Exact;
            var maxErrors = (int)(quote.Length * MaxFuzzyErrorRate);
            var radius = Math.Clamp(expected.Uncertainty + PositionSlack, MinFuzzySearchRadius, MaxFuzzySearchRadius);
            var from = Math.Max(0, expected.Start - radius);
            var to = Math.Min(_newText.Length, expected.Start + quote.Length + maxErrors + radius);
            var ends = EditDistance.FindApproximateEnds(quote, _newText, from, to, maxErrors);
            if (ends.Count == 0)
            {
                return new ReanchorResult.Orphaned(
                    $"The quoted text no longer appears in the article, not even with {MaxFuzzyErrorRate:P0} of it changed; it was probably rewritten or deleted.");
            }

            var fewest = ends.Min(e => e.Distance);
            var candidates = ends
                .Where(e => e.Distance == fewest)
                .OrderBy(e => Math.Abs(e.End - quote.Length - expected.Start))
                .Take(MaxFuzzyCandidates)
                .Select(e => Measure(anchor, e.End, maxErrors))
                .Where(c => c.Similarity >= MinFuzzySimilarity)
                .OrderByDescending(c => c.Similarity)
                .ThenByDescending(c => c.Context)
                .ToList();
            if (candidates.Count == 0)
            {
                return new ReanchorResult.Orphaned(
                    $"Only a loose match for the quote remains (less than {MinFuzzySimilarity:P0} alike); an editor should place it.");
            }

            var best = candidates[0];
            var rivals = candidates
                .Where(c => c.Start != best.Start && best.Similarity - c.Similarity < 1e-9 && best.Context - c.Context < ClearWinnerMargin)
                .ToList();
            if (rivals.Count > 0)
            {
                var tied = rivals.Select(c => c.Start).Prepend(best.Start).ToList();
                if (WhereExpected(tied, expected) is not { } start)
                {
                    return new ReanchorResult.Orphaned(
                        $"A near match for the quote appears {tied.Count} times in the new text with the same surrounding words, so it is not clear which one the annotation belongs to.");
                }

                best = candidates.First(c => c.Start == start);
            }

            return Place(best.Start, best.End, AnchorMethod.Fuzzy, best.Similarity);
        }

        private (int Start, int End, double Similarity, double Context) Measure(TextAnchor anchor, int end, int maxErrors)
        {
            var (length, distance) = EditDistance.BestLengthEndingAt(anchor.Exact, _newText, end, maxErrors);
            if (distance > maxErrors)
            {
                return (end, end, 0, 0);
            }

            var (start, snappedEnd) = Snap(anchor, end - length, end);
            if (start >= snappedEnd)
            {
                return (start, snappedEnd, 0, 0);
            }

            var span = _newText.AsSpan(start, snappedEnd - start);
            var longest = Math.Max(span.Length, anchor.Length);
            var allowed = (int)(longest * MaxFuzzyErrorRate);
            var similarity = 1 - (double)EditDistance.Distance(anchor.Exact, span, allowed) / longest;
            return (start, snappedEnd, Math.Max(0, similarity), ContextScore(anchor, start, snappedEnd));
        }

        /// <summary>Moves an approximate match's edges to where the old quote's edges were: out to whole words when
        /// the quote began or ended between words (a changed word is annotated whole, not cut), off whitespace the
        /// quote did not have, and never inside a character.</summary>
        private (int Start, int End) Snap(TextAnchor anchor, int start, int end)
        {
            var text = _newText;
            var quote = anchor.Exact;
            var startedBetweenWords = anchor.Prefix.Length == 0 || !TextBoundaries.IsWordChar(anchor.Prefix[^1]) || !TextBoundaries.IsWordChar(quote[0]);
            while (startedBetweenWords && TextBoundaries.InsideWord(text, start))
            {
                start--;
            }

            var endedBetweenWords = anchor.Suffix.Length == 0 || !TextBoundaries.IsWordChar(anchor.Suffix[0]) || !TextBoundaries.IsWordChar(quote[^1]);
            while (endedBetweenWords && TextBoundaries.InsideWord(text, end))
            {
                end++;
            }

            if (!char.IsWhiteSpace(quote[0]))
            {
                while (start < end && char.IsWhiteSpace(text[start]))
                {
                    start++;
                }
            }

            if (!char.IsWhiteSpace(quote[^1]))
            {
                while (end > start && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }
            }

            start = TextBoundaries.BackToCharacterStart(text, start, 0);
            end = TextBoundaries.ForwardToCharacterStart(text, end, text.Length);
            return (start, end);
        }

        /// <summary>How well the text around a candidate matches the annotation's old prefix and suffix (0–1), each
        /// side weighted by its length; 1 when the annotation had no context to compare.</summary>
        private double ContextScore(TextAnchor anchor, int start, int end)
        {
            var prefixLength = anchor.Prefix.Length;
            var suffixLength = anchor.Suffix.Length;
            if (prefixLength + suffixLength == 0)
            {
                return 1;
            }

            var before = _newText.AsSpan(Math.Max(0, start - prefixLength), Math.Min(start, prefixLength));
            var after = _newText.AsSpan(end, Math.Min(_newText.Length - end, suffixLength));
            var prefixScore = EditDistance.Similarity(anchor.Prefix, before) * prefixLength;
            var suffixScore = EditDistance.Similarity(anchor.Suffix, after) * suffixLength;
            return (prefixScore + suffixScore) / (prefixLength + suffixLength);
        }

        private ReanchorResult.Placed Place(int start, int end, AnchorMethod method, double similarity) =>
            new(TextAnchor.Capture(_newText, start, end), method, similarity);
    }
}

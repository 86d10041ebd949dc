namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// Proposes tags for an article version's plain text: actor mentions, sources (attributions) and claim
/// candidates. Rules and word lists, no model; one pass per stage, linear in the text (see
/// docs/decisions/0010-suggestions.md).
/// </summary>
public static class SuggestionEngine
{
    /// <summary>
    /// Suggestions for <paramref name="plainText"/> ordered by start, then kind, then end. Spans of one kind
    /// never overlap and never split a surrogate pair. <paramref name="registry"/> names and aliases win over
    /// the built-in gazetteer and carry the actor id.
    /// </summary>
    public static IReadOnlyList<Suggestion> Suggest(string plainText, IReadOnlyList<KnownActor> registry)
    {
        var sentences = SentenceSplitter.Split(plainText);
        var tokens = Tokenizer.Tokenize(plainText, sentences);
        var actors = ActorRecognizer.Recognise(plainText, tokens, ActorRecognizer.BuildRegistry(registry), registry);
        var sources = SourceRecognizer.Recognise(plainText, tokens, actors);
        var claims = ClaimRecognizer.Recognise(plainText, tokens, sentences);

        var all = new List<Suggestion>(actors.Count + sources.Count + claims.Count);
        all.AddRange(actors.Select(a => a.Suggestion));
        all.AddRange(sources);
        all.AddRange(claims);
        all.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.End.CompareTo(b.End));
        return all;
    }

    /// <summary>
    /// Only the actor mentions <see cref="Suggest"/> would give with an empty registry, in text order: what event
    /// clustering reads names from at every ingest, without the cost of finding sources and claims.
    /// </summary>
    public static IReadOnlyList<Suggestion> Actors(string plainText)
    {
        var tokens = Tokenizer.Tokenize(plainText, SentenceSplitter.Split(plainText));
        return ActorRecognizer.Recognise(plainText, tokens, EmptyRegistry, []).Select(a => a.Suggestion).ToList();
    }

    private static readonly PhraseIndex<ActorEntry> EmptyRegistry = ActorRecognizer.BuildRegistry([]);
}

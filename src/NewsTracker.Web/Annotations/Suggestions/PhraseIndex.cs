namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>A trie over token sequences: finds the longest listed phrase starting at a token, in one pass.</summary>
internal sealed class PhraseIndex<T>
    where T : class
{
    private readonly Node _root = new();

    public bool IsEmpty => _root.Children.Count == 0;

    /// <summary>Adds <paramref name="phrase"/>, tokenised like the text. An earlier value for the same phrase wins.</summary>
    public void Add(string phrase, T value)
    {
        var node = _root;
        var added = false;
        foreach (var token in Tokenizer.Tokenize(phrase, []))
        {
            if (!node.Children.TryGetValue(token.Text, out var child))
            {
                child = new Node();
                node.Children.Add(token.Text, child);
            }

            node = child;
            added = true;
        }

        if (added)
        {
            node.Value ??= value;
        }
    }

    /// <summary>The longest phrase starting at <paramref name="start"/> whose words are not split by punctuation.</summary>
    public (int Length, T? Value) LongestMatch(List<Token> tokens, int start)
    {
        var node = _root;
        var best = (0, (T?)null);
        for (var i = start; i < tokens.Count; i++)
        {
            if (i > start && (tokens[i].BreakBefore || tokens[i - 1].Possessive))
            {
                break;
            }

            if (!node.Children.TryGetValue(tokens[i].Text, out var child))
            {
                break;
            }

            node = child;
            if (node.Value is not null)
            {
                best = (i - start + 1, node.Value);
            }
        }

        return best;
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public T? Value { get; set; }
    }
}

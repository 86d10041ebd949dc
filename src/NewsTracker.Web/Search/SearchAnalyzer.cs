using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace NewsTracker.Web.Search;

/// <summary>
/// How text becomes index terms, for documents and queries alike: words are runs of letters, digits and combining
/// marks (so "U.S." is "u" "s", as FTS5's unicode61 tokenizer read it), lower-cased, with accents and ligatures
/// folded to ASCII ("Zürich" is "zurich", "ß" is "ss"). No stemming: people search for the words they saw.
/// </summary>
public static class SearchAnalyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>One analyzer for every field; it holds no per-document state, so one instance serves all threads.</summary>
    public static readonly Analyzer Instance = Analyzer.NewAnonymous((_, reader) =>
    {
        var words = new WordTokenizer(reader);
        TokenStream stream = new LowerCaseFilter(Version, words);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(words, stream);
    });

    /// <summary>The terms a piece of query text stands for in <paramref name="field"/>.</summary>
    public static List<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = Instance.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Splits on anything that is not a letter, a digit or a combining mark.</summary>
    private sealed class WordTokenizer(TextReader reader) : CharTokenizer(Version, reader)
    {
        protected override bool IsTokenChar(int c) =>
            Rune.IsValid(c) && Rune.GetUnicodeCategory(new Rune(c)) is
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}

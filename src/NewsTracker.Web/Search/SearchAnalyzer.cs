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

    /// <summary>A fresh token stream over <paramref name="text"/> (analysed as <see cref="Instance"/> does) that writes every
    /// word <paramref name="copies"/> times at one position, so its frequency counts it that many times while the
    /// copies stay out of the length (<see cref="WeightedBm25"/>); the first word starts <paramref name="gap"/>
    /// positions on, so no phrase spans two parts written into one field.</summary>
    public static TokenStream Stacked(string text, int copies, int gap)
    {
        TokenStream stream = new LowerCaseFilter(Version, new WordTokenizer(new StringReader(text)));
        return new StackFilter(new ASCIIFoldingFilter(stream), copies, gap);
    }

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

    /// <summary>Repeats each token at the same position (position increment 0), which Lucene counts as overlap.</summary>
    private sealed class StackFilter : TokenFilter
    {
        private readonly int _copies;
        private readonly int _gap;
        private readonly IPositionIncrementAttribute _increment;
        private State? _current;
        private int _left;
        private bool _first = true;

        public StackFilter(TokenStream input, int copies, int gap)
            : base(input)
        {
            _copies = copies;
            _gap = gap;
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_left > 0)
            {
                RestoreState(_current);
                _increment.PositionIncrement = 0;
                _left--;
                return true;
            }

            if (!m_input.IncrementToken())
            {
                return false;
            }

            if (_first)
            {
                _increment.PositionIncrement += _gap;
                _first = false;
            }

            _left = _copies - 1;
            _current = _left > 0 ? CaptureState() : null;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _current = null;
            _left = 0;
            _first = true;
        }
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

using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using NewsTracker.Web.Search;

namespace NewsTracker.Tests.Search;

/// <summary>What the query language finds in a small index written the way the app writes it, and that no input
/// makes the query builder or Lucene fail.</summary>
public sealed class LuceneQueryTests : IDisposable
{
    private static readonly (string Title, string Byline, string Body)[] Articles =
    [
        ("NATO and Ukraine", "Pete Hegseth", "Kyiv said the peace deal would cast doubt on membership."),
        ("Café Society Gathers", "", "In Zürich the U.S. envoy met pro-Russian members of the committee."),
        ("Harbour Reopens", "", "The harbour reopened after the storm; Hegseth was not there."),
    ];

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public LuceneQueryTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Instance) { Similarity = new BM25Similarity() }))
        {
            foreach (var (title, byline, body) in Articles)
            {
                writer.AddDocument(
                [
                    new StringField("title_stored", title, Field.Store.YES),
                    new TextField(LuceneQuery.TitleField, title, Field.Store.NO),
                    new TextField(LuceneQuery.BylineField, byline, Field.Store.NO),
                    new TextField(LuceneQuery.BodyField, body, Field.Store.NO),
                ]);
            }
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("nato", "NATO and Ukraine")]
    [InlineData("NATO kyiv", "NATO and Ukraine")]
    [InlineData("\"peace deal\" hegseth", "NATO and Ukraine")]
    [InlineData("\"deal peace\"", "")]
    [InlineData("harbour OR zurich", "Café Society Gathers|Harbour Reopens")]
    [InlineData("hegseth -storm", "NATO and Ukraine")]
    [InlineData("membersh*", "NATO and Ukraine")]
    [InlineData("title:hegseth", "")]
    [InlineData("title:nato", "NATO and Ukraine")]
    [InlineData("U.S. pro-Russian", "Café Society Gathers")]
    [InlineData("\"u.s. envoy\"", "Café Society Gathers")]
    [InlineData("CAFE zürich", "Café Society Gathers")]
    [InlineData("“curly quotes”", "")]
    [InlineData("OR nato", "NATO and Ukraine")]
    public void Finds_what_the_query_language_says(string input, string expected)
    {
        var titles = Titles(LuceneQuery.Build(SearchQueryParser.Parse(input))!);

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), titles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_title_match_ranks_above_a_body_match()
    {
        var titles = Titles(LuceneQuery.Build(SearchQueryParser.Parse("reopened OR nato"))!);

        Assert.Equal("NATO and Ukraine", titles[0]);
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "\"", "\"\"", "\"unclosed phrase", "*", "**", "nato*)", "(nato", "nato)", "NOT", "AND", "OR OR OR", "NEAR(nato ukraine)",
        "nato NOT", "title:", "title:\"\"", ":", "-", "--nato", "- nato", "^nato", "nato^", "{title}: nato", "col:nato",
        "'; DROP TABLE Articles; --", "\0nato", "\u202Enato", "😀 nato 😀", "Ελλάδα", "日本語のテキスト", "\uFFFF\uFFFE",
        "nato \"ukr\"aine\"", "a\"b\"c", "\"\"\"\"", "+nato", "nato~2", "%", "_", "\\", "/", "$", "#", "@", "a*", "*nato",
        new string('(', 500), new string('"', 1001), new string('x', 10_240), string.Concat(Enumerable.Repeat("nato OR ", 600)), string.Concat(Enumerable.Repeat("-x ", 2000)),
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public void No_input_makes_the_search_fail(string input)
    {
        if (LuceneQuery.Build(SearchQueryParser.Parse(input)) is { } query)
        {
            _ = _searcher.Search(query, 20);
        }
    }

    [Fact]
    public void Random_noise_never_makes_the_search_fail()
    {
        const string Alphabet = "ab \"*-:()^{}ORNTAD\t\n'😀é";
        var random = new Random(20261126);
        for (var i = 0; i < 2000; i++)
        {
            var input = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            if (LuceneQuery.Build(SearchQueryParser.Parse(input)) is { } query)
            {
                _ = _searcher.Search(query, 20);
            }
        }
    }

    private List<string> Titles(Query query) =>
        _searcher.Search(query, 20).ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("title_stored", System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

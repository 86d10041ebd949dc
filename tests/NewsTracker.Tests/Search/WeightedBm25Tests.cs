using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Data.Sqlite;
using NewsTracker.Web.Search;

namespace NewsTracker.Tests.Search;

/// <summary>The app's ranking is FTS5's bm25 with the title ×8, byline ×2, text ×1 weights: the same articles in
/// an FTS5 table and in an index written the way the app writes it give the same score to every match.</summary>
public sealed class WeightedBm25Tests : IDisposable
{
    private const int ArticleCount = 300;

    // A few words in most articles, some in a fair share, some in a handful: the idf's three regimes.
    private static readonly string[] Words =
    [
        "the", "of", "and", "said", "council", "harbour", "budget", "storm", "minister", "vote", "bridge", "strike",
        "ferry", "quarry", "glacier", "orchard", "lantern", "meadow", "pigeon", "walnut",
    ];

    private readonly SqliteConnection _fts = new("Data Source=:memory:");
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public WeightedBm25Tests()
    {
        _fts.Open();
        Execute("CREATE VIRTUAL TABLE t USING fts5(title, byline, body, tokenize='unicode61 remove_diacritics 2');");
        var random = new Random(20261207);
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Instance) { Similarity = new WeightedBm25() }))
        {
            for (var id = 1; id <= ArticleCount; id++)
            {
                var title = Text(random, random.Next(2, 9));
                var byline = random.Next(3) == 0 ? string.Empty : Text(random, random.Next(1, 3));
                var body = Text(random, random.Next(5, 400));
                using var insert = _fts.CreateCommand();
                insert.CommandText = "INSERT INTO t(rowid, title, byline, body) VALUES ($id, $title, $byline, $body)";
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$title", title);
                insert.Parameters.AddWithValue("$byline", byline);
                insert.Parameters.AddWithValue("$body", body);
                insert.ExecuteNonQuery();
                writer.AddDocument([new StringField("id", id.ToString(CultureInfo.InvariantCulture), Field.Store.YES), .. LuceneQuery.Fields(title, byline, body)]);
            }
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = WeightedBm25.For(_reader) };
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _fts.Dispose();
    }

    [Theory]
    [InlineData("the")]
    [InlineData("council")]
    [InlineData("ferry")]
    [InlineData("walnut")]
    [InlineData("the council")]
    [InlineData("storm walnut")]
    [InlineData("bridge orchard")]
    [InlineData("harbour OR pigeon")]
    public void Every_match_scores_as_fts5_bm25_with_the_column_weights(string query)
    {
        var match = string.Join(" AND ", query.Split(' ').Where(w => w != "OR").Select(w => $"\"{w}\""));
        if (query.Contains(" OR ", StringComparison.Ordinal))
        {
            match = match.Replace(" AND ", " OR ", StringComparison.Ordinal);
        }

        var expected = new Dictionary<int, double>();
        using (var select = _fts.CreateCommand())
        {
            select.CommandText = "SELECT rowid, -bm25(t, 8.0, 2.0, 1.0) FROM t WHERE t MATCH $match";
            select.Parameters.AddWithValue("$match", match);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                expected[reader.GetInt32(0)] = reader.GetDouble(1);
            }
        }

        var found = _searcher.Search(LuceneQuery.Build(SearchQueryParser.Parse(query))!, ArticleCount).ScoreDocs
            .ToDictionary(d => int.Parse(_searcher.Doc(d.Doc).Get("id", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), d => (double)d.Score);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), found.Keys.Order());
        foreach (var (id, score) in expected)
        {
            Assert.True(Math.Abs(found[id] - score) <= 1e-5 * Math.Max(1e-6, Math.Abs(score)) + 1e-12, $"Article {id}: FTS5 {score}, the app {found[id]}.");
        }
    }

    private static string Text(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[Math.Min(Words.Length - 1, (int)(Words.Length * Math.Pow(random.NextDouble(), 2.2)))]));

    private void Execute(string sql)
    {
        using var command = _fts.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;
using NewsTracker.Web.Search;

namespace NewsTracker.Tests.Search;

public sealed class SearchQueryParserTests
{
    [Theory]
    [InlineData("nato", "\"nato\"")]
    [InlineData("NATO Ukraine", "\"nato\" AND \"ukraine\"")]
    [InlineData("\"peace deal\" putin", "\"peace deal\" AND \"putin\"")]
    [InlineData("nato ukraine OR kyiv", "\"nato\" AND (\"ukraine\" OR \"kyiv\")")]
    [InlineData("nato -crimea -\"peace deal\"", "(\"nato\") NOT (\"crimea\" OR \"peace deal\")")]
    [InlineData("membersh*", "\"membersh\"*")]
    [InlineData("title:hegseth nato", "title : \"hegseth\" AND \"nato\"")]
    [InlineData("title:\"cast doubt\"", "title : \"cast doubt\"")]
    [InlineData("U.S. pro-Russian", "\"u s\" AND \"pro russian\"")]
    [InlineData("“curly quotes”", "\"curly quotes\"")]
    [InlineData("OR nato", "\"nato\"")]
    [InlineData("nato OR", "\"nato\"")]
    public void Writes_every_term_quoted_with_operators_people_expect(string input, string expected) =>
        Assert.Equal(expected, Fts5Query.Build(SearchQueryParser.Parse(input)));

    [Fact]
    public void Reads_filters_apart_from_the_words()
    {
        var query = SearchQueryParser.Parse("nato outlet:Reuters actor:\"Pete Hegseth\" topic:ukraine-nato lang:EN after:2026-01-15 before:2026-03");

        Assert.Equal(["Reuters"], query.Outlets);
        Assert.Equal(["Pete Hegseth"], query.Actors);
        Assert.Equal(["ukraine-nato"], query.Topics);
        Assert.Equal(["en"], query.Languages);
        Assert.Equal(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc), query.AfterUtc);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), query.BeforeUtc);
        Assert.Equal("\"nato\"", Fts5Query.Build(query));
    }

    [Fact]
    public void A_query_of_filters_only_has_no_text_to_match()
    {
        var query = SearchQueryParser.Parse("outlet:Reuters");

        Assert.False(query.HasText);
        Assert.True(query.HasFilters);
        Assert.Null(Fts5Query.Build(query));
    }

    [Theory]
    [InlineData("-nato", "at least one word")]
    [InlineData("after:yesterday nato", "not a date")]
    [InlineData("a* nato", "too short to search by prefix")]
    [InlineData("colour:red nato", "not a filter here")]
    [InlineData("after:2026-05-01 before:2026-01-01 nato", "later than the 'before' date")]
    public void Explains_what_it_could_not_use(string input, string warning) =>
        Assert.Contains(SearchQueryParser.Parse(input).Warnings, w => w.Contains(warning, StringComparison.Ordinal));

    [Fact]
    public void A_10_kb_query_is_cut_and_capped_without_failing()
    {
        var query = SearchQueryParser.Parse(string.Join(' ', Enumerable.Range(0, 2000).Select(i => "w" + i)));

        Assert.Equal(SearchQueryParser.MaxTerms, query.Required.Count);
        Assert.Contains(query.Warnings, w => w.Contains("characters", StringComparison.Ordinal));
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "\"", "\"\"", "\"unclosed phrase", "*", "**", "nato*)", "(nato", "nato)", "NOT", "AND", "OR OR OR", "NEAR(nato ukraine)",
        "nato NOT", "title:", "title:\"\"", ":", "-", "--nato", "- nato", "^nato", "nato^", "{title}: nato", "col:nato",
        "'; DROP TABLE Articles; --", "\0nato", "\u202Enato", "😀 nato 😀", "Ελλάδα", "日本語のテキスト", "\uFFFF\uFFFE",
        "nato \"ukr\"aine\"", "a\"b\"c", "\"\"\"\"", "+nato", "nato~2", "%", "_", "\\", "/", "$", "#", "@",
        new string('(', 500), new string('"', 1001), string.Concat(Enumerable.Repeat("nato OR ", 600)), string.Concat(Enumerable.Repeat("-x ", 2000)),
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public void No_input_makes_an_fts5_syntax_error(string input)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIRTUAL TABLE t USING fts5(title, body); INSERT INTO t VALUES ('NATO and Ukraine', 'Kyiv said');";
        command.ExecuteNonQuery();

        var match = Fts5Query.Build(SearchQueryParser.Parse(input));
        if (match is null)
        {
            return;
        }

        command.CommandText = "SELECT count(*) FROM t WHERE t MATCH $match";
        command.Parameters.AddWithValue("$match", match);
        _ = command.ExecuteScalar();
    }

    [Fact]
    public void Random_noise_never_makes_an_fts5_syntax_error()
    {
        const string Alphabet = "ab \"*-:()^{}ORNTAD\t\n'😀é";
        var random = new Random(20261126);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIRTUAL TABLE t USING fts5(title, body);";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT count(*) FROM t WHERE t MATCH $match";
        var parameter = command.Parameters.Add("$match", SqliteType.Text);

        for (var i = 0; i < 2000; i++)
        {
            var input = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var match = Fts5Query.Build(SearchQueryParser.Parse(input));
            if (match is not null)
            {
                parameter.Value = match;
                _ = command.ExecuteScalar();
            }
        }
    }
}

using System.Text;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Tests.Api;

/// <summary>The CSV writer: RFC 4180 quoting, CRLF rows, formula-injection guard, UTF-8 without a BOM; and the
/// claims export's columns.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Zelensky’s “plan” – café", "Zelensky’s “plan” – café")]
    [InlineData("a=b", "a=b")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_only_when_they_must_be(string? value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "\"'\r=cmd\"")]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"click\")", "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    public void Cells_a_spreadsheet_would_run_as_formulas_start_with_a_quote(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public async Task Rows_end_in_crlf_and_read_back_as_written()
    {
        var writer = new StringWriter();
        var csv = new CsvWriter(writer);
        string?[] first = ["1", "He said, \"no\"", null, "multi\nline"];
        string?[] second = ["2", "plain", "x", "y"];

        await csv.WriteRowAsync(first);
        await csv.WriteRowAsync(second);

        var text = writer.ToString();
        Assert.Equal("1,\"He said, \"\"no\"\"\",,\"multi\nline\"\r\n2,plain,x,y\r\n", text);
        Assert.Equal([["1", "He said, \"no\"", "", "multi\nline"], ["2", "plain", "x", "y"]], Rfc4180.Parse(text));
    }

    [Fact]
    public async Task The_claims_export_writes_its_header_then_one_row_per_claim_and_source_in_utf8_without_a_bom()
    {
        var rows = new[]
        {
            new ClaimsCsv.Row(4, "=1+1, said the minister", "Keir Starmer", "Mostly true", ReviewState.InReview, null, 9, SourceKind.UnspecifiedReports,
                "according to reports", null, 2, (7, "nato-story")),
            new ClaimsCsv.Row(5, "Talks will continue", null, "Unverified", ReviewState.Published, new DateTime(2026, 3, 1, 9, 30, 5, DateTimeKind.Utc),
                null, null, null, null, 0, null),
        };
        using var stream = new MemoryStream();
        await using (var writer = new StreamWriter(stream, CsvWriter.Utf8, leaveOpen: true))
        {
            await ClaimsCsv.WriteAsync(writer, rows, new WebAnnotationLinks("https://news.example"), CancellationToken.None);
        }

        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        var parsed = Rfc4180.Parse(Encoding.UTF8.GetString(bytes));
        Assert.Equal(ClaimsCsv.Columns, parsed[0]);
        Assert.Equal(["4", "'=1+1, said the minister", "Keir Starmer", "Mostly true", "in-review", "", "9", "unspecified-reports", "according to reports", "", "2", "https://news.example/articles/7/nato-story"], parsed[1]);
        Assert.Equal(["5", "Talks will continue", "", "Unverified", "published", "2026-03-01T09:30:05Z", "", "", "", "", "0", ""], parsed[2]);
        Assert.Equal(3, parsed.Count);
    }

    /// <summary>A strict RFC 4180 reader for the assertions: fails on anything the writer should never produce.</summary>
    private static class Rfc4180
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new FormatException("Unterminated quoted cell.");
                        }

                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                cell.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        cell.Append(text[i++]);
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            throw new FormatException("A quote inside an unquoted cell.");
                        }

                        cell.Append(text[i++]);
                    }
                }

                row.Add(cell.ToString());
                cell.Clear();
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
                {
                    i += 2;
                    rows.Add(row);
                    row = [];
                    continue;
                }

                throw new FormatException($"Expected a comma or CRLF at {i}.");
            }

            return rows;
        }
    }
}

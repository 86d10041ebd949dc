using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class BoilerplateCleanerTests
{
    private static readonly string LongParagraph = string.Concat(Enumerable.Repeat("The council voted to rebuild the harbour wall before winter. ", 6));

    [Theory]
    [InlineData("Related articles")]
    [InlineData("About the author")]
    [InlineData("3 Comments")]
    [InlineData("Das könnte Sie auch interessieren!")]
    [InlineData("Weitere Beiträge zum Thema")]
    public void Ends_the_body_at_a_closing_title_after_most_of_the_article(string title)
    {
        var blocks = Clean(Paragraph(LongParagraph), Paragraph(LongParagraph), Heading(title), Paragraph("Another story entirely"));

        Assert.Equal(2, blocks.Count);
        Assert.DoesNotContain(blocks, b => b.Text == title);
    }

    [Fact]
    public void Keeps_a_closing_title_that_comes_before_most_of_the_article()
    {
        var blocks = Clean(Paragraph("Short lead."), Heading("Comments"), Paragraph(LongParagraph), Paragraph(LongParagraph));

        Assert.Equal(4, blocks.Count);
    }

    [Fact]
    public void Keeps_a_bare_singular_comment_that_is_a_table_column()
    {
        var blocks = Clean(Paragraph(LongParagraph), Paragraph(LongParagraph), Paragraph("Comment"), Paragraph("new"));

        Assert.Equal(4, blocks.Count);
    }

    [Theory]
    [InlineData("Follow The Gleaner on Twitter and Instagram @JamaicaGleaner")]
    [InlineData("Subscribe now to our eNATION edition for the full story.")]
    [InlineData("To view the full story, please subscribe to The Haitian Times.")]
    [InlineData("War der Artikel nützlich?")]
    [InlineData("VEA TAMBIÉN: Entre heces y guaricha")]
    [InlineData("This site uses Akismet to reduce spam.")]
    [InlineData("VON Sina Giebel")]
    [InlineData("Aktualisiert am 12.03.2022")]
    [InlineData("Image 3 of 12")]
    public void Drops_subscribe_follow_share_and_pointer_lines(string line)
    {
        var blocks = Clean(Paragraph(LongParagraph), Paragraph(line), Paragraph(LongParagraph));

        Assert.DoesNotContain(blocks, b => b.Text == line);
        Assert.Equal(2, blocks.Count);
    }

    [Theory]
    [InlineData("By the end of May")]
    [InlineData("Von oben betrachtet war alles ruhig.")]
    public void Keeps_short_lines_that_only_start_like_a_byline(string line)
    {
        var blocks = Clean(Paragraph(LongParagraph), Paragraph(line), Paragraph(LongParagraph));

        Assert.Contains(blocks, b => b.Text == line);
    }

    [Theory]
    [InlineData("April 21, 2022")]
    [InlineData("Publicado: Jueves, 21 Abril 2022 04:45")]
    [InlineData("Lübeck, 31. März 2003")]
    [InlineData("11.12.2019 - Amelie Loevenich")]
    [InlineData("Posted on 2022-04-29 by admin")]
    public void Drops_a_date_line_above_the_article(string line)
    {
        var blocks = Clean(Paragraph(line), Paragraph(LongParagraph), Paragraph(LongParagraph));

        Assert.DoesNotContain(blocks, b => b.Text == line);
        Assert.Equal(2, blocks.Count);
    }

    [Theory]
    [InlineData("Oliver Frankenbach mit Wirkung zum 1.9.2015 zum Vorstand Finanzen bestellt")]
    [InlineData("The harbour wall")]
    public void Keeps_a_lead_line_that_is_more_than_a_date(string line)
    {
        var blocks = Clean(Paragraph(line), Paragraph(LongParagraph));

        Assert.Contains(blocks, b => b.Text == line);
    }

    [Fact]
    public void Keeps_a_short_dated_line_inside_the_article()
    {
        var blocks = Clean(Paragraph(LongParagraph), Paragraph("April 21, 2022"), Paragraph(LongParagraph));

        Assert.Equal(3, blocks.Count);
    }

    private static List<ParsedBlock> Clean(params ParsedBlock[] blocks) => BoilerplateCleaner.DropFurnitureLines([.. blocks]);

    private static ParsedBlock Paragraph(string text) => new(BlockKind.Paragraph, text);

    private static ParsedBlock Heading(string text) => new(BlockKind.Heading, text);
}

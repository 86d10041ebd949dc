using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations
{
    /// <summary>
    /// The full-text index: an FTS5 external-content table over a view of each article's current version,
    /// so the text is stored once (in ArticleVersions) and the index holds only the inverted lists.
    /// Kept in sync by the search index in the same transaction as the article write.
    /// </summary>
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIEW "ArticleSearchSource" AS
                SELECT a."Id" AS "ArticleId", a."Title" AS "title", COALESCE(a."Byline", '') AS "byline", v."PlainText" AS "body"
                FROM "Articles" AS a
                JOIN "ArticleVersions" AS v ON v."ArticleId" = a."Id" AND v."Number" = a."CurrentVersion";
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
                    title, byline, body,
                    content='ArticleSearchSource', content_rowid='ArticleId',
                    tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""INSERT INTO "ArticleSearch"("ArticleSearch") VALUES('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
            migrationBuilder.Sql("""DROP VIEW IF EXISTS "ArticleSearchSource";""");
        }
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations
{
    /// <summary>
    /// Search moved to a Lucene index beside the database (Search/SearchEngine.cs, decision 0016), which follows the
    /// stored versions by itself, so the FTS5 table and its source view are no longer read or written. Outside the EF
    /// model, so no snapshot change.
    /// </summary>
    [DbContext(typeof(NewsTrackerDbContext))]
    [Migration("20261207183000_SearchMovesToLucene")]
    public partial class SearchMovesToLucene : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
            migrationBuilder.Sql("""DROP VIEW IF EXISTS "ArticleSearchSource";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // As InitialCreate made them, filled from the articles again.
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
    }
}

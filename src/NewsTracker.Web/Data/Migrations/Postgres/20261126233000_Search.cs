using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Search on PostgreSQL until SearchMovesToLucene dropped it. Outside the EF model, like SQLite's FTS5 table:
    /// one tsvector per article in "ArticleSearch" under a GIN index, kept in step by ISearchIndex in the article's
    /// write transaction. The text search configuration matches SQLite's tokenizer (unicode61 remove_diacritics 2):
    /// no stemming and no stop words (simple), accents folded (unaccent, a trusted extension the database owner can
    /// create). newstracker_search_document is the one definition of an article's document, used here to fill the
    /// table and by the app for every later write.
    /// </summary>
    [DbContext(typeof(PostgresNewsTrackerDbContext))]
    [Migration("20261126233000_Search")]
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION newstracker_search (COPY = pg_catalog.simple);
                ALTER TEXT SEARCH CONFIGURATION newstracker_search
                    ALTER MAPPING FOR word, numword, hword, hword_part, hword_numpart, numhword WITH unaccent, simple;
                """);

            // Every run of characters other than letters and digits becomes a space first, so words are split
            // exactly where SQLite's unicode61 and the query parser split them ("U.S." is u, s; "pro-Russian" is pro,
            // russian) instead of by the default parser's hosts, files, versions and hyphenated words. A separator
            // lexeme (which no text can produce) is put between the fields and then deleted, leaving a gap in the
            // positions so a phrase never runs from the title into the byline or the text, as in FTS5. The text is
            // cut at 200 000 characters: a tsvector holds at most 1 MB of distinct words, and positions stop
            // counting at 16 383 words anyway.
            migrationBuilder.Sql("""
                CREATE FUNCTION newstracker_search_document(title text, byline text, body text) RETURNS tsvector
                LANGUAGE sql STABLE PARALLEL SAFE
                RETURN ts_delete(
                    setweight(to_tsvector('newstracker_search', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A')
                    || '''-'':1'::tsvector
                    || setweight(to_tsvector('newstracker_search', regexp_replace(coalesce(byline, ''), '[^[:alnum:]]+', ' ', 'g')), 'B')
                    || '''-'':1'::tsvector
                    || to_tsvector('newstracker_search', regexp_replace(left(body, 200000), '[^[:alnum:]]+', ' ', 'g')),
                    '-'::text);
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "ArticleSearch" (
                    "ArticleId" integer NOT NULL,
                    "Document" tsvector NOT NULL,
                    CONSTRAINT "PK_ArticleSearch" PRIMARY KEY ("ArticleId"),
                    CONSTRAINT "FK_ArticleSearch_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE);
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_ArticleSearch_Document" ON "ArticleSearch" USING gin ("Document");""");
            migrationBuilder.Sql("""
                INSERT INTO "ArticleSearch" ("ArticleId", "Document")
                SELECT a."Id", newstracker_search_document(a."Title", a."Byline", v."PlainText")
                FROM "Articles" AS a
                JOIN "ArticleVersions" AS v ON v."ArticleId" = a."Id" AND v."Number" = a."CurrentVersion";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS newstracker_search_document(text, text, text);");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS newstracker_search;");

            // The unaccent extension stays: it is the database's, and dropping it would fail for anything else using it.
        }
    }
}

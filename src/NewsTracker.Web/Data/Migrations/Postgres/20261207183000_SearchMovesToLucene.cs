using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Search moved to a Lucene index beside the database (Search/SearchEngine.cs, decision 0016), one per instance,
    /// which follows the stored versions by itself, so the tsvector table, its document function and text search
    /// configuration are no longer read or written. Outside the EF model, so no snapshot change.
    /// </summary>
    [DbContext(typeof(PostgresNewsTrackerDbContext))]
    [Migration("20261207183000_SearchMovesToLucene")]
    public partial class SearchMovesToLucene : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ArticleSearch";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS newstracker_search_document(text, text, text);");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS newstracker_search;");

            // The unaccent extension stays: it is the database's, and dropping it would fail for anything else using it.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Operations.AddRange(new Search().UpOperations);
    }
}

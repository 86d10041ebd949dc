using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArchiveCountsAndCacheScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArticleCount",
                table: "Stories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FirstReportOutletId",
                table: "Stories",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArticleCount",
                table: "Outlets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FirstReportCount",
                table: "Outlets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "ContentChanges",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutletMonths",
                columns: table => new
                {
                    OutletId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Articles = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutletMonths", x => new { x.OutletId, x.Month });
                    table.ForeignKey(
                        name: "FK_OutletMonths_Outlets_OutletId",
                        column: x => x.OutletId,
                        principalTable: "Outlets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing archives start with true counts; from here on ingestion keeps them (Stories/ArchiveCounts).
            migrationBuilder.Sql("""
                UPDATE "Stories" SET "ArticleCount" = (SELECT COUNT(*) FROM "Articles" AS a WHERE a."StoryId" = "Stories"."Id");
                UPDATE "Stories" SET "FirstReportOutletId" = (
                    SELECT a."OutletId" FROM "Articles" AS a
                    WHERE a."StoryId" = "Stories"."Id" AND a."PublishedUtc" IS NOT NULL
                    ORDER BY a."SortUtc", a."Id" LIMIT 1);
                UPDATE "Stories" SET "FirstReportOutletId" = NULL
                WHERE "FirstReportOutletId" IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM "Articles" AS o
                    WHERE o."StoryId" = "Stories"."Id" AND (o."OutletId" IS NULL OR o."OutletId" <> "Stories"."FirstReportOutletId"));
                UPDATE "Outlets" SET
                    "ArticleCount" = (SELECT COUNT(*) FROM "Articles" AS a WHERE a."OutletId" = "Outlets"."Id"),
                    "FirstReportCount" = (SELECT COUNT(*) FROM "Stories" AS s WHERE s."FirstReportOutletId" = "Outlets"."Id");
                INSERT INTO "OutletMonths" ("OutletId", "Month", "Articles")
                SELECT "OutletId", CAST(EXTRACT(YEAR FROM "SortUtc" AT TIME ZONE 'UTC') * 100 + EXTRACT(MONTH FROM "SortUtc" AT TIME ZONE 'UTC') AS integer), COUNT(*) FROM "Articles"
                WHERE "OutletId" IS NOT NULL AND "PublishedUtc" IS NOT NULL
                GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutletMonths");

            migrationBuilder.DropColumn(
                name: "ArticleCount",
                table: "Stories");

            migrationBuilder.DropColumn(
                name: "FirstReportOutletId",
                table: "Stories");

            migrationBuilder.DropColumn(
                name: "ArticleCount",
                table: "Outlets");

            migrationBuilder.DropColumn(
                name: "FirstReportCount",
                table: "Outlets");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "ContentChanges");
        }
    }
}

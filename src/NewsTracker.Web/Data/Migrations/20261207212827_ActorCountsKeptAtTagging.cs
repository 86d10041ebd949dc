using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActorCountsKeptAtTagging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActorArticles",
                columns: table => new
                {
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    SortUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: true),
                    Mentions = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedMentions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActorArticles", x => new { x.ActorId, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_ActorArticles_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActorArticles_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActorMonths",
                columns: table => new
                {
                    ActorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Mentions = table.Column<int>(type: "INTEGER", nullable: false),
                    Articles = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedMentions = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedArticles = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActorMonths", x => new { x.ActorId, x.Month });
                    table.ForeignKey(
                        name: "FK_ActorMonths_Actors_ActorId",
                        column: x => x.ActorId,
                        principalTable: "Actors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActorArticles_ActorId_SortUtc_ArticleId",
                table: "ActorArticles",
                columns: new[] { "ActorId", "SortUtc", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActorArticles_ArticleId",
                table: "ActorArticles",
                column: "ArticleId");

            // Existing archives start with true counts; from here on every tag write keeps them (Tagging/ActorCounts).
            migrationBuilder.Sql("""
                INSERT INTO "ActorArticles" ("ActorId", "ArticleId", "SortUtc", "Month", "Mentions", "ApprovedMentions")
                SELECT m."ActorId", m."ArticleId", a."SortUtc",
                    CASE WHEN a."PublishedUtc" IS NULL THEN NULL ELSE CAST(strftime('%Y%m', a."SortUtc") AS INTEGER) END,
                    COUNT(*), SUM(CASE WHEN m."Status" = 'Approved' THEN 1 ELSE 0 END)
                FROM "Annotations" AS m JOIN "Articles" AS a ON a."Id" = m."ArticleId"
                WHERE m."Kind" = 'ActorMention' AND m."ActorId" IS NOT NULL AND NOT m."IsOrphaned"
                GROUP BY m."ActorId", m."ArticleId", a."SortUtc", a."PublishedUtc";
                INSERT INTO "ActorMonths" ("ActorId", "Month", "Mentions", "Articles", "ApprovedMentions", "ApprovedArticles")
                SELECT "ActorId", "Month", SUM("Mentions"), COUNT(*), SUM("ApprovedMentions"), SUM(CASE WHEN "ApprovedMentions" > 0 THEN 1 ELSE 0 END)
                FROM "ActorArticles" WHERE "Month" IS NOT NULL
                GROUP BY "ActorId", "Month";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActorArticles");

            migrationBuilder.DropTable(
                name: "ActorMonths");
        }
    }
}

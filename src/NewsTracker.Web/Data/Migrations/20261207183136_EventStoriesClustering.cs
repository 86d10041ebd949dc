using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventStoriesClustering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EventTerms",
                table: "Articles",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StoryPinned",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "EventKeys",
                columns: table => new
                {
                    Term = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    SortUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventKeys", x => new { x.Term, x.SortUtc, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_EventKeys_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventTermCounts",
                columns: table => new
                {
                    Term = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Articles = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTermCounts", x => x.Term);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventKeys_ArticleId",
                table: "EventKeys",
                column: "ArticleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventKeys");

            migrationBuilder.DropTable(
                name: "EventTermCounts");

            migrationBuilder.DropColumn(
                name: "EventTerms",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "StoryPinned",
                table: "Articles");
        }
    }
}

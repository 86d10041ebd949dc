using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArticleAgencyCredit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Agency",
                table: "Articles",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Agency",
                table: "Articles");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations.Postgres
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
                type: "character varying(100)",
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

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActorApprovalForProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsApproved",
                table: "Actors",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Actors already there stay as readers see them when an editor (or the system: seeds, imports) made
            // them; a journalist's, as if it were new, waits for an editor or an approved tag.
            migrationBuilder.Sql("""
                UPDATE "Actors" SET "IsApproved" = 1
                WHERE "CreatedByUserId" IS NULL OR "CreatedByUserId" IN (
                    SELECT ur."UserId" FROM "AspNetUserRoles" AS ur JOIN "AspNetRoles" AS r ON r."Id" = ur."RoleId"
                    WHERE r."Name" IN ('Editor', 'Admin'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsApproved",
                table: "Actors");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Actors already there stay as readers see them when an editor (or the system: seeds, imports) made
            // them; a journalist's, as if it were new, waits for an editor or an approved tag.
            migrationBuilder.Sql("""
                UPDATE "Actors" SET "IsApproved" = true
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

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsTracker.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountsSignInThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignInFailureCounts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LastFailureUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BlockedUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInFailureCounts", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInFailureCounts");
        }
    }
}

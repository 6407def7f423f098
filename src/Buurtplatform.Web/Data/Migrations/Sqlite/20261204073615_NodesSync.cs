using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NodesSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntilUtc",
                table: "MailOutbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CacheVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheVersion", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CacheVersion",
                columns: new[] { "Id", "Version" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CacheVersion");

            // EF's SQLite generator refuses DropColumn; SQLite itself has had DROP COLUMN since 3.35.
            migrationBuilder.Sql("ALTER TABLE \"MailOutbox\" DROP COLUMN \"LeaseUntilUtc\";");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "IndexVersion",
                table: "SearchDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_IndexVersion",
                table: "SearchDocuments",
                column: "IndexVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchDocuments_IndexVersion",
                table: "SearchDocuments");

            // SQLite's own DROP COLUMN (3.35+), not EF's DropColumn: EF would rebuild SearchDocuments (copy,
            // drop, rename) after every other operation, and dropping the table drops the FTS5 triggers.
            migrationBuilder.Sql("ALTER TABLE SearchDocuments DROP COLUMN IndexVersion;");
        }
    }
}

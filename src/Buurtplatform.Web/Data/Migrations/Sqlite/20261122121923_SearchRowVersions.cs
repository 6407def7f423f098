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

            migrationBuilder.DropColumn(
                name: "IndexVersion",
                table: "SearchDocuments");

            // Dropping a column makes SQLite rebuild SearchDocuments, which drops the FTS5 triggers.
            SearchPrefixIndex.Recreate(migrationBuilder, SearchPrefixIndex.PrefixOption);
        }
    }
}

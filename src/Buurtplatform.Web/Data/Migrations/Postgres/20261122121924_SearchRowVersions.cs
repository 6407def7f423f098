using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_IndexVersion",
                table: "SearchDocuments",
                column: "IndexVersion");

            // Statistics for the new column now: without them the planner guesses that a third of the rows
            // are newer than any version asked for and reads the whole table instead of this index, until
            // autovacuum's next ANALYZE.
            migrationBuilder.Sql("ANALYZE \"SearchDocuments\";");
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
        }
    }
}

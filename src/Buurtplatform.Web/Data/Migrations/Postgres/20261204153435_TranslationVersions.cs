using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TranslationVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentVersions_NodeKey_Number",
                table: "ContentVersions");

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "ContentVersions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersions_NodeKey_Culture_Number",
                table: "ContentVersions",
                columns: new[] { "NodeKey", "Culture", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentVersions_NodeKey_Culture_Number",
                table: "ContentVersions");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "ContentVersions");

            migrationBuilder.CreateIndex(
                name: "IX_ContentVersions_NodeKey_Number",
                table: "ContentVersions",
                columns: new[] { "NodeKey", "Number" },
                unique: true);
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    TitleText = table.Column<string>(type: "text", nullable: false),
                    BodyText = table.Column<string>(type: "text", nullable: false),
                    Words = table.Column<string>(type: "text", nullable: false),
                    GemeenteId = table.Column<int>(type: "integer", nullable: false),
                    WijkId = table.Column<int>(type: "integer", nullable: false),
                    ActivityType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AgeBands = table.Column<int>(type: "integer", nullable: false),
                    DayMask = table.Column<int>(type: "integer", nullable: false),
                    IsFree = table.Column<bool>(type: "boolean", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchTerms",
                columns: table => new
                {
                    Word = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Documents = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchTerms", x => x.Word);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchDocuments_NodeKey",
                table: "SearchDocuments",
                column: "NodeKey",
                unique: true);

            // Full text (PostgreSQL only). dutch_unaccent = the built-in 'dutch' configuration with
            // unaccent before the Snowball stemmer (so é/ë/e meet), and unaccent before 'simple' for
            // words with digits, mirroring the C# analyzer (Search/DutchAnalyzer.cs). unaccent is a
            // trusted extension: a database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch);");
            migrationBuilder.Sql("""
                ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
                    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, dutch_stem;
                """);
            migrationBuilder.Sql("""
                ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
                    ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;
                """);
            // Generated columns: PostgreSQL recomputes them whenever a row's texts change, in the same
            // statement, so the index cannot lag behind the row. Title alone (for "matched in the title")
            // and title A + body B (for matching and ts_rank), the latter with a GIN index.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchDocuments"
                    ADD COLUMN "TitleVector" tsvector GENERATED ALWAYS AS (to_tsvector('dutch_unaccent', "TitleText")) STORED,
                    ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('dutch_unaccent', "TitleText"), 'A') ||
                        setweight(to_tsvector('dutch_unaccent', "BodyText"), 'B')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_SearchVector" ON "SearchDocuments" USING gin ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchDocuments");

            migrationBuilder.DropTable(
                name: "SearchTerms");

            // After the table: its generated columns depend on the configuration. unaccent stays (other code may use it).
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent;");
        }
    }
}

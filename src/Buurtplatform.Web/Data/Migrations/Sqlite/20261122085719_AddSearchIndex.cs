using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    TitleText = table.Column<string>(type: "TEXT", nullable: false),
                    BodyText = table.Column<string>(type: "TEXT", nullable: false),
                    Words = table.Column<string>(type: "TEXT", nullable: false),
                    GemeenteId = table.Column<int>(type: "INTEGER", nullable: false),
                    WijkId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AgeBands = table.Column<int>(type: "INTEGER", nullable: false),
                    DayMask = table.Column<int>(type: "INTEGER", nullable: false),
                    IsFree = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchDocuments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchTerms",
                columns: table => new
                {
                    Word = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Documents = table.Column<int>(type: "INTEGER", nullable: false)
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

            // Full text (SQLite only): an FTS5 table over the index rows' engine texts, which hold our
            // analyzer's Snowball stems; FTS5 only splits them on spaces and must not fold again.
            // External content: the text lives once, in SearchDocuments; triggers keep FTS5 in step in
            // the same transaction as every insert, update and delete of an index row.
            // NB: a later migration that makes SQLite rebuild SearchDocuments drops these triggers;
            // it must create them again and run INSERT INTO search_fts(search_fts) VALUES('rebuild').
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_fts USING fts5(
                    TitleText, BodyText,
                    content = 'SearchDocuments', content_rowid = 'Id',
                    tokenize = 'unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_fts_insert AFTER INSERT ON SearchDocuments BEGIN
                    INSERT INTO search_fts(rowid, TitleText, BodyText) VALUES (new.Id, new.TitleText, new.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_fts_delete AFTER DELETE ON SearchDocuments BEGIN
                    INSERT INTO search_fts(search_fts, rowid, TitleText, BodyText) VALUES ('delete', old.Id, old.TitleText, old.BodyText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_fts_update AFTER UPDATE OF TitleText, BodyText ON SearchDocuments BEGIN
                    INSERT INTO search_fts(search_fts, rowid, TitleText, BodyText) VALUES ('delete', old.Id, old.TitleText, old.BodyText);
                    INSERT INTO search_fts(rowid, TitleText, BodyText) VALUES (new.Id, new.TitleText, new.BodyText);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_fts;");

            migrationBuilder.DropTable(
                name: "SearchDocuments");

            migrationBuilder.DropTable(
                name: "SearchTerms");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Gives FTS5 prefix indexes for prefixes of 3 to 6 characters: the last word of every query is also
    /// searched as a prefix ("peuter*"), and without a prefix index FTS5 merges the lists of every term
    /// starting with it on each search (the largest cost of a broad query; see docs/performance.md).
    /// FTS5 cannot change the option of an existing table, so the table and its triggers are made again
    /// and rebuilt from SearchDocuments (external content: no index text is lost). SQLite only: PostgreSQL's
    /// GIN index answers prefix lexemes itself.
    /// </summary>
    public partial class SearchPrefixIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, PrefixOption);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "");

        private const string PrefixOption = "prefix = '3 4 5 6',";

        /// <summary>Makes search_fts and its triggers again and rebuilds it from SearchDocuments.</summary>
        private static void Recreate(MigrationBuilder migrationBuilder, string prefixOption)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_fts;");
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE search_fts USING fts5(
                    TitleText, BodyText,
                    content = 'SearchDocuments', content_rowid = 'Id',
                    {prefixOption}
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
            migrationBuilder.Sql("INSERT INTO search_fts(search_fts) VALUES('rebuild');");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtplatform.Web.Data;

/// <summary>
/// SQLite's full-text index over the search index rows, which EF's model cannot describe, so the SQLite
/// migrations create it here (searched by <c>Search/SqliteSearchEngine.cs</c>; see docs/search.md).
/// </summary>
/// <remarks>
/// <para>
/// An FTS5 table over the rows' engine texts, which hold our analyzer's Snowball stems; FTS5 only splits
/// them on spaces and must not fold again. External content: the text lives once, in SearchDocuments;
/// triggers keep FTS5 in step in the same transaction as every insert, update and delete of an index row.
/// </para>
/// <para>
/// Prefix indexes for prefixes of 3 to 6 characters: the last word of every query is also searched as a
/// prefix ("peuter*"), and without a prefix index FTS5 merges the lists of every term starting with it on
/// each search (the largest cost of a broad query; see docs/performance.md). PostgreSQL's GIN index
/// answers prefix lexemes itself.
/// </para>
/// <para>
/// A later migration that makes EF rebuild SearchDocuments (copy, drop, rename) drops the triggers with
/// the old table: it must create them again and run <c>INSERT INTO search_fts(search_fts) VALUES('rebuild')</c>.
/// FTS5 cannot change an option of an existing table either: drop and create it, then rebuild (external
/// content: no index text is lost). Once a migration that calls this has shipped, its SQL is part of that
/// migration: change the index in a new migration with SQL of its own, never here.
/// </para>
/// </remarks>
internal static class SqliteFullText
{
    /// <summary>Creates <c>search_fts</c> and its triggers; SearchDocuments must exist.</summary>
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE search_fts USING fts5(
                TitleText, BodyText,
                content = 'SearchDocuments', content_rowid = 'Id',
                prefix = '3 4 5 6',
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

    /// <summary>Drops the triggers and <c>search_fts</c> (with its shadow tables).</summary>
    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_update;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_delete;");
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS search_fts_insert;");
        migrationBuilder.Sql("DROP TABLE IF EXISTS search_fts;");
    }
}

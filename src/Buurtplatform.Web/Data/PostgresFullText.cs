using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtplatform.Web.Data;

/// <summary>
/// PostgreSQL's full text over the search index rows, which EF's model cannot describe, so the PostgreSQL
/// migrations create it here (searched by <c>Search/PostgresSearchEngine.cs</c>; see docs/search.md).
/// </summary>
/// <remarks>
/// <para>
/// <c>dutch_unaccent</c> = the built-in 'dutch' configuration with unaccent before the Snowball stemmer
/// (so é/ë/e meet), and unaccent before 'simple' for words with digits, mirroring the C# analyzer
/// (<c>Search/DutchAnalyzer.cs</c>). unaccent is a trusted extension: a database owner may create it.
/// </para>
/// <para>
/// Generated columns: PostgreSQL recomputes them whenever a row's texts change, in the same statement, so
/// the index cannot lag behind the row. Title alone (for "matched in the title") and title A + body B (for
/// matching and ts_rank), the latter with a GIN index.
/// </para>
/// <para>
/// Once a migration that calls this has shipped, its SQL is part of that migration: change the full text
/// in a new migration with SQL of its own, never here.
/// </para>
/// </remarks>
internal static class PostgresFullText
{
    /// <summary>Creates the text search configuration and SearchDocuments' tsvector columns; the table must exist.</summary>
    public static void Create(MigrationBuilder migrationBuilder)
    {
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
        migrationBuilder.Sql("""
            ALTER TABLE "SearchDocuments"
                ADD COLUMN "TitleVector" tsvector GENERATED ALWAYS AS (to_tsvector('dutch_unaccent', "TitleText")) STORED,
                ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('dutch_unaccent', "TitleText"), 'A') ||
                    setweight(to_tsvector('dutch_unaccent', "BodyText"), 'B')) STORED;
            """);
        migrationBuilder.Sql("""CREATE INDEX "IX_SearchDocuments_SearchVector" ON "SearchDocuments" USING gin ("SearchVector");""");
    }

    /// <summary>
    /// Drops the text search configuration; after SearchDocuments, whose generated columns depend on it.
    /// unaccent stays (other code may use it).
    /// </summary>
    public static void Drop(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent;");
}

using Buurtplatform.Web.Data;
using Buurtplatform.CompiledModels.Postgres;
using Buurtplatform.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Buurtplatform.Tests.Data;

/// <summary>
/// The site starts with EF Core's compiled models (<c>Data/CompiledModels/</c>), which saves building the model from the
/// entity configurations at every start. A compiled model does not follow a change to an entity or its configuration by
/// itself: these tests build the model from the configurations and compare every table, column, key, foreign key,
/// index and value conversion, so a stale compiled model fails here with the command that regenerates it.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "The compiled model is out of date: regenerate it as docs/development.md says (dotnet ef dbcontext optimize).";

    [Fact]
    public void TheSqliteCompiledModelIsTheModelTheConfigurationsDescribe()
    {
        var built = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        var compiled = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:")
            .UseModel(SqliteAppDbContextModel.Instance).Options);
        AssertSame(built, compiled);
    }

    [Fact]
    public void ThePostgresCompiledModelIsTheModelTheConfigurationsDescribe()
    {
        const string connection = "Host=localhost;Username=x;Database=x"; // never opened: only the model is read
        var built = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options);
        var compiled = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection)
            .UseModel(PostgresAppDbContextModel.Instance).Options);
        AssertSame(built, compiled);
    }

    [Fact]
    public void TheComparisonSeesAChangedColumn()
    {
        // The description below is what the two tests compare; it must show what a stale compiled model would get wrong.
        var sqlite = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Username=x;Database=x").Options);
        var a = Describe(sqlite.GetService<IDesignTimeModel>().Model);
        var b = Describe(postgres.GetService<IDesignTimeModel>().Model);
        Assert.Contains("Activities.Title", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b); // the store types differ between the providers
    }

    private static void AssertSame(AppDbContext built, AppDbContext compiled)
    {
        // Built from the configurations, not found through an assembly attribute (dotnet ef writes one; it is deleted).
        Assert.IsNotType<SqliteAppDbContextModel>(built.Model, exactMatch: false);
        Assert.IsNotType<PostgresAppDbContextModel>(built.Model, exactMatch: false);
        Assert.True(compiled.Model is SqliteAppDbContextModel or PostgresAppDbContextModel);
        var expected = Describe(built.GetService<IDesignTimeModel>().Model).Split('\n');
        var actual = Describe(compiled.Model).Split('\n');
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{Regenerate}\nIn the configurations only:\n  {string.Join("\n  ", missing.Take(20))}\nIn the compiled model only:\n  {string.Join("\n  ", extra.Take(20))}");
    }

    /// <summary>One line per table, column, key, foreign key, index and mapped property, sorted.</summary>
    private static string Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            lines.Add($"table {table.Name}");
            foreach (var c in table.Columns)
                lines.Add($"column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable} default={c.DefaultValueSql ?? c.DefaultValue?.ToString()}");
            if (table.PrimaryKey is { } pk)
                lines.Add($"pk {table.Name}({string.Join(",", pk.Columns.Select(c => c.Name))})");
            foreach (var fk in table.ForeignKeyConstraints)
                lines.Add($"fk {fk.Name} {table.Name}({string.Join(",", fk.Columns.Select(c => c.Name))}) -> {fk.PrincipalTable.Name}({string.Join(",", fk.PrincipalColumns.Select(c => c.Name))}) {fk.OnDeleteAction}");
            foreach (var ix in table.Indexes)
                lines.Add($"index {ix.Name} {table.Name}({string.Join(",", ix.Columns.Select(c => c.Name))}) unique={ix.IsUnique} filter={ix.Filter}");
            foreach (var uc in table.UniqueConstraints)
                lines.Add($"unique {uc.Name} {table.Name}({string.Join(",", uc.Columns.Select(c => c.Name))})");
        }

        foreach (var e in model.GetEntityTypes())
        {
            foreach (var p in e.GetProperties())
            {
                var mapping = p.GetTypeMapping();
                lines.Add($"property {e.GetTableName() ?? e.Name}.{p.Name} {p.ClrType.Name} column={p.GetColumnName()}"
                    + $" max={p.GetMaxLength()} concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated}"
                    + $" converter={(p.GetValueConverter() ?? mapping.Converter)?.GetType().Name} comparer={p.GetValueComparer().GetType().Name}");
            }

            foreach (var n in e.GetNavigations())
                lines.Add($"navigation {e.Name}.{n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection}");
            foreach (var filter in e.GetDeclaredQueryFilters())
                lines.Add($"filter {e.Name} {filter.Key} {filter.Expression}");
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}

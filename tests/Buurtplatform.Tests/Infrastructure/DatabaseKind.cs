namespace Buurtplatform.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>Runs a provider-sensitive test on SQLite and on PostgreSQL (OrchardCore's habit).</summary>
public static class Providers
{
    public static TheoryData<DatabaseKind> Both => new(DatabaseKind.Sqlite, DatabaseKind.Postgres);
}

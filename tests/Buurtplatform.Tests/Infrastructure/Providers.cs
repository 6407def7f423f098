namespace Buurtplatform.Tests.Infrastructure;

/// <summary>Runs a provider-sensitive test on SQLite and on PostgreSQL (OrchardCore's habit).</summary>
/// <remarks>
/// Here and not beside <see cref="DatabaseKind"/> in Buurtplatform.Testing: xunit.analyzers 1.27 throws (AD0001)
/// on a MemberData whose member lies in another assembly.
/// </remarks>
public static class Providers
{
    public static TheoryData<DatabaseKind> Both => new(DatabaseKind.Sqlite, DatabaseKind.Postgres);
}

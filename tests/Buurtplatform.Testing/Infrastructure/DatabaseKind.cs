namespace Buurtplatform.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run --project tools/Buurtplatform.Migrations -- <MigrationName> <path of src/Buurtplatform.Web>
// The provider design-time services are EF "internal" API (EF1001); this tool is their intended kind of caller.
#pragma warning disable EF1001
// Scaffolds one migration per provider into Data/Migrations/Sqlite and Data/Migrations/Postgres.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: Buurtplatform.Migrations <MigrationName> <web project folder>");
    return 2;
}

var (name, projectDir) = (args[0], Path.GetFullPath(args[1]));

Scaffold(new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options), "Sqlite");
Scaffold(new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options), "Postgres");
return 0;

void Scaffold(DbContext context, string provider)
{
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    var providerServices = provider == "Sqlite"
        ? (IDesignTimeServices)new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()
        : new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices();
    providerServices.ConfigureDesignTimeServices(services);
    using var sp = services.BuildServiceProvider();
    var scaffolder = sp.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Buurtplatform.Web", $"Data.Migrations.{provider}", "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Data", "Migrations", provider));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}

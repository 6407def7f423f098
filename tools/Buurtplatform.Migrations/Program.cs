using Buurtplatform.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run --project tools/Buurtplatform.Migrations -- <MigrationName> <path of src/Buurtplatform.Web>
//        dotnet run --project tools/Buurtplatform.Migrations -- --compiled-models <path of src/Buurtplatform.Web>
// The provider design-time services are EF "internal" API (EF1001); this tool is their intended kind of caller.
#pragma warning disable EF1001
// Scaffolds one migration per provider into Data/Migrations/Sqlite and Data/Migrations/Postgres, or (--compiled-models)
// regenerates the compiled models the site starts with into Data/CompiledModels/Sqlite and Data/CompiledModels/Postgres.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: Buurtplatform.Migrations <MigrationName>|--compiled-models <web project folder>");
    return 2;
}

var (name, projectDir) = (args[0], Path.GetFullPath(args[1]));
var compile = name == "--compiled-models";

Run(new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options), "Sqlite");
Run(new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options), "Postgres");
return 0;

void Run(DbContext context, string provider)
{
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    var providerServices = provider == "Sqlite"
        ? (IDesignTimeServices)new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices()
        : new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices();
    providerServices.ConfigureDesignTimeServices(services);
    using var sp = services.BuildServiceProvider();
    if (compile)
    {
        CompileModel(sp, context, provider);
        return;
    }

    var scaffolder = sp.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Buurtplatform.Web", $"Data.Migrations.{provider}", "C#");
    var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Data", "Migrations", provider));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}

// The model the entity configurations describe, written as code (what `dotnet ef dbcontext optimize` does). Its namespace is
// outside Buurtplatform.Web, where the feature namespaces (Buurtplatform.Web.Vision) would hide entity types of the same
// name (Vision). The assembly attribute EF writes as well is left out: the site names the model (DatabaseSetup), so a
// context built without it, as CompiledModelTests builds one, still reads the configurations.
void CompileModel(IServiceProvider sp, DbContext context, string provider)
{
    var folder = Path.Combine(projectDir, "Data", "CompiledModels", provider);
    if (Directory.Exists(folder))
        Directory.Delete(folder, recursive: true);
    var files = sp.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
        context.GetService<IDesignTimeModel>().Model, folder, new CompiledModelCodeGenerationOptions
        {
            ContextType = context.GetType(),
            ModelNamespace = $"Buurtplatform.CompiledModels.{provider}",
            Language = "C#",
            UseNullableReferenceTypes = true,
        });
    foreach (var attributes in files.Where(f => f.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal)))
        File.Delete(attributes);
    Console.WriteLine($"{provider}: {files.Count - 1} files in {folder}");
}

using Buurtplatform.Web.Audit;

namespace Buurtplatform.Web.Content;

public static class ContentSetup
{
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddScoped<ContentImporter>();
        services.AddScoped<Calendar.SchoolHolidayImport>();
        services.AddScoped<ContentExporter>();
        services.AddScoped<Translations.PageTranslations>(); // the translations a page shows, in the parent's language
        // Everything public in memory, replaced on every change: public pages and feeds read only this
        services.AddSingleton<Published.PublishedContentStore>();
        services.AddHostedService<Published.PublishedContentWarmUp>(); // the first snapshot, built as the site starts
        services.AddSingleton<Published.PublishedContentInterceptor>();
        services.AddScoped<Published.Published>();
        // {name:slug} in the content pages' routes: only valid slugs reach them, anything else is a 404.
        services.AddRouting(o => o.ConstraintMap["slug"] = typeof(SlugRouteConstraint));
        return services;
    }

    /// <summary>Brings the schema up to date and, on an empty database, imports the content folder.</summary>
    public static async Task InitialiseContentAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A first start migrates and imports for a while before the site answers: say what it is doing (docs: README).
        var progress = StartupProgress.Logger(app);
        var pending = (await db.Database.GetPendingMigrationsAsync()).Count();
        // A restart with the schema current and the content there (the usual case) needs neither the lock nor Migrate,
        // whose own checks (the model compared with the last migration's) cost about a tenth of a restart. The import is
        // one transaction, so content that is there is all there.
        var site = scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value;
        if (pending == 0 && (!site.ImportOnStart || await db.Gemeenten.AnyAsync()))
            return;
        if (pending > 0)
            progress.LogInformation("Migrating the database ({Count} migrations)…", pending);
        // Under one lock, so nodes starting together on an empty database migrate and import one after the
        // other: the second finds the schema current and the content there.
        await DatabaseLocks.RunExclusiveAsync(db, "migrations", async () =>
        {
            await db.Database.MigrateAsync();
            await ImportWhenEmptyAsync(app, scope.ServiceProvider, db, progress);
        });
    }

    private static async Task ImportWhenEmptyAsync(WebApplication app, IServiceProvider services, AppDbContext db, ILogger progress)
    {
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        if (site.ImportOnStart && !await db.Gemeenten.AnyAsync())
        {
            var path = SiteOptions.Resolve(app.Environment, site.ContentPath);
            progress.LogInformation("Importing {Path} into the empty database, photos included…", path);
            var result = await services.GetRequiredService<ContentImporter>().ImportAsync(path);
            await services.GetRequiredService<AuditLog>().RecordAsync(AuditAction.ContentImport, null,
                $"{path}: {result.Summary}", AuditActor.System);
        }
    }

    /// <summary>
    /// Runs a command instead of the site when one is given: <c>import [folder]</c> or <c>export folder</c>.
    /// Returns the process exit code, or null when no command was given.
    /// </summary>
    public static async Task<int?> RunContentCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal));
        if (command is not ("import" or "export" or "import-schoolvakanties"))
            return null;
        var rest = args.SkipWhile(a => a != command).Skip(1).Where(a => !a.StartsWith('-')).ToArray();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DatabaseLocks.MigrateAsync(db);
        var site = scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value;
        try
        {
            if (command == "import-schoolvakanties")
                return await ImportSchoolHolidaysAsync(scope.ServiceProvider, rest, dryRun: args.Contains("--dry-run"));
            if (command == "import")
            {
                var path = rest.Length > 0 ? Path.GetFullPath(rest[0]) : SiteOptions.Resolve(app.Environment, site.ContentPath);
                var result = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(path);
                Console.WriteLine($"Imported {path}: {result.Summary}.");
                // On stderr, like the errors, so a script that reads stdout sees the same summary; the exit code stays 0.
                if (result.Warnings.Count > 0)
                {
                    await Console.Error.WriteLineAsync($"Imported all the same, but check these {result.Warnings.Count} warning(s):" + Environment.NewLine
                        + string.Join(Environment.NewLine, result.Warnings.Select(w => "  warning: " + w)));
                }
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditAction.ContentImport, null,
                    $"{path}: {result.Summary}", AuditActor.Command("import"));
            }
            else
            {
                if (rest.Length == 0)
                {
                    await Console.Error.WriteLineAsync("Usage: export <folder>   (writes the content as umbraco-content files into the folder)");
                    return 2;
                }

                var path = Path.GetFullPath(rest[0]);
                var count = await scope.ServiceProvider.GetRequiredService<ContentExporter>().ExportAsync(path);
                Console.WriteLine($"Exported {count} files to {path}.");
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditAction.ContentExport, null,
                    $"{path}: {count} files", AuditActor.Command("export"));
            }

            return 0;
        }
        catch (ContentImportException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// <c>import-schoolvakanties file.json [--dry-run]</c>: the rijksoverheid school holidays into the holidays node,
    /// printing what changes; with <c>--dry-run</c> only printing it. A bad file changes nothing (exit code 1).
    /// </summary>
    private static async Task<int> ImportSchoolHolidaysAsync(IServiceProvider services, string[] rest, bool dryRun)
    {
        if (rest.Length == 0)
        {
            await Console.Error.WriteLineAsync("Gebruik: import-schoolvakanties <bestand.json> [--dry-run]   (de schoolvakanties van opendata.rijksoverheid.nl)");
            return 2;
        }

        var path = Path.GetFullPath(rest[0]);
        try
        {
            var import = services.GetRequiredService<Calendar.SchoolHolidayImport>();
            var plan = await import.PlanAsync(await File.ReadAllTextAsync(path));
            Console.WriteLine($"{path}: schooljaren {string.Join(", ", plan.SchoolYears)}, {plan.Changes.Count} wijziging(en).");
            foreach (var line in plan.Describe())
                Console.WriteLine("  " + line);
            if (!dryRun)
                await import.ApplyAsync(plan, Path.GetFileName(path), AuditActor.Command("import-schoolvakanties"));
            return 0;
        }
        catch (Exception e) when (e is Calendar.SchoolHolidayFileException or IOException)
        {
            await Console.Error.WriteLineAsync($"{path}: {e.Message}");
            return 1;
        }
    }
}

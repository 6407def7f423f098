using System.Diagnostics;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.NearMe;
using Buurtplatform.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Buurtplatform.Benchmarks;

/// <summary>
/// Search latency (p50, p95) over a generated corpus of 100,000 activities, and the index cost per
/// publish, on SQLite and PostgreSQL. Wall-clock percentiles of the whole search (plan, engine query,
/// facets, ranking, loading one page), which is what a parent waits for; BenchmarkDotNet's means
/// would hide the tail. Run: dotnet run -c Release --project tests/Buurtplatform.Benchmarks -- search [sqlite|postgres] [count]
/// (PostgreSQL: BUURTPLATFORM_TEST_POSTGRES, as scripts/test.sh exports it).
/// </summary>
public static class SearchLatency
{
    private static readonly string[] Queries =
    [
        "babybootcamp", "zingen peuter", "taalplezier", "voorlezen bibliotheek", "koffieochtend moeders", "spelinloop",
        "babybootcmap", "taalpl", "peuter", "ouders", "bewegen dreumes", "schilderswijk", "zwolle zuid wijkboerderij",
        "gezongen", "liedjes", "kletsen koffie", "moerwijk spelen", "groningen", "xyzzy", "peuters zingen gratis",
    ];

    private static readonly string[] Words =
    [
        "peuter", "baby", "dreumes", "kleuter", "ouders", "kinderen", "samen", "spelen", "zingen", "liedjes", "boekjes", "voorlezen",
        "bewegen", "dansen", "knutselen", "koffie", "thee", "praten", "kletsen", "taal", "woorden", "buurt", "wijk", "ontmoeten",
        "slapen", "eten", "opvoeden", "vragen", "gratis", "welkom", "binnenlopen", "speelgoed", "matten", "muziek", "rijmpjes",
        "prentenboek", "oma", "opa", "vader", "moeder", "verzorger", "broertje", "zusje", "tuin", "buiten", "binnen", "verhalen",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args.Length > 1 ? args[1] : "sqlite";
        var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var (db, cleanup) = Create(kind);
        try
        {
            await db.Database.MigrateAsync();
            // BUURTPLATFORM_BENCH_KEEP reuses a corpus a previous run kept (generating it takes minutes on a busy machine).
            if (await db.Activities.CountAsync() < count)
            {
                var root = FindRoot();
                await new ContentImporter(db, NullLogger<ContentImporter>.Instance).ImportAsync(Path.Combine(root, "umbraco-content"));

                // The corpus, written through SaveChanges like any publish, so the index is built the real way.
                var bulk = Stopwatch.StartNew();
                await GenerateAsync(db, count);
                bulk.Stop();
                Console.WriteLine($"{kind}: generated {count:N0} activities with their index rows in {bulk.Elapsed.TotalSeconds:0.0} s ({bulk.Elapsed.TotalMilliseconds * 1000 / count:0} µs per activity, batches of 1,000)");
            }

            Console.WriteLine($"{kind}: {await db.SearchDocuments.CountAsync():N0} index rows, {await db.SearchTerms.CountAsync():N0} vocabulary words");

            // Publish cost: change one activity's text and save (content + index in one transaction).
            var ids = await db.Activities.OrderBy(a => a.Id).Select(a => a.Id).Take(400).ToListAsync();
            var publish = new List<double>();
            foreach (var id in ids)
            {
                db.ChangeTracker.Clear();
                var a = await db.Activities.SingleAsync(x => x.Id == id);
                a.Summary += " Nu ook met rijmpjes.";
                var sw = Stopwatch.StartNew();
                await db.SaveChangesAsync();
                publish.Add(sw.Elapsed.TotalMilliseconds);
            }

            // The same save without the index: a change the indexer ignores (no content node touched is impossible), so
            // measure the content UPDATE alone with ExecuteUpdate for comparison.
            var plain = new List<double>();
            foreach (var id in ids)
            {
                var sw = Stopwatch.StartNew();
                await db.Activities.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedUtc, DateTime.UtcNow));
                plain.Add(sw.Elapsed.TotalMilliseconds);
            }

            Report($"{kind}: publish one activity (SaveChanges, content + index)", publish.Skip(50).ToList());
            Report($"{kind}: the same row UPDATE without index work", plain.Skip(50).ToList());

            db.ChangeTracker.Clear();
            var calendar = new ActivityCalendar(TimeProvider.System, db);
            var snapshots = new SearchIndexSnapshotCache(0); // no match cache: every search is answered anew (by the in-memory index)
            var cold = new SearchService(db, calendar, Options.Create(new SearchOptions()), snapshots);
            foreach (var q in Queries)
                await cold.SearchAsync(new SearchQuery { Text = q }, null, default); // warm-up: JIT, snapshot, SQLite page cache

            // Cold: no answer is cached (the match cache is off), as the first search for these words after a publish:
            // every search is matched and ranked anew by the in-memory index (Search:InMemoryIndex, the default).
            var all = new List<double>();
            var stages = new SearchStages();
            cold.Stages = stages;
            var gc = GcCounts();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Cpu();
            foreach (var q in Queries)
            {
                var (times, total) = await TimeAsync(db, cold, new SearchQuery { Text = q }, null, 25);
                all.AddRange(times);
                Report($"{kind}: cold \"{q}\" ({total:N0} results)", times);
            }

            var coldCpu = Cpu() - cpu;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var gcAfter = GcCounts();
            cold.Stages = null;
            Report($"{kind}: COLD, ALL QUERIES", all, coldCpu);
            // Where a cold search's time goes (Stopwatch marks inside SearchService), and what it allocates.
            Console.WriteLine($"{kind}: COLD, BY STAGE: " + string.Join(", ", SearchStages.Names.Select((name, i) => $"{name} {Percentiles(stages.Times[i])}")));
            Console.WriteLine($"{kind}: COLD, managed allocation {allocated / 1024.0 / all.Count:N0} KB per search; collections over {all.Count} searches: "
                + $"gen0 {gcAfter.Gen0 - gc.Gen0}, gen1 {gcAfter.Gen1 - gc.Gen1}, gen2 {gcAfter.Gen2 - gc.Gen2}");

            // The same cold searches answered by the database's engine (Search:InMemoryIndex off), as before the
            // in-memory index: both in one run, so they are compared under the same load.
            var engineCold = new SearchService(db, calendar, Options.Create(new SearchOptions()), new SearchIndexSnapshotCache(0, inMemoryIndex: false));
            foreach (var q in Queries)
                await engineCold.SearchAsync(new SearchQuery { Text = q }, null, default);
            var engineAll = new List<double>();
            cpu = Cpu();
            foreach (var q in Queries)
                engineAll.AddRange((await TimeAsync(db, engineCold, new SearchQuery { Text = q }, null, 10)).Times);
            Report($"{kind}: COLD, ENGINE (Search:InMemoryIndex off), ALL QUERIES", engineAll, Cpu() - cpu);

            // The in-memory index on its own: reading the snapshot whole and building the index, its size, and the
            // match with BM25 for every match (what a cold search adds to a warm one), per query.
            var loadWatch = Stopwatch.StartNew();
            var snapshot = await SearchIndexSnapshot.LoadAsync(db, await db.SearchIndexState.Where(s => s.Id == SearchIndexState.SingletonId).Select(s => s.Version).SingleAsync(), withTerms: true, default);
            loadWatch.Stop();
            Console.WriteLine($"{kind}: snapshot read whole with its in-memory index in {loadWatch.Elapsed.TotalMilliseconds:0} ms: "
                + $"{snapshot.Terms!.TermCount:N0} terms, {snapshot.Terms.Postings:N0} postings ({snapshot.Terms.Postings * 6.0 / 1048576:0.0} MB of posting arrays)");
            var planner = new SearchService(db, calendar, Options.Create(new SearchOptions()));
            var matchAll = new List<double>();
            foreach (var q in Queries)
            {
                var (plan, _, _) = await planner.PlanAsync(q, default);
                var matchTimes = new List<double>();
                for (var i = 0; i < 26; i++)
                {
                    var sw = Stopwatch.StartNew();
                    snapshot.Terms.Match(plan);
                    if (i > 0)
                        matchTimes.Add(sw.Elapsed.TotalMilliseconds); // the first one warms up
                }

                matchAll.AddRange(matchTimes);
                Report($"{kind}: in-memory match alone \"{q}\"", matchTimes);
            }

            Report($"{kind}: IN-MEMORY MATCH ALONE (TermIndex.Match, ids + title ids + BM25 of every match), ALL QUERIES", matchAll);

            // A new app instance's first search: it reads the snapshot whole and builds the in-memory index. And the
            // managed heap one snapshot holds (facet fields and index; measured as the heap's growth while one is kept).
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var loads = new List<double>();
            SearchIndexSnapshotCache? kept = null;
            for (var i = 0; i < 3; i++)
            {
                kept = new SearchIndexSnapshotCache(0);
                var fresh = new SearchService(db, calendar, Options.Create(new SearchOptions()), kept);
                loads.AddRange((await TimeAsync(db, fresh, new SearchQuery { Text = "xyzzy" }, null, 1)).Times);
            }

            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(kept);

            // The same with the snapshot built at start (Search:WarmOnStart, the default: SearchIndexWarmup calls WarmAsync
            // as the host starts): the build's own time, then the instance's first search.
            var warmups = new List<double>();
            var afterWarmup = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var started = new SearchIndexSnapshotCache(0);
                var sw = Stopwatch.StartNew();
                await started.WarmAsync(db, default);
                warmups.Add(sw.Elapsed.TotalMilliseconds);
                var fresh = new SearchService(db, calendar, Options.Create(new SearchOptions()), started);
                afterWarmup.AddRange((await TimeAsync(db, fresh, new SearchQuery { Text = "xyzzy" }, null, 1)).Times);
            }

            string Ms(List<double> times) => string.Join(", ", times.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
            Console.WriteLine($"{kind}: first search of a new instance (reads the snapshot, builds the in-memory index): "
                + string.Join(", ", loads.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture))) + " ms; "
                + $"heap held by one snapshot: {(heapAfter - heapBefore) / 1048576.0:0.0} MB");
            Console.WriteLine($"{kind}: with Search:WarmOnStart, the build at start: {Ms(warmups)} ms; then the instance's first search: {Ms(afterWarmup)} ms");

            // Warm: the match cache on (the default), each query asked once before; what every later search
            // for the same words costs until the next publish.
            var warm = new SearchService(db, calendar, Options.Create(new SearchOptions()), new SearchIndexSnapshotCache());
            foreach (var q in Queries)
                await warm.SearchAsync(new SearchQuery { Text = q }, null, default);
            var warmAll = new List<double>();
            cpu = Cpu();
            foreach (var q in Queries)
                warmAll.AddRange((await TimeAsync(db, warm, new SearchQuery { Text = q }, null, 25)).Times);
            Report($"{kind}: WARM, ALL QUERIES", warmAll, Cpu() - cpu);

            // A parent's session on a warm cache: the words, then a gemeente, then free only, then a postcode,
            // then page 2 (each step a new request with the same words).
            var session = new List<double>();
            var haag = new GeoPoint(52.0705, 4.3007);
            foreach (var q in Queries)
            {
                var steps = new (SearchQuery Query, GeoPoint? Origin)[]
                {
                    (new SearchQuery { Text = q, Gemeenten = ["den-haag"] }, null),
                    (new SearchQuery { Text = q, Gemeenten = ["den-haag"], FreeOnly = true }, null),
                    (new SearchQuery { Text = q, Gemeenten = ["den-haag"], FreeOnly = true }, haag),
                    (new SearchQuery { Text = q, Gemeenten = ["den-haag"], FreeOnly = true, Page = 2 }, haag),
                };
                foreach (var (query, origin) in steps)
                    session.AddRange((await TimeAsync(db, warm, query, origin, 5)).Times);
            }

            Report($"{kind}: WARM, A PARENT NARROWING DOWN (gemeente, free, postcode, page 2)", session);

            // The same narrowing steps cold, to show what the cache saves on them.
            var coldSession = new List<double>();
            foreach (var q in Queries)
            {
                coldSession.AddRange((await TimeAsync(db, cold, new SearchQuery { Text = q, Gemeenten = ["den-haag"], FreeOnly = true }, haag, 5)).Times);
            }

            Report($"{kind}: COLD, gemeente + free + postcode", coldSession);

            // A busy day: parents' searches (the 20 queries in turn) with a professional publishing after every
            // 50th. A publish raises the index version, so the next search reloads the facet snapshot and every
            // query is cold once more.
            var mixed = new List<double>();
            var afterPublish = new List<double>();
            var publishIds = ids.Skip(350).Take(10).ToList();
            for (var i = 0; i < 500; i++)
            {
                if (i % 50 == 0)
                {
                    db.ChangeTracker.Clear();
                    var a = await db.Activities.SingleAsync(x => x.Id == publishIds[i / 50]);
                    a.Summary += " Ook in de vakantie.";
                    await db.SaveChangesAsync();
                }

                var (times, _) = await TimeAsync(db, warm, new SearchQuery { Text = Queries[i % Queries.Length] }, null, 1);
                mixed.AddRange(times);
                if (i % 50 == 0)
                    afterPublish.AddRange(times);
            }

            Report($"{kind}: MIXED, 500 searches with a publish before every 50th (match cache on)", mixed);
            Report($"{kind}: MIXED, the first search after each publish (reloads the snapshot)", afterPublish);
            return 0;
        }
        finally
        {
            await db.DisposeAsync();
            cleanup();
        }
    }

    private static async Task<(List<double> Times, int Total)> TimeAsync(AppDbContext db, SearchService search, SearchQuery query, GeoPoint? origin, int runs)
    {
        var times = new List<double>();
        var total = 0;
        for (var i = 0; i < runs; i++)
        {
            db.ChangeTracker.Clear();
            var sw = Stopwatch.StartNew();
            var r = await search.SearchAsync(query, origin, default);
            times.Add(sw.Elapsed.TotalMilliseconds);
            total = r.Total;
        }

        return (times, total);
    }

    private static (int Gen0, int Gen1, int Gen2) GcCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    private static string Percentiles(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double P(double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p50 {P(0.50):0.00} p95 {P(0.95):0.00} mean {(sorted.Count == 0 ? 0 : sorted.Average()):0.00}");
    }

    /// <summary>This process's CPU time so far (all threads).</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <param name="cpu">
    /// This process's CPU time over the searches, reported as a mean per search: unlike wall-clock time it hardly grows
    /// when other processes compete for the cores. It includes SQLite's work (in process), not PostgreSQL's (a server).
    /// </param>
    private static void Report(string what, List<double> ms, TimeSpan? cpu = null)
    {
        var sorted = ms.Order().ToList();
        double P(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        var perSearch = cpu is { } c ? $", CPU {c.TotalMilliseconds / sorted.Count:0.0} ms per search (mean)" : "";
        Console.WriteLine($"{what}: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, max {sorted[^1]:0.0} ms (n={sorted.Count}){perSearch}");
    }

    private static async Task GenerateAsync(AppDbContext db, int count)
    {
        var places = await db.MeetingPlaces.Include(p => p.Wijk).Include(p => p.HostPartner).AsNoTracking().ToListAsync();
        var random = new Random(20261123);
        var types = ActivityTypes.All.ToArray();
        for (var done = 0; done < count; done += 1000)
        {
            db.ChangeTracker.Clear();
            for (var i = done; i < Math.Min(count, done + 1000); i++)
            {
                var place = places[random.Next(places.Count)];
                var type = types[random.Next(types.Length)];
                string Sentence() => string.Join(' ', Enumerable.Range(0, 8 + random.Next(8)).Select(_ => Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 2))])) + ".";
                var from = random.Next(0, 48);
                var start = new DateOnly(2025, 1, 6).AddDays(random.Next(0, 700));
                db.Activities.Add(new Web.Activities.Activity
                {
                    Key = Guid.NewGuid(),
                    Slug = $"gen-{i}",
                    State = PublishState.Published,
                    CreatedUtc = DateTime.UtcNow,
                    UpdatedUtc = DateTime.UtcNow,
                    WijkId = place.WijkId,
                    MeetingPlaceId = place.Id,
                    OrganiserId = place.HostPartnerId,
                    Title = $"{ActivityTypes.ToSlug(type).Replace('-', ' ')} {Words[random.Next(Words.Length)]} {i}",
                    Type = type,
                    Summary = Sentence(),
                    Body = string.Join(' ', Enumerable.Range(0, 4).Select(_ => Sentence())),
                    AgeFromMonths = from,
                    AgeToMonths = Math.Min(72, from + 12 + random.Next(36)),
                    Languages = ["nl"],
                    IsFree = random.Next(3) > 0,
                    CostAmount = null,
                    Schedule = new ActivitySchedule
                    {
                        StartDate = start,
                        StartTime = new TimeOnly(9 + random.Next(8), 0),
                        EndTime = new TimeOnly(9 + random.Next(8), 0).AddHours(1),
                        Repeat = random.Next(4) == 0 ? Repeat.Once : Repeat.Weekly,
                        Days = [(DayOfWeek)random.Next(7)],
                        Until = random.Next(2) == 0 ? start.AddDays(120) : null,
                    },
                });
            }

            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>A folder (SQLite) or the fixed database name bp_bench_kept (PostgreSQL) whose corpus is kept and reused.</summary>
    private static string? Keep => Environment.GetEnvironmentVariable("BUURTPLATFORM_BENCH_KEEP") is { Length: > 0 } k ? k : null;

    private static (AppDbContext Db, Action Cleanup) Create(string kind)
    {
        if (kind == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("BUURTPLATFORM_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set BUURTPLATFORM_TEST_POSTGRES (scripts/test.sh shows how a throwaway cluster is started).");
            var name = Keep is null ? "bp_bench_" + Guid.NewGuid().ToString("N")[..8] : "bp_bench_kept";
            using (var conn = new NpgsqlConnection(admin))
            {
                conn.Open();
                using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", conn);
                if ((long)exists.ExecuteScalar()! == 0)
                {
                    using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                    cmd.ExecuteNonQuery();
                }
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).Options);
            return (db, () =>
            {
                NpgsqlConnection.ClearAllPools();
                if (Keep is not null)
                    return;
                using var conn = new NpgsqlConnection(admin);
                conn.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                cmd.ExecuteNonQuery();
            });
        }

        var dir = Keep ?? Directory.CreateTempSubdirectory("bp-bench-").FullName;
        Directory.CreateDirectory(dir);
        var sqlite = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "bench.db")}").Options);
        return (sqlite, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Keep is not null)
                return;
            Directory.Delete(dir, recursive: true);
        });
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Buurtplatform.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Cannot find Buurtplatform.sln above " + AppContext.BaseDirectory);
    }
}

using System.Text.Json;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Infrastructure.Caching;
using NodaTime;

namespace Buurtplatform.Web.Calendar;

/// <summary>A school-holiday file that cannot be imported; the message says why, in Dutch, for staff.</summary>
public sealed class SchoolHolidayFileException(string message) : Exception(message);

/// <summary>One change an import makes to one region's holidays.</summary>
public sealed record HolidayChange(HolidayRegion Region, string Name, HolidayChangeKind Kind, DateOnly? OldFrom, DateOnly? OldTo, DateOnly? NewFrom, DateOnly? NewTo);

public enum HolidayChangeKind
{
    Added,
    Changed,
    Removed,
}

/// <summary>What a rijksoverheid file holds, and what importing it would change.</summary>
public sealed record SchoolHolidayPlan(IReadOnlyList<string> SchoolYears, IReadOnlyList<HolidayPeriod> Periods, IReadOnlyList<HolidayChange> Changes)
{
    /// <summary>One line per change, for the command line and the audit entry.</summary>
    public IEnumerable<string> Describe() => Changes.Select(c => c.Kind switch
    {
        HolidayChangeKind.Added => $"{Region(c.Region)}: {c.Name} toegevoegd ({c.NewFrom:yyyy-MM-dd} t/m {c.NewTo:yyyy-MM-dd})",
        HolidayChangeKind.Changed => $"{Region(c.Region)}: {c.Name} gewijzigd ({c.OldFrom:yyyy-MM-dd} t/m {c.OldTo:yyyy-MM-dd} wordt {c.NewFrom:yyyy-MM-dd} t/m {c.NewTo:yyyy-MM-dd})",
        _ => $"{Region(c.Region)}: {c.Name} verwijderd (was {c.OldFrom:yyyy-MM-dd} t/m {c.OldTo:yyyy-MM-dd})",
    });

    private static string Region(HolidayRegion region) => region.ToString().ToLowerInvariant();
}

/// <summary>
/// Imports the national government's school holidays (open data, info type <c>schoolholidays</c>, one JSON document
/// per school year, as opendata.rijksoverheid.nl serves it) into the holidays node. The periods of the school years
/// in the file replace those the node has for the same school years (a school year runs from 1 August); other
/// years stay. A file is read whole and checked before anything changes: a bad file changes nothing.
/// </summary>
public sealed class SchoolHolidayImport(AppDbContext db, AuditLog audit, CacheChanges cache, TimeProvider clock)
{
    private static readonly HolidayRegion[] AllRegions = [HolidayRegion.Noord, HolidayRegion.Midden, HolidayRegion.Zuid];

    /// <summary>Reads the file (with or without the <c>{"content": […]}</c> wrapper) and compares it with the node.</summary>
    /// <exception cref="SchoolHolidayFileException">The file is not a school-holiday file we can import.</exception>
    public async Task<SchoolHolidayPlan> PlanAsync(string json, CancellationToken ct = default)
    {
        var (years, periods) = Parse(json);
        var current = await db.SchoolHolidays.AsNoTracking().FirstOrDefaultAsync(ct);
        var kept = current?.Periods.Where(p => !years.Contains(SchoolYearOf(p.From))).ToList() ?? [];
        var replaced = current?.Periods.Where(p => years.Contains(SchoolYearOf(p.From))).ToList() ?? [];
        var changes = new List<HolidayChange>();
        foreach (var region in AllRegions)
        {
            var before = replaced.Where(p => p.AppliesTo(region)).ToDictionary(p => p.Name, StringComparer.Ordinal);
            var after = periods.Where(p => p.AppliesTo(region)).ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var (name, now) in after)
            {
                if (!before.TryGetValue(name, out var was))
                    changes.Add(new HolidayChange(region, name, HolidayChangeKind.Added, null, null, now.From, now.To));
                else if ((was.From, was.To) != (now.From, now.To))
                    changes.Add(new HolidayChange(region, name, HolidayChangeKind.Changed, was.From, was.To, now.From, now.To));
            }

            changes.AddRange(before.Where(b => !after.ContainsKey(b.Key))
                .Select(b => new HolidayChange(region, b.Key, HolidayChangeKind.Removed, b.Value.From, b.Value.To, null, null)));
        }

        return new SchoolHolidayPlan([.. years.Order(StringComparer.Ordinal)], [.. kept.Concat(periods).OrderBy(p => p.From).ThenBy(p => p.Regions, StringComparer.Ordinal)],
            [.. changes.OrderBy(c => c.Region).ThenBy(c => c.NewFrom ?? c.OldFrom)]);
    }

    /// <summary>
    /// Writes the plan's periods to the holidays node in one transaction with its audit entry and the cache change
    /// (every page and feed may show holiday-skipping dates), then evicts the pages on every node. The search index
    /// follows through SaveChanges, as for any change to the node. Returns false when nothing changed.
    /// </summary>
    public async Task<bool> ApplyAsync(SchoolHolidayPlan plan, string source, AuditActor? actor, CancellationToken ct = default)
    {
        if (plan.Changes.Count == 0)
            return false;
        var strategy = db.Database.CreateExecutionStrategy();
        var change = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var holidays = await db.SchoolHolidays.FirstOrDefaultAsync(ct);
            if (holidays is null)
            {
                holidays = new SchoolHolidays { Key = Guid.NewGuid(), Slug = "schoolvakanties", CreatedUtc = clock.GetUtcNow().UtcDateTime };
                db.SchoolHolidays.Add(holidays);
            }

            holidays.Periods = [.. plan.Periods.Select(p => new HolidayPeriod { Name = p.Name, Regions = p.Regions, From = p.From, To = p.To })];
            holidays.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            var detail = $"{source}: schooljaren {string.Join(", ", plan.SchoolYears)}; {string.Join("; ", plan.Describe())}";
            audit.Record(AuditAction.SchoolHolidaysImported, "schoolvakanties",
                detail.Length > AuditLog.DetailMaxLength ? detail[..(AuditLog.DetailMaxLength - 1)] + "…" : detail, actor);
            await db.SaveChangesAsync(ct);
            var recorded = await cache.RecordAsync([CachePolicies.ContentTag], ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return recorded;
        });
        await cache.EvictAsync(change, ct);
        return true;
    }

    /// <summary>The school year ("2026-2027") a holiday starting on <paramref name="from"/> belongs to: years run from 1 August.</summary>
    public static string SchoolYearOf(DateOnly from)
    {
        var first = from.Month >= 8 ? from.Year : from.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{first}-{first + 1}");
    }

    /// <summary>The school years in the file and their periods, one per holiday and set of regions with the same dates.</summary>
    public static (HashSet<string> Years, List<HolidayPeriod> Periods) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SchoolHolidayFileException($"Dit is geen geldig JSON-bestand (regel {e.LineNumber + 1}). Gebruik het JSON-bestand van opendata.rijksoverheid.nl (schoolholidays).");
        }

        using (document)
        {
            var root = document.RootElement;
            // Rijksoverheid's answer wraps the school years: {"id", "type": "schoolholidays", "content": [{"schoolyear", "vacations"}]}.
            var years = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array
                ? [.. content.EnumerateArray()]
                : root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : new List<JsonElement> { root };
            if (years.Count == 0 || years.Any(y => y.ValueKind != JsonValueKind.Object || !y.TryGetProperty("vacations", out var v) || v.ValueKind != JsonValueKind.Array))
                throw new SchoolHolidayFileException("Het bestand heeft niet de vorm van de schoolvakanties van de Rijksoverheid: elk schooljaar moet 'vacations' hebben, met per vakantie 'type' en 'regions'.");

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var periods = new List<HolidayPeriod>();
            foreach (var year in years)
            {
                var schoolYear = Text(year, "schoolyear")?.Trim() ?? throw new SchoolHolidayFileException("Een schooljaar in het bestand heeft geen 'schoolyear' (zoals \"2026-2027\").");
                if (schoolYear.Length != 9 || !int.TryParse(schoolYear[..4], CultureInfo.InvariantCulture, out var first) || schoolYear[4] != '-'
                    || !int.TryParse(schoolYear[5..], CultureInfo.InvariantCulture, out var second) || second != first + 1)
                {
                    throw new SchoolHolidayFileException($"'{schoolYear}' is geen schooljaar; verwacht wordt bijvoorbeeld \"2026-2027\".");
                }

                if (!seen.Add(schoolYear))
                    throw new SchoolHolidayFileException($"Het schooljaar {schoolYear} staat twee keer in het bestand.");

                foreach (var vacation in year.GetProperty("vacations").EnumerateArray())
                    periods.AddRange(Vacation(schoolYear, vacation));
            }

            foreach (var region in AllRegions)
            {
                var own = periods.Where(p => p.AppliesTo(region)).OrderBy(p => p.From).ToList();
                foreach (var (a, b) in own.Zip(own.Skip(1)).Where(pair => pair.Second.From <= pair.First.To))
                    throw new SchoolHolidayFileException($"{a.Name} en {b.Name} overlappen in regio {region.ToString().ToLowerInvariant()} ({a.From:yyyy-MM-dd} t/m {a.To:yyyy-MM-dd} en {b.From:yyyy-MM-dd} t/m {b.To:yyyy-MM-dd}).");
            }

            return (seen, periods);
        }
    }

    private static IEnumerable<HolidayPeriod> Vacation(string schoolYear, JsonElement vacation)
    {
        // Rijksoverheid's type names end in a space ("Herfstvakantie "); trimmed, they are the holiday's name.
        var type = Text(vacation, "type")?.Trim();
        if (string.IsNullOrEmpty(type) || !vacation.TryGetProperty("regions", out var regions) || regions.ValueKind != JsonValueKind.Array)
            throw new SchoolHolidayFileException($"Een vakantie in schooljaar {schoolYear} heeft geen 'type' of geen 'regions'.");

        var byDates = new List<(DateOnly From, DateOnly To, List<string> Regions)>();
        foreach (var entry in regions.EnumerateArray())
        {
            var regionText = Text(entry, "region")?.Trim().ToLowerInvariant();
            string[] names = regionText switch
            {
                "noord" or "midden" or "zuid" => [regionText],
                "heel nederland" => ["noord", "midden", "zuid"],
                _ => throw new SchoolHolidayFileException($"Onbekende regio '{regionText}' bij {type} {schoolYear}; de regio's zijn noord, midden, zuid en heel Nederland."),
            };
            var from = Date(entry, "startdate", type, schoolYear);
            var to = Date(entry, "enddate", type, schoolYear);
            if (to < from)
                throw new SchoolHolidayFileException($"{type} {schoolYear} ({regionText}) eindigt op {to:yyyy-MM-dd}, voor het begin op {from:yyyy-MM-dd}.");
            if (SchoolYearOf(from) != schoolYear)
                throw new SchoolHolidayFileException($"{type} ({regionText}) begint op {from:yyyy-MM-dd}, buiten schooljaar {schoolYear}.");
            var same = byDates.FindIndex(d => d.From == from && d.To == to);
            if (same >= 0)
                byDates[same].Regions.AddRange(names);
            else
                byDates.Add((from, to, [.. names]));
        }

        foreach (var (from, to, names) in byDates)
        {
            // "Kerstvakantie 2026", named by the year it starts, like the holidays staff typed in before: re-importing one matches it.
            yield return new HolidayPeriod
            {
                Name = $"{type} {from.Year}",
                Regions = string.Join(',', AllRegions.Select(r => r.ToString().ToLowerInvariant()).Where(names.Contains)),
                From = from,
                To = to,
            };
        }
    }

    /// <summary>
    /// Rijksoverheid writes a date as UTC midnight ("2026-10-17T00:00:00.000Z"); older files have local midnight in UTC
    /// ("2019-10-18T22:00:00.000Z" for 19 October). The Amsterdam date of the instant is right for both, and a plain
    /// date ("2026-10-17") is taken as it is.
    /// </summary>
    private static DateOnly Date(JsonElement entry, string name, string type, string schoolYear)
    {
        var text = Text(entry, name)?.Trim();
        if (text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain))
            return plain;
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return Instant.FromDateTimeOffset(instant).InZone(Buurtplatform.Calendar.SiteZone.Zone).Date.ToDateOnly();
        throw new SchoolHolidayFileException($"'{text}' bij {type} {schoolYear} ({name}) is geen datum.");
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

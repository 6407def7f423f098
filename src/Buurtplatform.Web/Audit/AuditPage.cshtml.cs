using Buurtplatform.Web.Backoffice;
using NodaTime;

namespace Buurtplatform.Web.Audit;

/// <summary>
/// The audit log for administrators: filter by who (part of the actor's name or e-mail), what (the action)
/// and a date range in Amsterdam time; newest first, a page at a time. The filters are a GET form, so a
/// filtered view can be bookmarked.
/// </summary>
[AdministratorOnly]
public sealed class AuditPageModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "wie")]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true, Name = "wat")]
    public string? What { get; set; }

    [BindProperty(SupportsGet = true, Name = "van")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "tot")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public List<AuditEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool BadDates { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Who))
        {
            var who = Who.Trim().ToLowerInvariant();
            // EF translates ToLower() to SQL lower(), the same on SQLite and PostgreSQL; no .NET culture is involved.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(e => e.ActorName.ToLower().Contains(who));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrEmpty(What) && AuditAction.All.Contains(What))
            query = query.Where(e => e.Action == What);

        var from = ParseDay(From);
        var to = ParseDay(To);
        BadDates = (!string.IsNullOrEmpty(From) && from is null) || (!string.IsNullOrEmpty(To) && to is null);
        if (from is { } f)
        {
            var fromUtc = StartOfDayUtc(f);
            query = query.Where(e => e.OccurredUtc >= fromUtc);
        }

        if (to is { } t)
        {
            var toUtc = StartOfDayUtc(t.PlusDays(1)); // the whole "to" day is included
            query = query.Where(e => e.OccurredUtc < toUtc);
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await query.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>The URL of another page with the same filters.</summary>
    public string PageUrl(int page)
    {
        var q = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                q.Add($"{name}={Uri.EscapeDataString(value)}");
        }

        Add("wie", Who);
        Add("wat", What);
        Add("van", From);
        Add("tot", To);
        q.Add($"pagina={page}");
        return $"{BackofficePaths.AuditLog}?{string.Join('&', q)}";
    }

    private static LocalDate? ParseDay(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? LocalDate.FromDateOnly(d) : null;

    private static DateTime StartOfDayUtc(LocalDate day) =>
        day.AtStartOfDayInZone(Buurtplatform.Calendar.SiteZone.Zone).ToDateTimeUtc();
}

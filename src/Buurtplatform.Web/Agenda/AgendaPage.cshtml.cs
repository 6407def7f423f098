using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Data;
using Buurtplatform.Web.Infrastructure;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Agenda;

[OutputCache(PolicyName = CachePolicies.PublicPage)]
public sealed class AgendaPageModel(AppDbContext db, ActivityCalendar calendar) : PageModel
{
    /// <summary>The agenda shows the coming four weeks.</summary>
    public const int DaysAhead = 28;

    public AgendaFilter Filter { get; private set; } = new();

    public List<(string Field, string Problem)> Problems { get; private set; } = [];

    public List<ActivityOccurrence> Occurrences { get; private set; } = [];

    public List<Wijk> Wijken { get; private set; } = [];

    public List<string> Languages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        HttpContext.Tag(CacheTags.Listings);
        Filter = AgendaFilter.Parse(Request.Query, out var problems);
        Problems = problems;
        Wijken = await db.PublicWijken().Include(w => w.Gemeente)
            .OrderBy(w => w.Gemeente.Name).ThenBy(w => w.Name).ToListAsync(ct);
        if (Filter.Wijk is { } wijk && !Wijken.Any(w => $"{w.Gemeente.Slug}/{w.Slug}" == wijk))
        {
            Problems.Add(("wijk", "Agenda.Problem.Wijk"));
            Filter = Filter with { Wijk = null };
        }

        var activities = await db.PublicActivities().ToListAsync(ct);
        Languages = activities.SelectMany(a => a.Languages).Distinct().Order(StringComparer.Ordinal).ToList();
        Occurrences = calendar.Upcoming(activities.Where(Filter.Matches), calendar.Today, calendar.Today.PlusDays(DaysAhead))
            .Where(Filter.Matches)
            .ToList();
    }
}

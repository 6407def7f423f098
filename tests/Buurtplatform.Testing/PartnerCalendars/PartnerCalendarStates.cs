using System.Text;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.PartnerCalendars;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.PartnerCalendars;

/// <summary>
/// A wijk's partner calendars in every state the two staff pages show, made through the import and moderation services
/// (as the pages do): for the HTML checker and axe, which then only look.
/// </summary>
public static class PartnerCalendarStates
{
    /// <summary>The calendars made, by what they show.</summary>
    public sealed record Made(int WijkId, int WithEvents, int Refused, int SwitchedOff, int ReturnedEventId);

    /// <summary>
    /// In <paramref name="wijkSlug"/>: a calendar whose events are new, changed (published, then changed at the source),
    /// published, ignored, gone from the source (waiting for confirmation) and back after being taken offline; one with a
    /// refused file's message; one switched off that was never fetched.
    /// </summary>
    public static async Task<Made> MakeAsync(SiteFactory site, string wijkSlug)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Buurtplatform.Web.Data.AppDbContext>();
        var import = scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>();
        var publishing = scope.ServiceProvider.GetRequiredService<PartnerEventPublishing>();
        var wijkId = await db.Wijken.Where(w => w.Slug == wijkSlug).Select(w => w.Id).SingleAsync();
        var partners = await db.Partners.Where(p => p.WijkId == wijkId).OrderBy(p => p.Id).Select(p => p.Id).Take(3).ToListAsync();
        var placeId = await db.MeetingPlaces.Where(p => p.WijkId == wijkId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var withEvents = await AddAsync(db, now, wijkId, partners[0], "Agenda van de bibliotheek", null);
        var refused = await AddAsync(db, now, wijkId, partners[1 % partners.Count], "Agenda van het CJG", "https://agenda.example.nl/cjg.ics");
        var off = await AddAsync(db, now, wijkId, partners[2 % partners.Count], "Agenda van de buurtkamer", "https://agenda.example.nl/buurtkamer.ics");

        Assert.True(await import.UploadAsync(withEvents, File("new", "changed", "published", "ignored", "removed", "returned"), AuditActor.System));
        int Id(string name) => db.PartnerEvents.AsNoTracking().Single(e => e.PartnerCalendarId == withEvents && e.Uid == name + "@bibliotheek.example.nl").Id;
        foreach (var name in new[] { "changed", "published", "removed", "returned" })
            Assert.True((await publishing.PublishAsync(wijkId, Id(name), placeId, ActivityType.Voorlezen, AuditActor.System)).Ok);
        Assert.True((await publishing.IgnoreAsync(wijkId, Id("ignored"), AuditActor.System)).Ok);
        db.ChangeTracker.Clear();
        Assert.True(await import.UploadAsync(withEvents, File("new", "changed*", "published", "ignored"), AuditActor.System));
        db.ChangeTracker.Clear();
        Assert.True((await publishing.ConfirmRemovalAsync(wijkId, Id("returned"), AuditActor.System)).Ok);
        db.ChangeTracker.Clear();
        Assert.True(await import.UploadAsync(withEvents, File("new", "changed*", "published", "ignored", "returned"), AuditActor.System));
        db.ChangeTracker.Clear();

        Assert.False(await import.UploadAsync(refused, Encoding.Latin1.GetBytes("BEGIN:VCALENDAR\r\nSUMMARY:café\r\nEND:VCALENDAR\r\n"), AuditActor.System));
        await db.PartnerCalendars.Where(c => c.Id == off).ExecuteUpdateAsync(u => u.SetProperty(c => c.Enabled, false));
        return new Made(wijkId, withEvents, refused, off, Id("returned"));
    }

    private static async Task<int> AddAsync(Buurtplatform.Web.Data.AppDbContext db, DateTime now, int wijkId, int partnerId, string name, string? url)
    {
        var calendar = new PartnerCalendar { WijkId = wijkId, PartnerId = partnerId, Name = name, Url = url, CreatedUtc = now };
        db.PartnerCalendars.Add(calendar);
        await db.SaveChangesAsync();
        return calendar.Id;
    }

    /// <summary>A calendar with one weekly event per name (a trailing * changes its title and time), on Wednesdays from March 2027.</summary>
    private static byte[] File(params string[] names)
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Buurtplatform tests//NL\r\n");
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var changed = name.EndsWith('*');
            var uid = name.TrimEnd('*');
            text.Append("BEGIN:VEVENT\r\n")
                .Append("UID:").Append(uid).Append("@bibliotheek.example.nl\r\n")
                .Append("DTSTAMP:20261101T120000Z\r\n")
                .Append("DTSTART;TZID=Europe/Amsterdam:202703").Append((3 + i).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(changed ? "T100000\r\n" : "T093000\r\n")
                .Append("DTEND;TZID=Europe/Amsterdam:202703").Append((3 + i).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append("T110000\r\n")
                .Append("RRULE:FREQ=WEEKLY;COUNT=6\r\n")
                .Append("SUMMARY:Voorlezen ").Append(uid).Append(changed ? " (nieuwe tijd)" : "").Append("\r\n")
                .Append("DESCRIPTION:Voorlezen voor peuters in de bibliotheek.\r\n")
                .Append("LOCATION:Bibliotheek, zaal ").Append((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("END:VEVENT\r\n");
        }

        return Encoding.UTF8.GetBytes(text.Append("END:VCALENDAR\r\n").ToString());
    }
}

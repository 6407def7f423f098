using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.PartnerCalendars;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.PartnerCalendars;

/// <summary>Two nodes on one PostgreSQL, both running the partner-calendar round: each source is fetched once per due round, not once per node.</summary>
public sealed class SeveralNodesPartnerCalendarTests
{
    [Fact]
    public async Task TwoNodesRunningTheRoundAtOnceFetchEachDueCalendarOnce()
    {
        // The server takes a while to answer, so both nodes' rounds overlap: the advisory lock, not luck, keeps the second out.
        using var server = new PartnerCalendarTests.CalendarServer { Body = IcsParserTests.Fixture("google.ics"), Delay = TimeSpan.FromMilliseconds(500) };
        using var a = new SiteFactory(DatabaseKind.Postgres);
        a.Settings["PartnerCalendars:AllowPrivateAddresses"] = "true";
        _ = a.HttpsClient();
        using var b = a.OtherNode();
        _ = b.HttpsClient();
        var calendarId = await a.WithDbAsync(async db =>
        {
            var wijk = await db.Wijken.Where(w => w.Slug == "moerwijk").Select(w => w.Id).SingleAsync();
            var partner = await db.Partners.Where(p => p.WijkId == wijk).Select(p => p.Id).FirstAsync();
            var calendar = new PartnerCalendar { WijkId = wijk, PartnerId = partner, Name = "Agenda", Url = server.Url, CreatedUtc = a.Clock.GetUtcNow().UtcDateTime };
            db.PartnerCalendars.Add(calendar);
            await db.SaveChangesAsync();
            return calendar.Id;
        });

        static async Task<int> RoundAsync(SiteFactory node)
        {
            await using var scope = node.Scope();
            return await scope.ServiceProvider.GetRequiredService<PartnerCalendarImport>().RunDueAsync(TestContext.Current.CancellationToken);
        }

        var first = await Task.WhenAll(Task.Run(() => RoundAsync(a)), Task.Run(() => RoundAsync(b)));
        Assert.Equal(1, first.Sum());
        Assert.Equal(1, server.Requests);
        Assert.Equal(2, await a.WithDbAsync(db => db.PartnerEvents.CountAsync(e => e.PartnerCalendarId == calendarId)));

        // Not due yet: neither node asks. An interval later (the nodes share the clock): once again, a 304 to the ETag.
        var notDue = await Task.WhenAll(Task.Run(() => RoundAsync(a)), Task.Run(() => RoundAsync(b)));
        Assert.Equal(0, notDue.Sum());
        Assert.Equal(1, server.Requests);
        a.Clock.Advance(TimeSpan.FromHours(1));
        var second = await Task.WhenAll(Task.Run(() => RoundAsync(a)), Task.Run(() => RoundAsync(b)));
        Assert.Equal((1, 2, 1), (second.Sum(), server.Requests, server.NotModifiedAnswers));
        Assert.Equal(1, await a.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == Web.Audit.AuditAction.PartnerCalendarImported && e.Detail!.StartsWith("not modified"))));
    }
}

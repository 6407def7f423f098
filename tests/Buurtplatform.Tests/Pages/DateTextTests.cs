using System.Globalization;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Buurtplatform.Tests.Pages;

/// <summary>Dates as parents read them: a date in another year says which year, one in this year does not.</summary>
public sealed class DateTextTests
{
    [Fact]
    public async Task ADateOutsideThisYearCarriesItsYearAndTheNewYearStartsInAmsterdam()
    {
        using var site = new SiteFactory();
        await using var scope = site.Scope();
        var dates = scope.ServiceProvider.GetRequiredService<DateText>();
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("nl-NL");
        try
        {
            // The test clock: Monday 23 November 2026.
            Assert.Equal("dinsdag 8 december", dates.Day(new LocalDate(2026, 12, 8)));
            Assert.Equal("dinsdag 5 januari 2027", dates.Day(new LocalDate(2027, 1, 5)));
            Assert.Equal("maandag 29 december 2025", dates.Day(new LocalDate(2025, 12, 29)));

            // 31 December 23.30 UTC is already 1 January in Amsterdam: 2027 is this year there.
            site.Clock.Now = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero);
            Assert.Equal("dinsdag 5 januari", dates.Day(new LocalDate(2027, 1, 5)));
            Assert.Equal("donderdag 31 december 2026", dates.Day(new LocalDate(2026, 12, 31)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}

using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Tests.SignUps;

public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void EasterSundayIsComputed(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WorkingDays.EasterSunday(year));

    [Fact]
    public void TheDutchPublicHolidaysOf2025IncludeLiberationDayInALustrumYear()
    {
        Assert.Equal(
            ["2025-01-01", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"],
            WorkingDays.Holidays(2025).Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void LiberationDayCountsOnlyEveryFiveYearsUnlessConfigured()
    {
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 5, 5)));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2025, 5, 5)));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 5, 5), liberationDayEveryYear: true));
    }

    [Fact]
    public void KingsDayOnASundayMovesToSaturday() =>
        Assert.Contains(new DateOnly(2025, 4, 26), WorkingDays.Holidays(2025)); // 27 April 2025 is a Sunday

    [Theory]
    [InlineData("2026-11-23", 2, "2026-11-25")] // Monday → Wednesday
    [InlineData("2026-11-27", 2, "2026-12-01")] // Friday → Tuesday
    [InlineData("2026-12-24", 2, "2026-12-29")] // Christmas and Boxing Day, then the weekend
    [InlineData("2027-05-05", 2, "2027-05-10")] // Ascension Day (6 May 2027) and the weekend
    [InlineData("2027-04-01", 2, "2027-04-05")] // Good Friday (2 April) is a working day
    public void AddingWorkingDaysSkipsWeekendsAndHolidays(string from, int days, string expected)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(DateOnly.Parse(expected, culture), WorkingDays.Add(DateOnly.Parse(from, culture), days));
    }
}

public sealed class MailLogTests
{
    [Theory]
    [InlineData("Mailbox unavailable. The server response was: 5.1.1 <ouder@example.nl>: Recipient address rejected", "Mailbox unavailable. The server response was: 5.1.1 <<address>>: Recipient address rejected")]
    [InlineData("Failure sending mail. (Connection refused 127.0.0.1:25)", "Failure sending mail. (Connection refused 127.0.0.1:25)")]
    public void MailServerRefusalsReachTheLogWithoutTheParentsAddress(string message, string logged) =>
        Assert.Equal(logged, Buurtplatform.Web.Mail.OutboxSender.WithoutAddresses(message));
}

using Buurtplatform.Tests.Accounts;

namespace Buurtplatform.Tests.SignUps;

/// <summary>The reminder job on a fixed clock: the day before, once, only with a place and an e-mail, and off per activity.</summary>
public sealed class JobsTests
{
    [Fact]
    public async Task AReminderGoesTheDayBeforeAtTheStartTimeOnceToParentsWithAPlaceAndAnEmail()
    {
        using var site = SignUpKit.Site();
        await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 1);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Plek", email: "plek@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Wacht", email: "wacht@example.nl"));
        await site.DeliverAllMailAsync();

        // Monday 25 January 2027, 19.29 in Amsterdam: not yet; 19.30: the reminder.
        site.Clock.Now = new DateTimeOffset(2027, 1, 25, 18, 29, 0, TimeSpan.Zero);
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendRemindersAsync(CancellationToken.None)));
        site.Clock.Now = new DateTimeOffset(2027, 1, 25, 18, 30, 0, TimeSpan.Zero);
        Assert.Equal(1, await site.WithJobsAsync(j => j.SendRemindersAsync(CancellationToken.None)));
        site.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendRemindersAsync(CancellationToken.None)));

        var reminder = Assert.Single(await site.DeliverAllMailAsync(), m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal));
        Assert.Equal("plek@example.nl", reminder.To);
        Assert.Contains("dinsdag 26 januari, 19.30–21.00 uur", reminder.Body);
        Assert.Contains("Kunt u niet komen?", reminder.Body);
    }

    [Fact]
    public async Task TheReminderIsConfigurablePerActivity()
    {
        using var site = SignUpKit.Site();
        await site.SettingsAsync(SignUpKit.Evening, s => s.SendReminder = false);
        await site.SettingsAsync(SignUpKit.Course, s => s.ReminderDaysBefore = 3);
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Uit", email: "uit@example.nl"));
        await site.SignUpAsync(client, SignUpKit.Course, SignUpKit.Parent("Drie", email: "drie@example.nl"));

        // The course's first date is Thursday 7 January 2027 at 9.30: three days before is Monday 4 January, 9.30.
        site.Clock.Now = new DateTimeOffset(2027, 1, 4, 8, 30, 0, TimeSpan.Zero);
        Assert.Equal(1, await site.WithJobsAsync(j => j.SendRemindersAsync(CancellationToken.None)));
        site.Clock.Now = new DateTimeOffset(2027, 1, 25, 19, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, await site.WithJobsAsync(j => j.SendRemindersAsync(CancellationToken.None)));
        Assert.Equal(["drie@example.nl"], (await site.DeliverAllMailAsync()).Where(m => m.Subject.StartsWith("Herinnering", StringComparison.Ordinal)).Select(m => m.To));
    }
}

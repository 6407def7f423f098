using System.Net;
using AngleSharp.Html.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Tests.SignUps;

/// <summary>Capacity under concurrency: the places of a date are handed out once, in commit order, on both providers.</summary>
public sealed class CapacityConcurrencyTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoHundredSimultaneousSignUpsForTwentyPlacesGiveTwentyPlacesAndAWaitlistOf180InOrder(DatabaseKind kind)
    {
        using var site = SignUpKit.Site(kind);
        await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 20);
        var client = site.HttpsClient();
        var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        var fields = Forms.Fields((IHtmlFormElement)doc.QuerySelector("form.signup-form")!);

        // One form (token and time stamp) sent by 200 parents at the same moment.
        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(1, 200).Select(async i =>
        {
            var values = fields.Where(f => !SignUpKit.Parent("x").ContainsKey(f.Key) && f.Key != "Input.Date").ToList();
            values.AddRange(SignUpKit.Parent($"Ouder{i}", email: $"ouder{i}@example.nl"));
            values.Add(new("Input.Date", "2027-01-26"));
            await start.WaitAsync();
            return await client.PostAsync(SignUpKit.Form(SignUpKit.Evening), new FormUrlEncodedContent(values));
        }).ToList();
        start.Release(200);
        var responses = await Task.WhenAll(posts);

        var failed = responses.Count(r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.True(failed == 0, $"{failed} of 200 sign-ups failed:\n" + string.Join("\n", site.Logs.Entries
            .Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}: {e.Exception?.Message}").Distinct().Take(5)));

        // Every parent got the acknowledgement (a redirect to the confirmation page) …
        Assert.All(responses, r => Assert.Equal((HttpStatusCode.Redirect, "/den-haag/moerwijk/activiteiten/peutergedrag-avond/aanmelden/klaar"), (r.StatusCode, r.Headers.Location?.OriginalString)));

        // … and every acknowledged sign-up is stored, once.
        var rows = await site.SignUpsAsync();
        Assert.Equal(200, rows.Count);
        Assert.Equal(200, rows.Select(r => r.Email).Distinct().Count());
        Assert.Single(rows.Select(r => r.SlotId).Distinct());

        // The sequence is the order of commit: 1..200 without gaps or repeats; the first 20 have the places.
        var bySequence = rows.OrderBy(r => r.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), bySequence.Select(r => r.Sequence));
        Assert.All(bySequence.Take(20), r => Assert.Equal(SignUpState.New, r.State));
        Assert.All(bySequence.Skip(20), r => Assert.Equal(SignUpState.Waitlisted, r.State));
        Assert.Equal(20, rows.Count(r => r.State.HoldsPlace()));
        Assert.Equal(180, rows.Count(r => r.State == SignUpState.Waitlisted));

        // Waitlist order follows the sequence, and the parents' mails told each their own place in line.
        var mails = await site.DeliverAllMailAsync();
        var toParents = mails.Where(m => m.To.StartsWith("ouder", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, toParents.Count);
        for (var place = 1; place <= 180; place++)
        {
            var parent = bySequence[19 + place];
            var mail = Assert.Single(toParents, m => m.To == parent.Email);
            Assert.Contains($"U bent nummer {place}.", mail.Body);
        }

        Assert.All(bySequence.Take(20), p => Assert.Contains("Er is een plek voor u.", Assert.Single(toParents, m => m.To == p.Email).Body));

        var slot = await site.WithDbAsync(db => Task.FromResult(db.SignUpSlots.Single()));
        Assert.Equal((200, 200, 180, 200L), (slot.TotalSignUps, slot.TotalChildren, slot.TotalWaitlisted, slot.LastSequence));
    }
}

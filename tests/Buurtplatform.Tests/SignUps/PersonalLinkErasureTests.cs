using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Tests.SignUps;

/// <summary>"Verwijder al mijn gegevens" behind a personal link: what one link may erase, and what its answer may tell.</summary>
public sealed class PersonalLinkErasureTests
{
    [Fact]
    public async Task ALinkErasesOnlyItsOwnSignUpsAndThoseOfTheAddressItWasMailedToNeverAnotherParentsByPhoneNumber()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();

        // Fatma: by phone only, and once more with her own address and the same number.
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Fatma", phone: "06-12 34 56 78"), date: "2026-12-01");
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Fatma", email: "fatma@example.nl", phone: "0612345678"), date: "2026-12-15");
        // Mallory signs up with her own address and Fatma's number in another spelling (it normalises to the same),
        // and once more with her address alone.
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Mallory", email: "mallory@example.nl", phone: "+31 6 1234 5678"), date: "2026-12-08");
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Mallory", email: "mallory@example.nl"));
        Assert.Equal(3, (await site.SignUpsAsync()).Count(s => s.Phone == "0612345678"));

        var mallorysLink = new Uri((await site.DeliverAllMailAsync()).First(m => m.To == "mallory@example.nl").Link("/mijn-aanmelding/")).AbsolutePath;
        var page = await client.GetDocumentAsync(mallorysLink);
        Assert.DoesNotContain("telefoonnummer", page.QuerySelector("#verwijderen-kop + p").Text()); // the text promises only what the link does
        var deleted = await client.FollowAsync(await client.SubmitAsync(page, mallorysLink, [], "form[action$='handler=Delete']"));

        // Both of Mallory's sign-ups are gone (the link went to that address); both of Fatma's stay.
        Assert.Contains("2 aanmeldingen verwijderd", deleted.MainText());
        var left = await site.SignUpsAsync();
        Assert.Equal(["Fatma", "Fatma"], left.Select(s => s.FirstName));
        Assert.All(left, s => Assert.NotEqual(SignUpState.Cancelled, s.State));
    }

    [Fact]
    public async Task TheCountShownSaysNothingAboutOtherParentsWithTheSameNumber()
    {
        // The same link, once with and once without another parent's sign-up on the number it typed: the answer is the same.
        async Task<string> AnswerAsync(bool otherParentExists)
        {
            using var site = SignUpKit.Site();
            var client = site.HttpsClient();
            if (otherParentExists)
                await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Fatma", phone: "0612345678"), date: "2026-12-01");
            await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Mallory", email: "mallory@example.nl", phone: "06 1234 5678"), date: "2026-12-08");
            var link = new Uri(Assert.Single(await site.DeliverAllMailAsync(), m => m.To == "mallory@example.nl").Link("/mijn-aanmelding/")).AbsolutePath;
            var deleted = await client.FollowAsync(await client.SubmitAsync(await client.GetDocumentAsync(link), link, [], "form[action$='handler=Delete']"));
            Assert.Equal(otherParentExists ? 1 : 0, (await site.SignUpsAsync()).Count);
            return deleted.MainText();
        }

        var alone = await AnswerAsync(otherParentExists: false);
        Assert.Contains("1 aanmelding verwijderd", alone);
        Assert.Equal(alone, await AnswerAsync(otherParentExists: true));
    }
}

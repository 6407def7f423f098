using System.Net;
using AngleSharp.Dom;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.SignUps;

/// <summary>A parent's first name goes into mails and staff pages: no links, addresses or markup get through the form.</summary>
public sealed class FirstNameTests
{
    private const string Message = "Vul alleen uw voornaam in: letters, spaties, een koppelteken (-) of een apostrof ('). Een link, e-mailadres of andere tekens kunnen hier niet.";

    [Fact]
    public async Task ANameWithALinkAnAddressOrMarkupComesBackWithADutchMessageAndNothingIsStoredOrMailed()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        string[] refused =
        [
            "https://winactie.example/prijs", "Amina www.winactie.nl", "Amina winactie.nl", "Amina <b>gratis</b>", "<script>x</script>",
            "amina@example.nl", "Klik: bit.ly/abc", "Amina\u202Eln.etis", "Amina winactie123.nl", "=HYPERLINK(\"x\")",
        ];
        foreach (var name in refused)
        {
            var response = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent(name, email: "amina@example.nl"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var doc = await response.ParseAsync();
            Assert.Equal(["#voornaam"], doc.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
            Assert.Equal("Fout: " + Message, doc.QuerySelector("#voornaam-fout").Text().Trim());
            Assert.Equal(name, doc.QuerySelector("#voornaam")!.GetAttribute("value")); // what was typed stays, to correct it
        }

        Assert.Empty(await site.SignUpsAsync());
        Assert.Empty(await site.DeliverAllMailAsync());
    }

    [Fact]
    public async Task NamesFromEveryLanguageOnTheFormAreAccepted()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        string[] names = ["Anne-Marie", "D'Angelo", "O\u2019Brien", "Zoë", "محمد", "Nguyễn Thị", "J. P.", "ፍሬ ሕይወት", "Ayşe", "Оксана", "فاطمه\u200Cزهرا"];
        for (var i = 0; i < names.Length; i++)
        {
            var response = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent(names[i], email: $"ouder{i}@example.nl"));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{names[i]} was refused");
        }

        Assert.Equal(names, (await site.SignUpsAsync()).Select(s => s.FirstName));
    }
}

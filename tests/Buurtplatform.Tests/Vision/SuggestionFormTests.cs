using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Vision.Suggestions;

namespace Buurtplatform.Tests.Vision;

/// <summary>"Wat vindt u?": the parents' form under the vision, its thank-you page, its spam measures.</summary>
public sealed class SuggestionFormTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task AnIdeaIsStoredForItsSectionAndTheThankYouPageSaysWhenAndGivesThePersonalLinkThatWasAlsoMailed(DatabaseKind kind)
    {
        using var site = SuggestionKit.Site(kind);
        var client = site.HttpsClient();
        var vision = await client.GetDocumentAsync(SuggestionKit.Vision);
        var link = vision.QuerySelectorAll("#deel-2 ~ .ideas a").Single();
        Assert.Equal(SuggestionKit.Form + "?deel=2", link.GetAttribute("href"));
        Assert.StartsWith("Wat vindt u? Geef een idee of reactie", link.Text());

        var form = await client.GetDocumentAsync(SuggestionKit.Form + "?deel=2");
        Assert.Equal("2", form.QuerySelector("#deel option[selected]")!.GetAttribute("value"));
        Assert.Equal("nl", form.QuerySelector("#taal option[selected]")!.GetAttribute("value"));
        Assert.Equal("no-store", (await client.GetAsync(SuggestionKit.Form)).Headers.CacheControl?.ToString());

        var response = await site.SendIdeaAsync(client, SuggestionKit.Idea("Een koffieochtend voor vaders op zaterdag.", email: " Sanne@Example.NL ", name: "Sanne"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SuggestionKit.Form + "/klaar", response.Headers.Location!.OriginalString);
        var done = await client.FollowAsync(response);
        Assert.Equal("Dank u wel!", done.QuerySelector("h1").Text());
        Assert.Contains("binnen 10 werkdagen", done.MainText());
        Assert.Contains("7 december", done.MainText()); // ten working days after Monday 23 November
        var personal = done.QuerySelector(".personal-link a")!.GetAttribute("href")!;
        Assert.Contains("/mijn-idee/", personal);

        var idea = Assert.Single(await site.IdeasAsync());
        Assert.Equal((SuggestionState.New, SuggestionKit.Section2, "Een koffieochtend voor vaders op zaterdag.", "nl", "Sanne", true, "sanne@example.nl"),
            (idea.State, idea.SectionHeading, idea.Text, idea.Language, idea.FirstName, idea.ShowName, idea.Email));
        Assert.False(idea.IsExample);
        Assert.NotNull(idea.TokenHash);

        var mail = Assert.Single(await site.DeliverAllMailAsync());
        Assert.Equal("sanne@example.nl", mail.To);
        Assert.Equal(personal, mail.Link("/mijn-idee/"));
        Assert.Contains("7 december", mail.Body);

        // Nothing is public before an editor has read it; opening the thank-you page again shows no link.
        Assert.DoesNotContain("koffieochtend voor vaders", (await client.GetDocumentAsync(SuggestionKit.Vision)).MainText());
        Assert.Null((await client.GetDocumentAsync(SuggestionKit.Form + "/klaar")).QuerySelector(".personal-link"));
    }

    [Fact]
    public async Task WithoutAnEmailAddressTheIdeaIsAnonymousHasNoLinkAndNoMailAndATypedNameIsNotKept()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();
        var values = SuggestionKit.Idea("Meer bankjes bij de speeltuin.", section: "0");
        values["Input.FirstName"] = "Piet"; // typed, but "anoniem" chosen

        var done = await client.FollowAsync(await site.SendIdeaAsync(client, values));

        Assert.Null(done.QuerySelector(".personal-link"));
        Assert.Contains("geen e-mailadres", done.MainText());
        var idea = Assert.Single(await site.IdeasAsync());
        Assert.Equal(("", null, false, null, null), (idea.SectionHeading, idea.FirstName, idea.ShowName, idea.Email, idea.TokenHash));
        Assert.Empty(await site.DeliverAllMailAsync());
    }

    [Fact]
    public async Task AnEmptyOrTooLongTextAMissingNameAndABadAddressComeBackWithErrorsAndEverythingTyped()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();

        var empty = await site.SendIdeaAsync(client, SuggestionKit.Idea("   ", email: "geen-adres", name: ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var page = await empty.ParseAsync();
        var summary = page.QuerySelector(".error-summary").Text();
        Assert.Contains("Schrijf uw idee of reactie", summary);
        Assert.Contains("Schrijf uw voornaam, of kies voor anoniem", summary);
        Assert.Contains("e-mailadres", summary);
        Assert.Equal("geen-adres", page.QuerySelector("#email")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#tonen-naam")!.HasAttribute("checked"));

        var text = new string('a', 1001);
        var tooLong = await (await site.SendIdeaAsync(client, SuggestionKit.Idea(text))).ParseAsync();
        Assert.Contains("te lang: 1001 tekens", tooLong.QuerySelector(".error-summary").Text());
        Assert.Equal(text, tooLong.QuerySelector("#tekst").Text());
        Assert.Equal("true", tooLong.QuerySelector("#tekst")!.GetAttribute("aria-invalid"));

        var badSection = await (await site.SendIdeaAsync(client, SuggestionKit.Idea("Goed idee", section: "99"))).ParseAsync();
        Assert.Contains("Kies over welk deel", badSection.QuerySelector(".error-summary").Text());

        Assert.Empty(await site.IdeasAsync());
    }

    [Fact]
    public async Task AnIdeaInAnotherLanguageKeepsItsScriptAndIsShownWithItsLanguageOnceItIsPublished()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();
        const string arabic = "أتمنى أن تكون هناك لقاءات للآباء أيضاً.";

        Assert.Equal(HttpStatusCode.Redirect, (await site.SendIdeaAsync(client, SuggestionKit.Idea(arabic, language: "ar"))).StatusCode);
        var unknownLanguage = await (await site.SendIdeaAsync(client, SuggestionKit.Idea("Hello", language: "xx"))).ParseAsync();
        Assert.Contains("Kies de taal", unknownLanguage.QuerySelector(".error-summary").Text());

        var idea = Assert.Single(await site.IdeasAsync());
        Assert.Equal((arabic, "ar"), (idea.Text, idea.Language));

        var (_, editor, wijkId) = await site.EditorAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await editor.ModerateAsync(wijkId, idea.Id, "Publish")).StatusCode);
        var quote = (await client.GetDocumentAsync(SuggestionKit.Vision)).QuerySelector("#deel-2 ~ .ideas blockquote")!;
        Assert.Equal(("ar", "auto", arabic), (quote.GetAttribute("lang"), quote.GetAttribute("dir"), quote.Text()));
    }

    [Fact]
    public async Task AFilledHoneypotATooFastFormAndAnAlteredStampGetTheSameAnswerAsARealIdeaButNothingIsStoredOrMailed()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();
        var real = await site.SendIdeaAsync(client, SuggestionKit.Idea("Echt idee", email: "echt@example.nl"));

        var honeypot = SuggestionKit.Idea("Robot", email: "robot1@example.nl");
        honeypot["Input.Website"] = "https://spam.example";
        var altered = SuggestionKit.Idea("Robot", email: "robot3@example.nl");
        altered["Input.Stamp"] = "CfDJ8-made-up";
        var robots = new List<Func<Task<HttpResponseMessage>>>
        {
            () => site.SendIdeaAsync(client, honeypot),
            async () => // sent back within a second
                await client.SubmitAsync(await client.GetDocumentAsync(SuggestionKit.Form), SuggestionKit.Form, SuggestionKit.Idea("Robot", email: "robot2@example.nl"), "form.suggestion-form"),
            () => site.SendIdeaAsync(client, altered),
            async () =>
            {
                // A sign-up form's stamp is no idea form's stamp.
                var signUpForm = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
                var borrowed = SuggestionKit.Idea("Robot", email: "robot4@example.nl");
                borrowed["Input.Stamp"] = signUpForm.QuerySelector("input[name='Input.Stamp']")!.GetAttribute("value")!;
                return await site.SendIdeaAsync(client, borrowed);
            },
        };

        foreach (var send in robots)
        {
            var robot = await send();
            Assert.Equal(real.StatusCode, robot.StatusCode);
            Assert.Equal(real.Headers.Location, robot.Headers.Location);
            var page = await client.FollowAsync(robot);
            Assert.Equal("Dank u wel!", page.QuerySelector("h1").Text());
            Assert.NotNull(page.QuerySelector(".personal-link")); // a robot that gave an address sees a link, as a parent would
        }

        Assert.Equal(["Echt idee"], (await site.IdeasAsync()).Select(s => s.Text));
        Assert.Equal(["echt@example.nl"], (await site.DeliverAllMailAsync()).Select(m => m.To));
    }

    [Fact]
    public async Task TooManyPostsFromOneAddressAreAnswered429WhileTheFormStillOpensAndSignUpsKeepTheirOwnCount()
    {
        using var site = new SiteFactory();
        site.Settings["VisionSuggestions:RateLimit"] = "2";
        var client = site.HttpsClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await site.SendIdeaAsync(client, SuggestionKit.Idea($"Idee {i}"))).StatusCode);

        var limited = await site.SendIdeaAsync(client, SuggestionKit.Idea("Idee 3")); // opening the form is never limited
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Wacht", await limited.Content.ReadAsStringAsync());
        Assert.Equal(2, (await site.IdeasAsync()).Count);

        // The sign-up form counts on its own.
        var signUp = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("P", email: "p@example.nl"));
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
    }

    [Fact]
    public async Task AFormOpenLongerThanTheMaximumComesBackWithAKindMessageAndTheTextTyped()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();
        var doc = await client.GetDocumentAsync(SuggestionKit.Form);
        site.Clock.Advance(TimeSpan.FromHours(3));

        var page = await (await client.SubmitAsync(doc, SuggestionKit.Form, SuggestionKit.Idea("Ik was even weg."), "form.suggestion-form")).ParseAsync();

        Assert.Contains("stond lang open", page.QuerySelector(".notice").Text());
        Assert.Equal("Ik was even weg.", page.QuerySelector("#tekst").Text());
        Assert.Empty(await site.IdeasAsync());
    }
}

using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.SignUps;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Tests.SignUps;

/// <summary>The parents' form: fields, validation, places and waitlist, duplicates, closing time, courses, questions.</summary>
public sealed class SignUpFormTests
{
    [Fact]
    public async Task TheActivityPageLinksToAFormThatIsNeverCachedWithTheRightAutocompleteAndAnAccessibleHoneypot()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var activity = await client.GetDocumentAsync(SignUpKit.Evening);
        Assert.NotNull(activity.QuerySelector($"a[href='{SignUpKit.Form(SignUpKit.Evening)}']"));

        var first = await client.GetAsync(SignUpKit.Form(SignUpKit.Evening));
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var doc = await first.ParseAsync();
        Assert.Equal("given-name", doc.QuerySelector("#voornaam")!.GetAttribute("autocomplete"));
        Assert.Equal("tel", doc.QuerySelector("#telefoon")!.GetAttribute("autocomplete"));
        Assert.Equal("email", doc.QuerySelector("#email")!.GetAttribute("autocomplete"));
        Assert.Equal("language", doc.QuerySelector("#taal")!.GetAttribute("autocomplete"));
        Assert.Null(doc.QuerySelector("input[type=date]")); // never a birth date
        Assert.False(doc.QuerySelector("#ander-contact")!.HasAttribute("checked")); // the separate opt-in starts unticked
        var honeypot = doc.QuerySelector(".hp")!;
        Assert.Equal("true", honeypot.GetAttribute("aria-hidden"));
        Assert.Equal("-1", honeypot.QuerySelector("input")!.GetAttribute("tabindex"));
        Assert.Contains("leeg", honeypot.QuerySelector("label")!.TextContent);
        Assert.Contains("plekken", doc.QuerySelector(".places")!.TextContent);

        // Not cached: each visitor gets a token and time of their own, and the places left are live.
        site.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        Assert.NotEqual(doc.QuerySelector("input[name='Input.Stamp']")!.GetAttribute("value"), second.QuerySelector("input[name='Input.Stamp']")!.GetAttribute("value"));
        Assert.Contains("nog 15 plekken", second.QuerySelector(".places")!.TextContent);
        await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Amina", email: "amina@example.nl", children: 2));
        Assert.Contains("nog 13 plekken", (await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening))).QuerySelector(".places")!.TextContent);
    }

    [Fact]
    public async Task AParentWithEmailGetsAPlaceAConfirmationPageAfterCommitAndAMailWithoutTheChildsDetails()
    {
        using var site = SignUpKit.Site();
        var pro = await site.CreateStaffAsync("pro@example.nl", StaffRole.Professional, places: ["moerwijk/speelzaal-dak"]);
        var client = site.HttpsClient();

        var response = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Amina", email: " Amina@Example.NL ", children: 2));

        // Committed before the confirmation page is shown.
        var row = Assert.Single(await site.SignUpsAsync());
        Assert.Equal(("Amina", "amina@example.nl", null, 2, SignUpState.New), (row.FirstName, row.Email, row.Phone, row.Children, row.State));
        Assert.Equal([new ChildAge(2, AgeUnit.Years), new ChildAge(8, AgeUnit.Months)], row.ChildAges);
        Assert.Equal(FixedClock.DefaultNow.UtcDateTime.AddSeconds(10), row.ConsentUtc);
        var done = await client.FollowAsync(response);
        Assert.Equal("U bent aangemeld", done.QuerySelector("h1").Text());
        Assert.Contains("dinsdag 26 januari 2027, 19.30–21.00 uur", done.MainText());
        Assert.Contains("e-mail gestuurd", done.MainText());
        Assert.DoesNotContain("Amina", done.MainText());

        var mails = await site.DeliverAllMailAsync();
        var mail = Assert.Single(mails, m => m.To == "amina@example.nl");
        Assert.Equal("Aangemeld: Peutergedrag: een avond voor ouders", mail.Subject);
        Assert.Contains("dinsdag 26 januari 2027, 19.30–21.00 uur", mail.Body);
        Assert.StartsWith("http://localhost:5080/mijn-aanmelding/", mail.Link("/mijn-aanmelding/")); // Site:PublicBaseUrl
        Assert.DoesNotContain("8 maanden", mail.Body);
        Assert.DoesNotContain("2 jaar", mail.Body);
        Assert.DoesNotContain("kinderen: 2", mail.Body, StringComparison.OrdinalIgnoreCase);

        // The location's professional hears about it, without any of the parent's data.
        var notice = Assert.Single(mails, m => m.To == pro.Email);
        Assert.DoesNotContain("Amina", notice.Body);
        Assert.DoesNotContain("amina@", notice.Body);
        Assert.Contains($"/backoffice/activiteiten/{row.ActivityId}/aanmeldingen", notice.Body);
    }

    [Fact]
    public async Task AnIncompleteFormComesBackWithAFocusedSummaryErrorsNextToTheFieldsAndEverythingTyped()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var values = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Samira",
            ["Input.Email"] = "samira-at-example",
            ["Input.Children"] = "2",
            ["Input.Ages[0].Value"] = "3",
            ["Input.Ages[1].Value"] = "drie",
            ["Input.Remark"] = "Wij komen met de bakfiets.",
        };
        var response = await site.SignUpAsync(client, SignUpKit.Evening, values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.ParseAsync();
        var summary = doc.QuerySelector(".error-summary")!;
        Assert.True(summary.HasAttribute("autofocus"));
        Assert.Equal("-1", summary.GetAttribute("tabindex"));
        var links = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#email", "#leeftijd-1", "#bellen-ja", "#toestemming"], links);
        foreach (var id in new[] { "email", "leeftijd-1", "toestemming" })
        {
            Assert.Equal("true", doc.QuerySelector($"#{id}")!.GetAttribute("aria-invalid"));
            Assert.Contains($"{id}-fout", doc.QuerySelector($"#{id}")!.GetAttribute("aria-describedby"));
            Assert.NotNull(doc.QuerySelector($"#{id}-fout"));
        }

        Assert.Contains("bijvoorbeeld naam@voorbeeld.nl", doc.QuerySelector("#email-fout").Text());
        Assert.Equal("Samira", doc.QuerySelector("#voornaam")!.GetAttribute("value"));
        Assert.Equal("samira-at-example", doc.QuerySelector("#email")!.GetAttribute("value"));
        Assert.Equal("drie", doc.QuerySelector("#leeftijd-1")!.GetAttribute("value"));
        Assert.Equal("Wij komen met de bakfiets.", doc.QuerySelector("#opmerking").Text());
        Assert.False(doc.QuerySelector("fieldset[data-child='1']")!.HasAttribute("hidden"));
        Assert.Empty(await site.SignUpsAsync());

        // Neither phone nor e-mail: one of the two is asked for.
        values["Input.Email"] = "";
        var none = await (await site.SignUpAsync(client, SignUpKit.Evening, values)).ParseAsync();
        Assert.Contains("Eén van de twee is genoeg", none.QuerySelector("#telefoon-fout").Text());
    }

    [Fact]
    public async Task AParentWithOnlyAPhoneNumberCanSignUp()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var done = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Fatma", phone: "+31 6-12 34 56 78")));
        Assert.Contains("geen e-mailadres", done.MainText());
        var row = Assert.Single(await site.SignUpsAsync());
        Assert.Equal(("0612345678", null), (row.Phone, row.Email));
        Assert.DoesNotContain(await site.DeliverAllMailAsync(), m => m.To.Contains("fatma", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WhenADateIsFullTheParentJoinsTheWaitlistAndIsToldTheirPlace()
    {
        using var site = SignUpKit.Site();
        await site.SettingsAsync(SignUpKit.Evening, s => s.Capacity = 2);
        var client = site.HttpsClient();

        var first = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Eerste", email: "een@example.nl", children: 2)));
        Assert.Equal("U bent aangemeld", first.QuerySelector("h1").Text());
        Assert.Contains("vol: u komt op de wachtlijst", (await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening))).QuerySelector(".places").Text());
        var second = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Tweede", email: "twee@example.nl")));
        Assert.Equal("U staat op de wachtlijst", second.QuerySelector("h1").Text());
        Assert.Contains("U bent nummer 1 op de wachtlijst.", second.MainText());
        var third = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Derde", phone: "0612345670")));
        Assert.Contains("U bent nummer 2 op de wachtlijst.", third.MainText());

        Assert.Equal([SignUpState.New, SignUpState.Waitlisted, SignUpState.Waitlisted], (await site.SignUpsAsync()).Select(s => s.State));
        var mail = Assert.Single(await site.DeliverAllMailAsync(), m => m.To == "twee@example.nl");
        Assert.Equal("Wachtlijst: Peutergedrag: een avond voor ouders", mail.Subject);
        Assert.Contains("U bent nummer 1.", mail.Body);
    }

    [Fact]
    public async Task TheSameContactForTheSameDateIsNotStoredTwiceAndTheParentIsTold()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Noor", email: "noor@example.nl", phone: "06 11 22 33 44"), date: "2026-12-01");

        var sameMail = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Noor", email: "NOOR@example.nl"), date: "2026-12-01"));
        Assert.Equal("U was al aangemeld", sameMail.QuerySelector("h1").Text());
        var samePhone = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("N.", phone: "+31611223344"), date: "2026-12-01"));
        Assert.Equal("U was al aangemeld", samePhone.QuerySelector("h1").Text());
        Assert.Single(await site.SignUpsAsync());

        // Another date is another sign-up.
        await site.SignUpAsync(client, SignUpKit.Bootcamp, SignUpKit.Parent("Noor", email: "noor@example.nl"), date: "2026-12-08");
        Assert.Equal(2, (await site.SignUpsAsync()).Count);
    }

    [Fact]
    public async Task SignUpClosesAtTheConfiguredTimeTheEveningBefore()
    {
        using var site = SignUpKit.Site();
        await site.SettingsAsync(SignUpKit.Evening, s => (s.ClosesDaysBefore, s.ClosesAt) = (1, new TimeOnly(20, 0)));
        var client = site.HttpsClient();

        // Monday 25 January 2027, 19.59 in Amsterdam (18.59 UTC): still open.
        site.Clock.Now = new DateTimeOffset(2027, 1, 25, 18, 59, 0, TimeSpan.Zero);
        var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        Assert.NotNull(doc.QuerySelector("input[name='Input.Date']"));

        // The form was opened in time but sent at 20.00: too late, said next to the date.
        site.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await client.SubmitAsync(doc, SignUpKit.Form(SignUpKit.Evening), SignUpKit.Parent("Laat", email: "laat@example.nl"), "form.signup-form");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await late.ParseAsync();
        Assert.Contains("kan niet meer", page.QuerySelector(".error-summary").Text());
        Assert.Empty(await site.SignUpsAsync());
        Assert.Contains("gesloten", (await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening))).MainText());
    }

    [Fact]
    public async Task ACourseIsSignedUpForAsAWholeWithPlacesForTheSeriesAndALinkUntilItsLastDate()
    {
        using var site = SignUpKit.Site();
        await site.SettingsAsync(SignUpKit.Course, s => s.Capacity = 1);
        var client = site.HttpsClient();
        var form = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Course));
        Assert.Equal("reeks", form.QuerySelector("input[name='Input.Date']")!.GetAttribute("value"));
        Assert.Contains("alle 6 keer", form.MainText());

        await site.SignUpAsync(client, SignUpKit.Course, SignUpKit.Parent("Yara", email: "yara@example.nl"));
        var waiting = await client.FollowAsync(await site.SignUpAsync(client, SignUpKit.Course, SignUpKit.Parent("Lina", email: "lina@example.nl")));
        Assert.Contains("nummer 1", waiting.MainText());
        Assert.Contains("6 keer, vanaf donderdag 7 januari", waiting.MainText());

        var rows = await site.SignUpsAsync();
        Assert.All(rows, r => Assert.Equal(SignUpSlot.WholeSeries, r.Slot.Date));
        // The sixth Thursday, 11 February 2027, ends at 11.00 in Amsterdam (10.00 UTC).
        Assert.All(rows, r => Assert.Equal(new DateTime(2027, 2, 11, 10, 0, 0, DateTimeKind.Utc), r.TokenExpiresUtc));
    }

    [Fact]
    public async Task ActivitySpecificQuestionsAreAskedAndTheRequiredOnesChecked()
    {
        using var site = SignUpKit.Site();
        var id = await site.ActivityIdAsync(SignUpKit.Evening);
        await site.WithDbAsync(async db =>
        {
            db.SignUpQuestions.AddRange(
                new SignUpQuestion { ActivityId = id, Position = 1, Kind = QuestionKind.Choice, Text = "Welk thema?", Required = true, Choices = "Slapen\nEten" },
                new SignUpQuestion { ActivityId = id, Position = 2, Kind = QuestionKind.YesNo, Text = "Komt uw partner mee?", Required = true },
                new SignUpQuestion { ActivityId = id, Position = 3, Kind = QuestionKind.Number, Text = "Hoeveel broertjes en zusjes?" },
                new SignUpQuestion { ActivityId = id, Position = 4, Kind = QuestionKind.ShortText, Text = "Hoe hoorde u ervan?" });
            await db.SaveChangesAsync();
        });
        var questions = await site.WithDbAsync(db => db.SignUpQuestions.OrderBy(q => q.Position).Select(q => q.Id).ToListAsync());
        var client = site.HttpsClient();

        var values = SignUpKit.Parent("Hana", email: "hana@example.nl");
        values[$"Input.Answers[{questions[2]}]"] = "twee";
        var errors = await (await site.SignUpAsync(client, SignUpKit.Evening, values)).ParseAsync();
        Assert.Equal([$"#vraag-{questions[0]}", $"#vraag-{questions[1]}-ja", $"#vraag-{questions[2]}"],
            errors.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));

        values[$"Input.Answers[{questions[0]}]"] = "Eten";
        values[$"Input.Answers[{questions[1]}]"] = "ja";
        values[$"Input.Answers[{questions[2]}]"] = "2";
        await site.SignUpAsync(client, SignUpKit.Evening, values);
        var row = Assert.Single(await site.SignUpsAsync());
        Assert.Equal(["Welk thema?=Eten", "Komt uw partner mee?=ja", "Hoeveel broertjes en zusjes?=2"], row.Answers.Select(a => $"{a.Question}={a.Answer}"));
    }

    [Fact]
    public async Task WithoutJavaScriptTheChildrenButtonShowsAsManyAgeFieldsKeepingWhatWasTyped()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        Assert.Single(doc.QuerySelectorAll("fieldset.child:not([hidden])"));
        var response = await client.SubmitAsync(doc, SignUpKit.Form(SignUpKit.Evening) + "?handler=Children",
            new Dictionary<string, string> { ["Input.FirstName"] = "Rim", ["Input.Children"] = "3" }, "form.signup-form");
        var page = await response.ParseAsync();
        Assert.Equal(3, page.QuerySelectorAll("fieldset.child:not([hidden])").Length);
        Assert.Equal("Rim", page.QuerySelector("#voornaam")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.Empty(await site.SignUpsAsync());
    }
}

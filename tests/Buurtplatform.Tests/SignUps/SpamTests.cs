using System.Net;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;

namespace Buurtplatform.Tests.SignUps;

/// <summary>Spam without CAPTCHA: honeypot, signed time trap, rate limit. Robots get a success's answer; nothing is stored.</summary>
public sealed class SpamTests
{
    [Fact]
    public async Task AFilledHoneypotATooFastFormAndAnAlteredStampGetTheSameAnswerAsARealSignUpButNothingIsStored()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var real = await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("Echt", email: "echt@example.nl"));

        var honeypot = SignUpKit.Parent("Robot", email: "robot1@example.nl");
        honeypot["Input.Website"] = "https://spam.example";
        var withHoneypot = await site.SignUpAsync(client, SignUpKit.Evening, honeypot);

        var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening)); // sent back within a second
        var tooFast = await client.SubmitAsync(doc, SignUpKit.Form(SignUpKit.Evening), SignUpKit.Parent("Robot", email: "robot2@example.nl"), "form.signup-form");

        var altered = SignUpKit.Parent("Robot", email: "robot3@example.nl");
        altered["Input.Stamp"] = "CfDJ8-made-up";
        var withAlteredStamp = await site.SignUpAsync(client, SignUpKit.Evening, altered);

        foreach (var robot in new[] { withHoneypot, tooFast, withAlteredStamp })
        {
            Assert.Equal(real.StatusCode, robot.StatusCode);
            Assert.Equal(real.Headers.Location, robot.Headers.Location);
            var page = await client.FollowAsync(robot);
            Assert.Equal("U bent aangemeld", page.QuerySelector("h1").Text());
        }

        Assert.Equal(["echt@example.nl"], (await site.SignUpsAsync()).Select(s => s.Email));
        Assert.DoesNotContain(await site.DeliverAllMailAsync(), m => m.To.StartsWith("robot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFormOpenLongerThanTwoHoursComesBackWithAKindMessageAndEverythingTyped()
    {
        using var site = SignUpKit.Site();
        var client = site.HttpsClient();
        var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening));
        site.Clock.Advance(TimeSpan.FromHours(3));
        var values = SignUpKit.Parent("Traag", email: "traag@example.nl");
        values["Input.Remark"] = "Ik was even weg.";

        var response = await client.SubmitAsync(doc, SignUpKit.Form(SignUpKit.Evening), values, "form.signup-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("stond lang open", page.QuerySelector(".notice").Text());
        Assert.Equal("Traag", page.QuerySelector("#voornaam")!.GetAttribute("value"));
        Assert.Equal("Ik was even weg.", page.QuerySelector("#opmerking").Text());
        Assert.True(page.QuerySelector("#toestemming")!.HasAttribute("checked"));
        Assert.Empty(await site.SignUpsAsync());

        // Sending it again (with its new stamp) signs up.
        site.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await client.SubmitAsync(page, SignUpKit.Form(SignUpKit.Evening), [], "form.signup-form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await site.SignUpsAsync());
    }

    [Fact]
    public async Task TooManyPostsFromOneAddressAreAnswered429WithRetryAfterWhileTheFormStillOpens()
    {
        using var site = new SiteFactory();
        site.Settings["SignUps:RateLimit"] = "3";
        var client = site.HttpsClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await site.SignUpAsync(client, SignUpKit.Evening, SignUpKit.Parent("P", email: $"p{i}@example.nl"))).StatusCode);

        var doc = await client.GetDocumentAsync(SignUpKit.Form(SignUpKit.Evening)); // opening is never limited
        site.Clock.Advance(TimeSpan.FromSeconds(10));
        var limited = await client.SubmitAsync(doc, SignUpKit.Form(SignUpKit.Evening), SignUpKit.Parent("P", email: "p4@example.nl"), "form.signup-form");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Wacht", await limited.Content.ReadAsStringAsync());
        Assert.Equal(3, (await site.SignUpsAsync()).Count);
    }
}

using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Pages;
using Buurtplatform.Tests.SignUps;
using Buurtplatform.Web.Vision.Suggestions;

namespace Buurtplatform.Tests.Vision;

/// <summary>The idea pages that need state first, through the Nu Html Checker (the stateless ones are in HtmlValidityTests).</summary>
public sealed class SuggestionPagesValidityTests
{
    [Fact]
    public async Task TheFormWithErrorsThePersonalLinkTheVisionWithIdeasAndTheEditorsQueueAreValidHtml()
    {
        using var site = SuggestionKit.Site();
        var client = site.HttpsClient();
        var withErrors = await site.SendIdeaAsync(client, SuggestionKit.Idea("", email: "fout", name: ""));
        var done = await client.FollowAsync(await site.SendIdeaAsync(client, SuggestionKit.Idea("Een idee met antwoord.", email: "a@example.nl", name: "Sanne")));
        var link = new Uri(done.QuerySelector(".personal-link a")!.GetAttribute("href")!).AbsolutePath;
        await site.SendIdeaAsync(client, SuggestionKit.Idea("أتمنى لقاءات للآباء.", language: "ar"));
        var ideas = await site.IdeasAsync();
        var (_, editor, wijkId) = await site.EditorAsync();
        var version = await site.PublishedVersionAsync();
        foreach (var idea in ideas)
            await editor.ModerateAsync(wijkId, idea.Id, "Publish");
        await editor.ModerateAsync(wijkId, ideas[0].Id, "Answer", new() { ["answer"] = "Dank u, goed idee.", ["audience"] = "openbaar" });
        await editor.ModerateAsync(wijkId, ideas[0].Id, "Processed", new() { ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["change"] = "Vaders staan erin." });

        await NuChecker.AssertValidAsync(
        [
            ("form with errors", await withErrors.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            ("personal link", await client.GetStringAsync(link, TestContext.Current.CancellationToken)),
            ("vision with ideas", await client.GetStringAsync(SuggestionKit.Vision, TestContext.Current.CancellationToken)),
            ("editors' queue", await editor.GetStringAsync(SuggestionPaths.Queue(wijkId), TestContext.Current.CancellationToken)),
            ("dashboard", await editor.GetStringAsync("/backoffice", TestContext.Current.CancellationToken)),
        ]);
    }
}

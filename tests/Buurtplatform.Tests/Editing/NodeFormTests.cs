using System.Net;
using System.Text.RegularExpressions;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Editing;

/// <summary>The forms of the other node types, Markdown safety through the editor, antiforgery on every editing form, labels for every field.</summary>
public sealed partial class NodeFormTests
{
    [Fact]
    public async Task VisionSectionsAreAddedRemovedAndReorderedWithPlainButtons()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.VisionIdAsync("schilderswijk");
        var url = EditingPaths.Edit(NodeKind.Vision, id);
        var form = await client.GetDocumentAsync(url);
        string[] Headings(AngleSharp.Dom.IDocument d) => d.QuerySelectorAll("input[name$='.Heading']").Select(i => i.GetAttribute("value") ?? "").ToArray();
        var original = Headings(form);
        Assert.Equal(5, original.Length);

        var down = await (await client.SubmitAsync(form, url, [new("Command", "down:0")], "form#f-form")).ParseAsync();
        Assert.Equal([original[1], original[0], .. original[2..]], Headings(down));
        var removed = await (await client.SubmitAsync(down, url, [new("Command", "remove-section:4")], "form#f-form")).ParseAsync();
        Assert.Equal(4, Headings(removed).Length);
        var added = await (await client.SubmitAsync(removed, url, [new("Command", "add-section")], "form#f-form")).ParseAsync();
        Assert.Equal("", Headings(added)[4]);
        var up = await (await client.SubmitAsync(added, url, [new("Input.Sections[4].Heading", "Spelen in de buurt"), new("Input.Sections[4].Body", "Buiten spelen is gezond."), new("Command", "up:4")], "form#f-form")).ParseAsync();
        Assert.Equal("Spelen in de buurt", Headings(up)[3]);
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentVersions.CountAsync())); // nothing saved by the buttons

        // A heading is needed, and a "## " line in a section's text would split it.
        var bad = await client.SubmitAsync(up, url, [new("Input.Sections[0].Heading", ""), new("Input.Sections[1].Body", "Tekst\n## Stiekem kopje"), new("Command", "save")], "form#f-form");
        var (summary, _) = Editors.Errors(await bad.ParseAsync());
        Assert.Contains(summary, s => s.Target == "f-sections-0-heading" && s.Text.StartsWith("Kopje (1)", StringComparison.Ordinal));
        Assert.Contains(summary, s => s.Target == "f-sections-1-body" && s.Text.Contains("##", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(up, url, [new("Command", "save")], "form#f-form")).StatusCode);
        await client.PublishNewestAsync(site, NodeKind.Vision, id);
        var page = await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/visie");
        Assert.Equal([original[1], original[0], original[2], "Spelen in de buurt", original[3]], page.QuerySelectorAll("main section[aria-labelledby^=deel] h2").Select(h => h.Text()));
    }

    [Fact]
    public async Task MarkdownFromTheEditorCannotInjectScriptHandlersOrJavascriptLinks()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var id = await site.ActivityIdAsync("schilderswijk", "babybootcamp");
        const string Evil = """
            Hallo <script>alert(1)</script> en <img src=x onerror=alert(1)>

            [klik](javascript:alert(1)) [ook](JAVASCRIPT:alert(1)) <javascript:alert(2)> [data](data:text/html,hoi) [goed](https://www.2samen.nl)

            <a href="javascript:alert(1)" onclick="x()">a</a> <div onmouseover="x()">b</div>
            """;

        // The editor's own preview of the layout …
        var preview = await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Body", Evil)], "preview");
        var previewDoc = await preview.ParseAsync();
        var rendered = previewDoc.QuerySelector(".markdown-preview")!;
        AssertSafe(rendered.InnerHtml);
        Assert.Contains("https://www.2samen.nl", rendered.InnerHtml);
        Assert.Equal(Evil.Replace("\r\n", "\n", StringComparison.Ordinal), previewDoc.GetElementById("f-body")!.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal)); // kept as typed

        // … the staff preview, and the public page once published.
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Activity, id), [new("Input.Body", Evil)]);
        AssertSafe((await client.GetDocumentAsync(EditingPaths.Preview(NodeKind.Activity, id))).QuerySelector("main")!.InnerHtml);
        await client.PublishNewestAsync(site, NodeKind.Activity, id);
        AssertSafe((await site.CreateClient().GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).QuerySelector("main")!.InnerHtml);
    }

    /// <summary>Parsed as a browser would: no script element, no on* attribute, no javascript: or data: address anywhere.</summary>
    private static void AssertSafe(string html)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        Assert.Empty(doc.QuerySelectorAll("script, iframe, object, embed"));
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} has {attribute.Name}");
                var value = attribute.Value.Trim();
                Assert.False(value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase),
                    $"{element.LocalName} {attribute.Name}={value}");
            }
        }

        Assert.False(EventHandlerAttribute().IsMatch(html.Replace("&lt;", "", StringComparison.Ordinal)) && doc.QuerySelectorAll("[onclick],[onerror],[onmouseover]").Length > 0);
    }

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [Fact]
    public async Task AnAdministratorCreatesAGemeenteWithAWijkPlacePartnerAndVisionAndPublishesThem()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.AdministratorAsync());

        var created = await client.SaveAsync(EditingPaths.NewGemeente, [new("Input.Name", "Zaanstad"), new("Input.Summary", "Gemeente aan de Zaan."), new("Input.Slug", "")]);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, string.Join("; ", Editors.Errors(await created.ParseAsync()).Summary));
        var gemeente = Editors.IdFromLocation(created);
        Assert.Equal("zaanstad", await site.WithDbAsync(db => db.Gemeenten.Where(g => g.Id == gemeente).Select(g => g.Slug).SingleAsync()));
        var reserved = await client.SaveAsync(EditingPaths.NewGemeente, [new("Input.Name", "Agenda"), new("Input.Summary", "x")]);
        Assert.Contains(Editors.Errors(await reserved.ParseAsync()).Summary, s => s.Target == "f-slug" && s.Text.Contains("gebruikt de website zelf", StringComparison.Ordinal));

        var wijk = Editors.IdFromLocation(await client.SaveAsync(EditingPaths.NewWijk(gemeente),
            [new("Input.Name", "Poelenburg"), new("Input.Summary", "Een wijk in Zaandam."), new("Input.Postcodes", "1503, 1504")]));
        Assert.Equal([1503, 1504], await site.WithDbAsync(db => db.Wijken.Where(w => w.Id == wijk).Select(w => w.Postcodes).SingleAsync()));

        var partner = Editors.IdFromLocation(await client.SaveAsync(EditingPaths.NewPartner(wijk),
            [new("Input.Name", "Buurthuis Poelenburg"), new("Input.Role", "Gastheer van de ontmoetingsplek."), new("Input.Website", "https://buurthuis.example")]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(EditingPaths.NewPartner(wijk))).StatusCode);
        _ = partner;
        var badPartner = await client.SaveAsync(EditingPaths.NewPartner(wijk), [new("Input.Name", "Bibliotheek"), new("Input.Role", "Voorlezen."), new("Input.Website", "http://bieb.example")]);
        Assert.Contains(Editors.Errors(await badPartner.ParseAsync()).Summary, s => s.Target == "f-contact-website" && s.Text.Contains("https://", StringComparison.Ordinal));

        var placeResponse = await client.SaveAsync(EditingPaths.NewMeetingPlace(wijk), [
            new("Input.Name", "Buurtkamer"), new("Input.Summary", "Een huiskamer in de wijk."), new("Input.Street", "Peperstraat 1"),
            new("Input.Postcode", "1503 aa"), new("Input.City", "Zaandam"), new("Input.Latitude", "52,44"), new("Input.Longitude", "4.83"),
            new("Input.Wheelchair", "ja"), new("Input.Pram", "ja"), new("Input.Host", "buurthuis-poelenburg"), new("Input.Professional", "Opbouwwerker van het buurthuis"),
            new("Input.Facilities", "koffie en thee\nspeelhoek"),
            new("Input.OpeningHours[0].Day", "wednesday"), new("Input.OpeningHours[0].From", "09:00"), new("Input.OpeningHours[0].To", "11:30")]);
        var place = Editors.IdFromLocation(placeResponse);
        var row = await site.WithDbAsync(db => db.MeetingPlaces.AsNoTracking().Include(p => p.HostPartner).SingleAsync(p => p.Id == place));
        Assert.Equal(("1503 AA", 52.44, "buurthuis-poelenburg", 2), (row.Postcode, row.Latitude, row.HostPartner.Slug, row.Facilities.Count));
        Assert.Equal(new TimeOnly(11, 30), Assert.Single(row.OpeningHours).To);

        var vision = Editors.IdFromLocation(await client.SaveAsync(EditingPaths.NewVision(wijk), [
            new("Input.Summary", "Samen opgroeien."), new("Input.WrittenByParents", "Ouders van de buurtkamer"),
            new("Input.WrittenByProfessionals", "Het buurthuis"), new("Input.Sections[0].Heading", "Plezier"), new("Input.Sections[0].Body", "Spelen is leren.")]));
        Assert.Contains("al een visie", (await client.GetDocumentAsync(EditingPaths.NewVision(wijk))).MainText());

        // Nothing is public until published, from the top down.
        var anonymous = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/zaanstad")).StatusCode);
        await client.PublishNewestAsync(site, NodeKind.Gemeente, gemeente);
        await client.PublishNewestAsync(site, NodeKind.Wijk, wijk);
        await client.PublishNewestAsync(site, NodeKind.MeetingPlace, place);
        await client.PublishNewestAsync(site, NodeKind.Vision, vision);
        var wijkPage = await anonymous.GetDocumentAsync("/zaanstad/poelenburg");
        Assert.Contains("Buurtkamer", wijkPage.MainText());
        Assert.Contains("Samen opgroeien.", wijkPage.MainText());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/zaanstad/poelenburg/ontmoetingsplekken/buurtkamer")).StatusCode);
        Assert.Equal("Onze visie: samen opgroeien in Poelenburg", (await anonymous.GetDocumentAsync("/zaanstad/poelenburg/visie")).QuerySelector("h1").Text());

        // A wijk editor sees neither the gemeente pages nor a new wijk form.
        var editor = await site.SignedInClientAsync(await site.EditorAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(EditingPaths.NewGemeente)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(EditingPaths.NewWijk(gemeente))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(EditingPaths.Gemeenten)).StatusCode);
    }

    [Fact]
    public async Task AWijkEditorEditsTheWijkPageAPlaceAndAPartner()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.EditorAsync());
        var wijk = await site.WijkIdAsync("schilderswijk");
        var place = await site.PlaceIdAsync("schilderswijk", "clubhuis");
        var partner = await site.WithDbAsync(db => db.Partners.Where(p => p.Slug == "cjg" && p.Wijk.Slug == "schilderswijk").Select(p => p.Id).SingleAsync());

        var badPostcodes = await client.SaveAsync(EditingPaths.Edit(NodeKind.Wijk, wijk), [new("Input.Postcodes", "2525, 25A6")]);
        Assert.Contains(Editors.Errors(await badPostcodes.ParseAsync()).Summary, s => s.Target == "f-postcodes");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.Wijk, wijk), [new("Input.Summary", "Druk en kleurrijk.")]);
        await client.PublishNewestAsync(site, NodeKind.Wijk, wijk);

        var badPlace = await client.SaveAsync(EditingPaths.Edit(NodeKind.MeetingPlace, place), [new("Input.Postcode", "2525SB"), new("Input.Latitude", "40")]);
        var (summary, _) = Editors.Errors(await badPlace.ParseAsync());
        Assert.Contains(summary, s => s.Target == "f-address-postcode" && s.Text.Contains("1234 AB", StringComparison.Ordinal));
        Assert.Contains(summary, s => s.Target == "f-location-lat");
        await client.SaveAsync(EditingPaths.Edit(NodeKind.MeetingPlace, place), [new("Input.AccessibilityNotes", "Er is nu een oprit.")]);
        await client.PublishNewestAsync(site, NodeKind.MeetingPlace, place);

        await client.SaveAsync(EditingPaths.Edit(NodeKind.Partner, partner), [new("Input.Phone", "070 123 45 67")]);
        await client.PublishNewestAsync(site, NodeKind.Partner, partner);

        var anonymous = site.CreateClient();
        Assert.Contains("Druk en kleurrijk.", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk")).MainText());
        Assert.Contains("Er is nu een oprit.", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/ontmoetingsplekken/clubhuis")).MainText());
        Assert.Contains("070 123 45 67", (await anonymous.GetDocumentAsync("/den-haag/schilderswijk/activiteiten/babybootcamp")).MainText());
    }

    [Fact]
    public async Task EveryEditingFormRefusesAPostWithoutAnAntiforgeryToken()
    {
        using var site = new SiteFactory();
        var client = await site.SignedInClientAsync(await site.AdministratorAsync());
        var ids = new Dictionary<string, string>
        {
            ["activityId"] = Editors.S(await site.ActivityIdAsync("schilderswijk", "babybootcamp")),
            ["meetingPlaceId"] = Editors.S(await site.PlaceIdAsync("schilderswijk", "clubhuis")),
            ["wijkId"] = Editors.S(await site.WijkIdAsync("schilderswijk")),
            ["visionId"] = Editors.S(await site.VisionIdAsync("schilderswijk")),
            ["partnerId"] = Editors.S(await site.WithDbAsync(db => db.Partners.Where(p => p.Slug == "cjg" && p.Wijk.Slug == "schilderswijk").Select(p => p.Id).SingleAsync())),
            ["gemeenteId"] = Editors.S(await site.WithDbAsync(db => db.Gemeenten.Where(g => g.Slug == "den-haag").Select(g => g.Id).SingleAsync())),
        };
        var loader = site.Services.GetRequiredService<Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageLoader>();
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.ApplicationModels.PageRouteMetadata>() is not null || e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => (e.Metadata.GetMetadata<PageActionDescriptor>()?.RelativePath ?? "").Contains("/Editing/", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 40, $"{endpoints.Count} editing endpoints");
        var checkedPosts = 0;
        foreach (var endpoint in endpoints)
        {
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>()!;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var url = "/" + ParameterPattern().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), m => ids.GetValueOrDefault(m.Groups[1].Value, "x"));
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod == "Post"))
            {
                var target = handler.Name is null ? url : $"{url}?handler={handler.Name}";
                var response = await client.PostAsync(target, new FormUrlEncodedContent([new("Command", "save"), new("Versie", "1")]));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {target} without a token: {(int)response.StatusCode}");
                checkedPosts++;
            }
        }

        Assert.True(checkedPosts >= 40, $"{checkedPosts} posts checked");
        Assert.Equal(0, await site.WithDbAsync(db => db.ContentVersions.CountAsync()));
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex ParameterPattern();

    [Fact]
    public void EveryFieldOfTheContentFormatHasADutchLabel()
    {
        var resx = System.Xml.Linq.XDocument.Load(Path.Combine(TestEnvironment.RepoRoot, "src", "Buurtplatform.Web", "Resources", "SharedResource.resx"));
        var keys = resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(TestEnvironment.SeedContent, "*.md", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(TestEnvironment.SeedContent, file).Replace('\\', '/');
            if (SeedFiles.IsTranslation(file))
                continue; // a translation holds only a node's translated fields, not edited in these forms
            var kind = relative switch
            {
                _ when relative.EndsWith("gemeente.md", StringComparison.Ordinal) => NodeKind.Gemeente,
                _ when relative.EndsWith("wijk.md", StringComparison.Ordinal) => NodeKind.Wijk,
                _ when relative.EndsWith("visie.md", StringComparison.Ordinal) => NodeKind.Vision,
                _ when relative.Contains("/ontmoetingsplekken/", StringComparison.Ordinal) => NodeKind.MeetingPlace,
                _ when relative.Contains("/activiteiten/", StringComparison.Ordinal) => NodeKind.Activity,
                _ when relative.Contains("/partners/", StringComparison.Ordinal) => NodeKind.Partner,
                _ => (NodeKind?)null,
            };
            if (kind is null)
                continue;
            foreach (var (path, _) in VersionDiff.Flatten(kind.Value, Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)))
            {
                var bare = VersionDiff.LabelPath(path);
                if (!keys.Contains($"Field.{kind}.{bare}") && !keys.Contains("Field." + bare))
                    missing.Add($"{kind}: {bare}");
            }
        }

        foreach (var code in typeof(ContentErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!))
        {
            if (!keys.Contains("Edit.Error." + code))
                missing.Add("Edit.Error." + code);
        }

        foreach (var code in typeof(ContentWarningCodes).GetFields().Select(f => (string)f.GetValue(null)!))
        {
            if (!keys.Contains("Edit.Warning." + code))
                missing.Add("Edit.Warning." + code);
        }

        foreach (var status in Enum.GetNames<VersionStatus>().Select(s => "VersionStatus." + s).Concat(Enum.GetNames<NodeKind>().Select(k => "Kind." + k)))
        {
            if (!keys.Contains(status))
                missing.Add(status);
        }

        Assert.True(missing.Count == 0, "Missing Dutch texts: " + string.Join(", ", missing));
    }
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Buurtplatform.Tests.Accounts;
using Buurtplatform.Tests.Infrastructure;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtplatform.Tests.Backoffice;

/// <summary>
/// The scope rule as a matrix: every backoffice endpoint the app has (read from its EndpointDataSource,
/// not from a list kept by hand) is called with GET and every POST handler (with a valid antiforgery
/// token), with the route values filled with items of wijk B, as a wijk editor of wijk A and as a
/// professional of a meeting place in wijk A. Each answer must be 403 or 404. An endpoint the harness
/// cannot classify fails the test, so a new page cannot slip past it.
/// </summary>
public sealed partial class ScopeMatrixTests
{
    public enum EndpointKind
    {
        /// <summary>[AllowAnonymous] sign-in pages: they take no ids, so they cannot reach scoped data.</summary>
        Anonymous,

        /// <summary>[AdministratorOnly]: everyone else gets 403.</summary>
        AdministratorOnly,

        /// <summary>Route values from <see cref="ScopedRouteValues"/>: checked against StaffScope.</summary>
        Scoped,

        /// <summary>[StaffSelfService] without route values: only the person's own data or StaffScope-filtered lists.</summary>
        SelfService,

        Unclassified,
    }

    /// <summary>How the harness treats an endpoint, from its metadata and route parameters alone.</summary>
    public static EndpointKind Classify(RouteEndpoint endpoint, out string reason)
    {
        var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var metadata = endpoint.Metadata;
        var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            reason = parameters.Count == 0 ? "anonymous" : $"anonymous, yet takes {string.Join(", ", parameters)}";
            return parameters.Count == 0 ? EndpointKind.Anonymous : EndpointKind.Unclassified;
        }

        if (!policies.Contains(StaffPolicies.Staff))
        {
            reason = "does not require the Staff policy (a /backoffice endpoint outside the Razor Pages convention must add it)";
            return EndpointKind.Unclassified;
        }

        var unknown = parameters.Where(p => !ScopedRouteValues.All.Contains(p) && !UnscopedRouteValues.Contains(p)).ToList();
        if (policies.Contains(StaffPolicies.Administrator))
        {
            reason = "administrator only";
            return EndpointKind.AdministratorOnly;
        }

        if (parameters.Count > 0 && !parameters.Any(ScopedRouteValues.All.Contains))
            unknown = parameters; // only unscoped values: nothing decides whose item it is
        if (parameters.Count > 0)
        {
            reason = unknown.Count == 0 ? "scoped route values" : $"route values the harness cannot fill with wijk B's items: {string.Join(", ", unknown)}";
            return unknown.Count == 0 ? EndpointKind.Scoped : EndpointKind.Unclassified;
        }

        if (metadata.GetMetadata<StaffSelfServiceAttribute>() is not null)
        {
            reason = "self-service";
            return EndpointKind.SelfService;
        }

        reason = "no ids, but neither [StaffSelfService] nor [AdministratorOnly]: say which it is";
        return EndpointKind.Unclassified;
    }

    [Fact]
    public void AnEndpointTheHarnessCannotPlaceIsReportedAsUnclassified()
    {
        static RouteEndpoint Endpoint(string pattern, params object[] metadata) =>
            new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(metadata), pattern);
        var staff = new AuthorizeAttribute(StaffPolicies.Staff);

        Assert.Equal(EndpointKind.Unclassified, Classify(Endpoint("backoffice/export", staff), out _));
        Assert.Equal(EndpointKind.Unclassified, Classify(Endpoint("backoffice/aanmeldingen/{signUpId:int}", staff), out _));
        Assert.Equal(EndpointKind.Unclassified, Classify(Endpoint("backoffice/wijken/{wijkId:int}/export"), out _)); // no Staff policy
        Assert.Equal(EndpointKind.Unclassified, Classify(Endpoint("backoffice/x/{wijkId:int}", new AllowAnonymousAttribute()), out _));
        Assert.Equal(EndpointKind.Scoped, Classify(Endpoint("backoffice/wijken/{wijkId:int}/export", staff), out _));
        Assert.Equal(EndpointKind.AdministratorOnly, Classify(Endpoint("backoffice/gebruikers/{userId}", staff, new AdministratorOnlyAttribute()), out _));
        Assert.Equal(EndpointKind.SelfService, Classify(Endpoint("backoffice/account", staff, new StaffSelfServiceAttribute()), out _));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task StaffOfWijkAGet403Or404ForWijkBOnEveryBackofficeEndpoint(DatabaseKind kind)
    {
        using var site = new SiteFactory(kind);
        var editorA = await site.CreateStaffAsync("redacteur-a@example.nl", StaffRole.Wijkredacteur, wijken: ["schilderswijk"]);
        var professionalA = await site.CreateStaffAsync("pro-a@example.nl", StaffRole.Professional, places: ["schilderswijk/peuterlokaal-2samen"]);
        var admin = await site.CreateStaffAsync("beheer@example.nl", StaffRole.Beheerder);
        var wijkB = await ItemsAsync(site, "moerwijk", admin.Id);
        var wijkA = await ItemsAsync(site, "schilderswijk", admin.Id);
        var secretsOfB = await site.WithDbAsync(async db =>
        {
            var namesA = await db.MeetingPlaces.Where(p => p.Wijk.Slug == "schilderswijk").Select(p => p.Name).ToListAsync();
            var namesB = await db.MeetingPlaces.Where(p => p.Wijk.Slug == "moerwijk").Select(p => p.Name).ToListAsync();
            return namesB.Except(namesA).Append("Moerwijk").ToList();
        });

        var endpoints = BackofficeEndpoints(site);
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} backoffice endpoints found");
        var classified = endpoints.Select(e => (Endpoint: e, Kind: Classify(e, out var why), Why: why)).ToList();
        var unclassified = classified.Where(c => c.Kind == EndpointKind.Unclassified).Select(c => $"{c.Endpoint.RoutePattern.RawText}: {c.Why}").ToList();
        Assert.True(unclassified.Count == 0, "Backoffice endpoints the scope matrix cannot classify:\n" + string.Join('\n', unclassified));
        Assert.Contains(classified, c => c.Kind == EndpointKind.Scoped);
        Assert.Contains(classified, c => c.Kind == EndpointKind.AdministratorOnly);

        // The editing pages are among them: every node type's versions, compare, preview, delete and edit page, the create pages, queue and export.
        var patterns = classified.Select(c => c.Endpoint.RoutePattern.RawText!.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        foreach (var (segment, id) in new[] { ("gemeenten", "gemeenteId"), ("wijken", "wijkId"), ("visies", "visionId"), ("ontmoetingsplekken", "meetingPlaceId"), ("activiteiten", "activityId"), ("partners", "partnerId") })
        {
            foreach (var page in new[] { "versies", "vergelijken", "voorbeeld", "verwijderen", "bewerken" })
                Assert.Contains($"backoffice/{segment}/{{{id}:int}}/{page}", patterns);
        }

        foreach (var pattern in new[]
        {
            "backoffice/ontmoetingsplekken/{meetingPlaceId:int}/activiteiten/nieuw", "backoffice/wijken/{wijkId:int}/ontmoetingsplekken/nieuw",
            "backoffice/wijken/{wijkId:int}/partners/nieuw", "backoffice/wijken/{wijkId:int}/visie/nieuw", "backoffice/gemeenten/{gemeenteId:int}/wijken/nieuw",
            "backoffice/gemeenten/nieuw", "backoffice/gemeenten", "backoffice/wijken/{wijkId:int}/goedkeuren", "backoffice/export",
        })
        {
            Assert.Contains(pattern, patterns);
        }

        var loader = site.Services.GetRequiredService<PageLoader>();
        var failures = new List<string>();
        var calls = 0;
        foreach (var person in new[] { editorA, professionalA })
        {
            var client = await site.SignedInClientAsync(person);
            var token = (await client.GetDocumentAsync("/backoffice")).AntiforgeryToken();
            foreach (var (endpoint, endpointKind, _) in classified.Where(c => c.Kind != EndpointKind.Anonymous))
            {
                var url = "/" + Fill(endpoint.RoutePattern.RawText!, wijkB).TrimStart('/');
                foreach (var (method, handler) in await RequestsAsync(loader, endpoint))
                {
                    var target = handler is null ? url : $"{url}?handler={handler}";
                    var response = method == "GET"
                        ? await client.GetAsync(target)
                        : await client.PostAsync(target, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                    calls++;
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    var what = $"{person.Email} {method} {target} ({endpointKind}) → {status}";
                    if (endpointKind is EndpointKind.Scoped or EndpointKind.AdministratorOnly)
                    {
                        if (status is not (403 or 404))
                            failures.Add(what);
                    }
                    else if (status >= 500 || (method == "GET" && status != 200 && !(status == 302 && response.Headers.Location!.OriginalString.StartsWith("/backoffice", StringComparison.Ordinal))))
                    {
                        failures.Add(what); // own pages open (or send on to another own page), and never break
                    }

                    if (secretsOfB.FirstOrDefault(s => body.Contains(WebUtility.HtmlEncode(s), StringComparison.Ordinal) || body.Contains(s, StringComparison.Ordinal)) is { } leaked)
                        failures.Add($"{what}: shows wijk B's '{leaked}'");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke the scope rule:\n" + string.Join('\n', failures));

        // The same endpoints do open for the right people, so the 403s above are the rule at work, not a broken page.
        var editorClient = await site.SignedInClientAsync(editorA);
        var proClient = await site.SignedInClientAsync(professionalA);
        var adminClient = await site.SignedInClientAsync(admin);
        foreach (var (endpoint, _, _) in classified.Where(c => c.Kind == EndpointKind.Scoped))
        {
            var pattern = endpoint.RoutePattern.RawText!;
            Assert.Equal((pattern, HttpStatusCode.OK), (pattern, (await adminClient.GetAsync("/" + Fill(pattern, wijkB))).StatusCode));

            // A gemeente is in nobody's scope but an administrator's, so a wijk editor's own gemeente is refused too.
            var forEditor = pattern.Contains("{" + ScopedRouteValues.GemeenteId, StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.Equal((pattern, forEditor), (pattern, (await editorClient.GetAsync("/" + Fill(pattern, wijkA))).StatusCode));
        }

        var ownPlace = await site.WithDbAsync(db => db.StaffMeetingPlaces.Where(s => s.UserId == professionalA.Id).Select(s => s.MeetingPlaceId).SingleAsync());
        var otherPlaceInA = await site.WithDbAsync(db => db.MeetingPlaces.Where(p => p.Wijk.Slug == "schilderswijk" && p.Id != ownPlace).Select(p => p.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await proClient.GetAsync($"/backoffice/ontmoetingsplekken/{ownPlace}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await proClient.GetAsync($"/backoffice/ontmoetingsplekken/{otherPlaceInA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await proClient.GetAsync($"/backoffice/wijken/{wijkA[ScopedRouteValues.WijkId]}")).StatusCode);
    }

    /// <summary>
    /// Route values beside a scoped one that say nothing about whose item it is, filled with a fixed value: a translation's
    /// language (<c>…/vertalingen/{culture}</c>; the scoped id before it decides).
    /// </summary>
    private static readonly string[] UnscopedRouteValues = ["culture"];

    /// <summary>Every endpoint under /backoffice, from the running app.</summary>
    private static List<RouteEndpoint> BackofficeEndpoints(SiteFactory site)
    {
        _ = site.HttpsClient();
        return site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => BackofficePaths.IsBackofficeTemplate(e.RoutePattern.RawText))
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal).ToList();
    }

    /// <summary>GET and POST for every handler of a page (or the endpoint's HTTP methods for a non-page endpoint).</summary>
    private static async Task<List<(string Method, string? Handler)>> RequestsAsync(PageLoader loader, RouteEndpoint endpoint)
    {
        var requests = new List<(string, string?)> { ("GET", null), ("POST", null) };
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var h in compiled.HandlerMethods.Where(h => h.Name is not null))
                requests.Add((h.HttpMethod.ToUpperInvariant(), h.Name));
        }
        else if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods)
        {
            requests = methods.HttpMethods.Select(m => (m.ToUpperInvariant(), (string?)null)).ToList();
        }

        return requests.Distinct().ToList();
    }

    /// <summary>Ids of one wijk's items, by route value name (plus a user id for the administrator's pages).</summary>
    private static Task<Dictionary<string, string>> ItemsAsync(SiteFactory site, string wijkSlug, string userId) => site.WithDbAsync(async db =>
    {
        var wijk = await db.Wijken.SingleAsync(w => w.Slug == wijkSlug);
        static string S(int id) => id.ToString(CultureInfo.InvariantCulture);

        // The seed has no photos: a library row of this wijk (its pages open without the file; renditions are links).
        var photo = new Buurtplatform.Web.Media.MediaItem
        {
            Key = Guid.NewGuid(), WijkId = wijk.Id, StorageName = Guid.NewGuid().ToString("N") + ".jpg", Width = 800, Height = 600,
            AltText = "Foto van " + wijk.Name, ChildrenRecognisable = false, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
        };
        db.MediaItems.Add(photo);
        await db.SaveChangesAsync();
        return new Dictionary<string, string>
        {
            [ScopedRouteValues.WijkId] = S(wijk.Id),
            [ScopedRouteValues.MeetingPlaceId] = S(await db.MeetingPlaces.Where(p => p.WijkId == wijk.Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
            [ScopedRouteValues.ActivityId] = S(await db.Activities.Where(a => a.WijkId == wijk.Id).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()),
            [ScopedRouteValues.PartnerId] = S(await db.Partners.Where(p => p.WijkId == wijk.Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
            [ScopedRouteValues.VisionId] = S(await db.Visions.Where(v => v.WijkId == wijk.Id).Select(v => v.Id).FirstAsync()),
            [ScopedRouteValues.GemeenteId] = S(wijk.GemeenteId),
            [ScopedRouteValues.MediaItemId] = S(photo.Id),
            ["userId"] = userId,
            ["culture"] = "ar",
        };
    });

    private static string Fill(string pattern, Dictionary<string, string> values) =>
        ParameterPattern().Replace(pattern, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v : throw new InvalidOperationException($"No value for {{{m.Groups[1].Value}}} in {pattern}"));

    [GeneratedRegex(@"\{\*{0,2}(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();
}

using System.Security.Cryptography;
using Buurtplatform.Calendar.Ics;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Agenda;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Published;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Buurtplatform.Web.Calendar;

/// <summary>
/// The .ics feeds parents subscribe to: the whole site (with the agenda's filters), a gemeente, a
/// wijk, a meeting place, an activity, an activity type; and one date of an activity as a download.
/// </summary>
public static class FeedEndpoints
{
    // HEAD too: subscription validators and link checkers ask HEAD first. The endpoint answers as for GET and the
    // server (Kestrel) sends the same status and headers without the body.
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<CalendarOptions>().Bind(config.GetSection(CalendarOptions.Section))
            .Validate(o => o.DaysBack >= 0 && o.DaysAhead > 0 && o.RefreshInterval > TimeSpan.Zero, "Calendar: DaysBack ≥ 0, DaysAhead > 0 and RefreshInterval > 0")
            .ValidateOnStart();
        services.AddScoped<FeedBuilder>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("").CacheOutput(CachePolicies.PublicPage);

        feeds.MapMethods("/agenda.ics", GetAndHead, async (HttpContext http, Published published, FeedBuilder builder, NearMe.PostcodeCentres centres, IStringLocalizer<SharedResource> t) =>
        {
            http.Tag(CacheTags.Listings);
            var filter = AgendaFilter.Parse(http.Request.Query, out var problems);
            if (filter.Postcode is not null || problems.Any(p => p.Field == "postcode"))
            {
                // A subscription "near 2525" keeps its postcode in the parent's calendar app; our caches never hold it.
                if (http.Features.Get<IOutputCacheFeature>() is { } cache)
                    cache.Context.AllowCacheStorage = false;
            }

            filter = filter.Locate(centres, problems);
            var content = await published.GetAsync(http.RequestAborted);
            if (filter.Wijk is { } wijk && content.Wijk(wijk) is null)
                problems.Add(("wijk", "Agenda.Problem.Wijk"));
            if (!filter.KnowsLanguage(content.ActivityLanguages))
                problems.Add(("taal", "Agenda.Problem.Language"));
            if (problems.Count > 0)
            {
                // The page's postcode text promises the agenda without distances; a feed can only refuse.
                return BadFilter(problems.Select(p => p.Field == "postcode" ? (p.Field, "Agenda.Problem.PostcodeInFeed") : p), t);
            }

            var feed = await RespondAsync(http, builder, t["Feed.Site"], "/agenda" + filter.ToQueryString(), content.Activities.Where(filter.Matches), filter.Days);
            if (filter.Postcode is not null)
                http.Response.Headers.CacheControl = "private, max-age=3600";
            return feed;
        });

        feeds.MapMethods("/soort/{type}.ics", GetAndHead, async (string type, HttpContext http, Published published, FeedBuilder builder, IStringLocalizer<SharedResource> t) =>
        {
            if (!ActivityTypes.TryParse(type, out var activityType))
                return BadFilter([("soort", "Agenda.Problem.Type")], t);
            http.Tag(CacheTags.Listings);
            var activities = (await published.GetAsync(http.RequestAborted)).Activities.Where(a => a.Type == activityType);
            return await RespondAsync(http, builder, Shared.PresentationText.Type(t, activityType), $"/agenda?soort={activityType.ToSlug()}", activities);
        });

        feeds.MapMethods("/{gemeente:slug}.ics", GetAndHead, async (string gemeente, HttpContext http, Published published, FeedBuilder builder) =>
        {
            var content = await published.GetAsync(http.RequestAborted);
            var g = content.Gemeente(gemeente);
            if (g is null)
                return Results.NotFound();
            http.Tag(CacheTags.Node(g.Key), CacheTags.Children(g.Key));
            return await RespondAsync(http, builder, g.Name, Links.Gemeente(g), content.ActivitiesIn(g));
        });

        feeds.MapMethods("/{gemeente:slug}/{wijk:slug}.ics", GetAndHead, async (string gemeente, string wijk, HttpContext http, Published published, FeedBuilder builder) =>
        {
            var content = await published.GetAsync(http.RequestAborted);
            var w = content.Wijk(gemeente, wijk);
            if (w is null)
                return Results.NotFound();
            http.Tag(CacheTags.Node(w.Key), CacheTags.Node(w.Gemeente.Key), CacheTags.Children(w.Key));
            return await RespondAsync(http, builder, w.Name, Links.Wijk(w), content.ActivitiesIn(w));
        });

        feeds.MapMethods("/{gemeente:slug}/{wijk:slug}/ontmoetingsplekken/{slug:slug}.ics", GetAndHead, async (string gemeente, string wijk, string slug, HttpContext http, Published published, FeedBuilder builder) =>
        {
            var content = await published.GetAsync(http.RequestAborted);
            if (content.MeetingPlace(gemeente, wijk, slug) is not { } place)
                return Results.NotFound();
            // The activities of this wijk held there (as the feed's address names them).
            var activities = content.ActivitiesAt(place).Where(a => a.WijkId == place.WijkId);
            http.Tag(CacheTags.Node(place.Key), CacheTags.Node(place.Wijk.Key), CacheTags.Node(place.Wijk.Gemeente.Key), CacheTags.PlaceActivities(place.Key));
            return await RespondAsync(http, builder, place.Name, Links.MeetingPlace(place), activities);
        });

        feeds.MapMethods("/{gemeente:slug}/{wijk:slug}/activiteiten/{slug:slug}.ics", GetAndHead, async (string gemeente, string wijk, string slug, HttpContext http, Published published, FeedBuilder builder) =>
        {
            var a = (await published.GetAsync(http.RequestAborted)).Activity(gemeente, wijk, slug);
            if (a is null)
                return Results.NotFound();
            http.TagActivity(a);
            await builder.TranslateAsync(http.RequestAborted);
            return await RespondAsync(http, builder, builder.Title(a), Links.Activity(a), [a]);
        });

        // One date as a download ("zet in mijn agenda"): its own UID derived from the series' UID and the date.
        feeds.MapMethods("/{gemeente:slug}/{wijk:slug}/activiteiten/{slug:slug}/{date}.ics", GetAndHead, async (string gemeente, string wijk, string slug, string date, HttpContext http, Published published, FeedBuilder builder, ActivityCalendar calendar, IStringLocalizer<SharedResource> t) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return BadFilter([("datum", "Feed.Problem.Date")], t);
            var a = (await published.GetAsync(http.RequestAborted)).Activity(gemeente, wijk, slug);
            if (a is null)
                return Results.NotFound();
            http.TagActivity(a);
            var original = LocalDate.FromDateOnly(day) + LocalTime.FromTimeOnly(a.Schedule.StartTime);
            if (Buurtplatform.Calendar.RecurrenceExpander.Find(calendar.Series(a), original) is null)
                return Results.NotFound();
            await builder.TranslateAsync(http.RequestAborted);
            var text = IcsWriter.WriteOccurrence(builder.Event(a), original);
            return Ics(http, text, Instant.FromDateTimeUtc(a.UpdatedUtc), $"{a.Slug}-{date}.ics");
        });

        return app;
    }

    /// <summary>The feed of <paramref name="activities"/>, its texts in the request's language where translated.</summary>
    private static async Task<IResult> RespondAsync(HttpContext http, FeedBuilder builder, string name, string pagePath, IEnumerable<Activity> activities, IReadOnlyCollection<DayOfWeek>? days = null)
    {
        var list = activities.ToList();
        await builder.TranslateAsync(http.RequestAborted);
        var feed = builder.Feed(name, pagePath, list, days);
        return Ics(http, builder.Write(feed), feed.LastModified!.Value, download: null);
    }

    /// <summary>Writes the calendar with validators; answers 304 when the client already has these bytes.</summary>
    private static IResult Ics(HttpContext http, string text, Instant lastModified, string? download)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // Weak: response compression sends these bytes as identity, gzip or br under this one tag, and a strong tag
        // would promise the same bytes for each (RFC 9110 8.8.3). If-None-Match compares weakly, so 304s still work.
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"", isWeak: true);
        // HTTP dates have whole seconds.
        var modified = DateTimeOffset.FromUnixTimeSeconds(lastModified.ToUnixTimeSeconds());
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = modified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromHours(1) };

        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(e => e.Tag == etag.Tag || e == EntityTagHeaderValue.Any)
            : request.IfModifiedSince is { } since && modified <= since;
        if (notModified)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        if (download is not null)
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{download}\"";
        return Results.Bytes(bytes, "text/calendar; charset=utf-8");
    }

    private static IResult BadFilter(IEnumerable<(string Field, string Problem)> problems, IStringLocalizer t)
    {
        var text = t["Feed.BadRequest"] + "\n" + string.Join("\n", problems.Select(p => "- " + t[p.Problem, p.Field]).Distinct());
        return Results.Text(text, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }
}

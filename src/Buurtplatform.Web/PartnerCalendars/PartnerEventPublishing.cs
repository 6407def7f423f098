using System.Text.RegularExpressions;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.PartnerCalendars;

/// <summary>
/// The moderation steps on a partner's event. Publishing makes (or updates) an ordinary activity through the
/// editor's own path (<see cref="ContentPublisher"/>: a version, the audit entry, SEQUENCE, cache eviction on every
/// node), with the partner as organiser and the place and type staff chose (remembered for the partner's location
/// text); the event keeps the activity's id, so later changes from the source update the same activity.
/// </summary>
/// <remarks>
/// An update starts from the activity's newest version and replaces only what the source says (title, summary,
/// description, dates, place, type): what staff added by hand in the editor (age range, languages, cost, sign-up) stays.
/// </remarks>
public sealed partial class PartnerEventPublishing(AppDbContext db, ContentPublisher publisher, ContentNodes nodes, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> T)
{
    /// <summary>Publishes (or re-publishes after a change) a wijk's event; returns a resource key for the person.</summary>
    public async Task<EditResult> PublishAsync(int wijkId, int eventId, int meetingPlaceId, ActivityType type, AuditActor actor, CancellationToken ct = default)
    {
        var ev = await db.PartnerEvents.Include(e => e.Calendar).ThenInclude(c => c.Partner)
            .FirstOrDefaultAsync(e => e.Id == eventId && e.Calendar.WijkId == wijkId, ct);
        if (ev is null || ev.Status is PartnerEventStatus.InSeries or PartnerEventStatus.Removed)
            return EditResult.Fail("PartnerCalendars.Problem.NotPublishable");
        var place = await db.MeetingPlaces.AsNoTracking().FirstOrDefaultAsync(p => p.Id == meetingPlaceId && p.WijkId == wijkId, ct);
        if (place is null)
            return EditResult.Fail("PartnerCalendars.Problem.Place");
        var wijk = await db.Wijken.AsNoTracking().FirstAsync(w => w.Id == wijkId, ct);
        var partner = ev.Calendar.Partner;
        var imported = ImportedSchedule.FromJson(ev.Schedule);
        foreach (var cancelled in imported.Changes.Where(c => c.Cancelled && string.IsNullOrWhiteSpace(c.Reason)))
            cancelled.Reason = T["PartnerCalendars.CancelledReason"];

        var existing = ev.ActivityId is { } activityId ? await nodes.FindAsync(NodeKind.Activity, activityId, ct: ct) as Activity : null;
        Activity draft;
        if (existing is not null)
        {
            var newest = (await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == existing.Key && v.Culture == ContentVersion.Dutch).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct))
                ?? ContentVersions.Baseline(existing);
            draft = ContentTreeReader.ParseNode(NodeKind.Activity, newest.Slug, newest.Text, []) as Activity ?? existing;
        }
        else
        {
            draft = new Activity
            {
                Key = Guid.NewGuid(),
                Slug = await FreeSlugAsync(wijk.Key, ev.Title.Length > 0 ? ev.Title : partner.Name, ct),
                AgeFromMonths = 0,
                AgeToMonths = 72,
                Languages = ["nl"],
                IsFree = true,
                Organiser = new Partner { Slug = partner.Slug },
            };
        }

        draft.Title = ev.Title.Length > 0 ? ev.Title : partner.Name;
        draft.Summary = Summary(ev, partner);
        draft.Body = ev.Description;
        draft.Type = type;
        draft.MeetingPlace = new MeetingPlace { Slug = place.Slug };
        draft.Organiser = new Partner { Slug = draft.Organiser?.Slug is { Length: > 0 } s ? s : partner.Slug };
        draft.Schedule = imported.Schedule;
        draft.ScheduleChanges = imported.Changes;
        draft.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        var text = ContentExporter.Render(draft);
        var comment = T["PartnerCalendars.VersionComment", ev.Calendar.Name].Value;

        var saved = existing is null
            ? await publisher.CreateAsync(NodeKind.Activity, draft.Key, wijk.Key, draft.Slug, text, actor, comment, ct)
            : await publisher.SaveDraftAsync(NodeKind.Activity, existing.Id, draft.Slug, text, actor, comment, ct);
        if (!saved.Ok)
            return saved;
        var id = saved.NodeId!.Value;
        var key = existing?.Key ?? draft.Key;

        // Linked at once, so a publish that fails below is retried on the same activity, not a second one.
        ev = await db.PartnerEvents.Include(e => e.Calendar).FirstAsync(e => e.Id == eventId, ct);
        ev.ActivityId = id;
        await db.SaveChangesAsync(ct);
        var number = await db.ContentVersions.Where(v => v.NodeKey == key && v.Culture == ContentVersion.Dutch).MaxAsync(v => v.Number, ct);
        var published = await publisher.PublishAsync(NodeKind.Activity, id, number, actor, "partner calendar", ct);
        if (!published.Ok)
            return published;

        ev = await db.PartnerEvents.Include(e => e.Calendar).FirstAsync(e => e.Id == eventId, ct);
        ev.Status = PartnerEventStatus.Published;
        ev.PublishedTitle = ev.Title;
        ev.PublishedDescription = ev.Description;
        ev.PublishedLocation = ev.Location;
        ev.PublishedSchedule = ev.Schedule;
        await RememberAsync(ev.Calendar.PartnerId, ev.Location, meetingPlaceId, type, ct);
        audit.Record(AuditAction.PartnerEventPublished, AuditTarget.PartnerEvent(ev.Id), $"as activity {id} version {number}", actor);
        await db.SaveChangesAsync(ct);
        return EditResult.Done(id);
    }

    /// <summary>Ignores a new event, or keeps a published one as it is despite the source's change.</summary>
    public async Task<EditResult> IgnoreAsync(int wijkId, int eventId, AuditActor actor, CancellationToken ct = default)
    {
        var ev = await db.PartnerEvents.FirstOrDefaultAsync(e => e.Id == eventId && e.Calendar.WijkId == wijkId, ct);
        if (ev is null || ev.Status is not (PartnerEventStatus.New or PartnerEventStatus.Changed))
            return EditResult.Fail("PartnerCalendars.Problem.NotPublishable");
        var detail = ev.Status == PartnerEventStatus.Changed ? "change kept out, published version stays" : "ignored";
        ev.Status = ev.Status == PartnerEventStatus.Changed ? PartnerEventStatus.Published : PartnerEventStatus.Ignored;
        audit.Record(AuditAction.PartnerEventIgnored, AuditTarget.PartnerEvent(ev.Id), detail, actor);
        await db.SaveChangesAsync(ct);
        return EditResult.Done();
    }

    /// <summary>
    /// Takes the activity of an event that is gone from the source offline (through the editor's unpublish). The event
    /// stays as <see cref="PartnerEventStatus.Offline"/> with the activity's id, so if the source brings it back it is
    /// reviewed again and re-published on the same activity.
    /// </summary>
    public async Task<EditResult> ConfirmRemovalAsync(int wijkId, int eventId, AuditActor actor, CancellationToken ct = default)
    {
        var ev = await db.PartnerEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId && e.Calendar.WijkId == wijkId, ct);
        if (ev is null || ev.Status != PartnerEventStatus.Removed)
            return EditResult.Fail("PartnerCalendars.Problem.NotRemoved");
        if (ev.ActivityId is { } activityId && await db.Activities.AnyAsync(a => a.Id == activityId && a.State == PublishState.Published, ct))
        {
            var offline = await publisher.UnpublishAsync(NodeKind.Activity, activityId, actor, "gone from the partner calendar", ct);
            if (!offline.Ok)
                return offline;
        }

        // Its moved dates went with it from the source; they come back with it, as InSeries rows made anew.
        await db.PartnerEvents.Where(e => e.PartnerCalendarId == ev.PartnerCalendarId && e.Uid == ev.Uid && e.Status == PartnerEventStatus.InSeries).ExecuteDeleteAsync(ct);
        await db.PartnerEvents.Where(e => e.Id == ev.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, PartnerEventStatus.Offline).SetProperty(e => e.UpdatedUtc, clock.GetUtcNow().UtcDateTime), ct);
        audit.Record(AuditAction.PartnerEventRemovalConfirmed, AuditTarget.PartnerEvent(ev.Id), ev.ActivityId is { } a ? $"activity {a} offline" : null, actor);
        await db.SaveChangesAsync(ct);
        return EditResult.Done();
    }

    /// <summary>The remembered place and type for a partner's location text.</summary>
    public static string LocationKey(string location)
    {
        var t = WhiteSpace().Replace(location.Trim(), " ").ToLowerInvariant();
        return t.Length <= ImportedEvent.MaxLocationLength ? t : t[..ImportedEvent.MaxLocationLength];
    }

    private async Task RememberAsync(int partnerId, string location, int meetingPlaceId, ActivityType type, CancellationToken ct)
    {
        var key = LocationKey(location);
        var mapping = await db.PartnerLocationMappings.FirstOrDefaultAsync(m => m.PartnerId == partnerId && m.LocationText == key, ct);
        if (mapping is null)
            db.PartnerLocationMappings.Add(mapping = new PartnerLocationMapping { PartnerId = partnerId, LocationText = key });
        mapping.MeetingPlaceId = meetingPlaceId;
        mapping.Type = type;
    }

    private string Summary(PartnerEvent ev, Partner partner)
    {
        var first = ev.Description.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var summary = string.IsNullOrEmpty(first) ? T["PartnerCalendars.DefaultSummary", partner.Name].Value : first;
        return summary.Length <= ContentLimits.MaxSummaryChars ? summary : summary[..(ContentLimits.MaxSummaryChars - 1)] + "…";
    }

    /// <summary>A slug from the title that no other activity of the wijk has (with -2, -3 … when it is taken).</summary>
    private async Task<string> FreeSlugAsync(Guid wijkKey, string title, CancellationToken ct)
    {
        var text = title.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in text.Where(c => char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
            sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        var slug = Dashes().Replace(sb.ToString(), "-").Trim('-');
        slug = slug.Length > 70 ? slug[..70].Trim('-') : slug;
        if (slug.Length == 0 || Slugs.Reserved.Contains(slug))
            slug = "activiteit";
        var candidate = slug;
        for (var n = 2; await nodes.SlugTakenAsync(NodeKind.Activity, wijkKey, candidate, Guid.Empty, ct); n++)
            candidate = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
        return candidate;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("-+")]
    private static partial Regex Dashes();
}

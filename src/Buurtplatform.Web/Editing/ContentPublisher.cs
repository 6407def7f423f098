using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Infrastructure.Caching;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.Vision;

namespace Buurtplatform.Web.Editing;

/// <summary>What an editing action did: done, or why not (a resource key for the person, and the draft's field errors).</summary>
public sealed record EditResult(bool Ok, string? Problem = null, IReadOnlyList<ContentError>? Errors = null, int? NodeId = null)
{
    public static EditResult Done(int? nodeId = null) => new(true, NodeId: nodeId);

    public static EditResult Fail(string problem, IReadOnlyList<ContentError>? errors = null) => new(false, problem, errors);
}

/// <summary>
/// Every change the backoffice makes to content, each in one transaction with its audit entry: saving a
/// draft, creating a node, publishing a version, taking a node offline, rolling back, deleting. Publishing
/// applies a version's text to the typed row with the import's own code (each kind's <c>Copy</c>, see <see cref="ContentCopy"/>),
/// raises an activity's SEQUENCE like the import does, leaves a redirect when the public path changes,
/// and records in the same transaction which cached pages and feeds it affects (<see cref="ContentCacheEviction"/>),
/// evicted on every node after the commit (<see cref="CacheChanges"/>).
/// </summary>
public sealed class ContentPublisher(
    AppDbContext db, ContentNodes nodes, ContentVersions versions, DraftValidation validation, AuditLog audit,
    TimeProvider clock, CacheChanges cache, ApprovalMail mail, DateChangeNotices notices, ILogger<ContentPublisher> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves the form's text as a new draft version of an existing node.</summary>
    public async Task<EditResult> SaveDraftAsync(NodeKind kind, int id, string slug, string text, AuditActor actor, string? comment, CancellationToken ct = default)
    {
        var node = await nodes.FindAsync(kind, id, tracked: false, ct);
        if (node is null)
            return EditResult.Fail("Editing.Problem.NotFound");
        var parentKey = ContentNodes.ParentKey(node);
        var check = await validation.CheckAsync(kind, node.Key, parentKey, slug, text, ct);
        if (!check.IsValid)
            return EditResult.Fail("Editing.Problem.Invalid", check.Errors);

        return await InTransactionAsync(async () =>
        {
            var all = await versions.EnsureBaselineAsync(node, ct);
            var version = versions.AddDraft(all, check.Node!, parentKey, actor, comment);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);
    }

    /// <summary>
    /// Creates a node from the form's text: its row (offline, so parents do not see it yet) and version 1.
    /// <paramref name="parentKey"/> is the wijk (or, for a wijk, the gemeente); null for a gemeente.
    /// </summary>
    public async Task<EditResult> CreateAsync(NodeKind kind, Guid key, Guid? parentKey, string slug, string text, AuditActor actor, string? comment, CancellationToken ct = default)
    {
        var check = await validation.CheckAsync(kind, key, parentKey, slug, text, ct);
        if (!check.IsValid)
            return EditResult.Fail("Editing.Problem.Invalid", check.Errors);
        if (kind == NodeKind.Vision && await db.Visions.AnyAsync(v => v.Wijk.Key == parentKey, ct))
            return EditResult.Fail("Editing.Problem.VisionExists");

        return await InTransactionAsync(async () =>
        {
            var errors = new List<ContentError>();
            var parsed = ContentTreeReader.ParseNode(kind, check.Node!.Slug, ContentExporter.Render(check.Node), errors)!;
            var row = await ApplyAsync(kind, null, parsed, parentKey, errors, ct);
            if (row is null)
                return EditResult.Fail("Editing.Problem.Invalid", errors);
            row.State = PublishState.Draft;
            row.CreatedUtc = row.UpdatedUtc = Now;
            versions.AddDraft([], check.Node, parentKey, actor, comment);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(row.Id);
        }, ct);
    }

    /// <summary>Makes version <paramref name="number"/> (the newest, a draft) live.</summary>
    /// <param name="how">For the audit log: null (published by hand), "approved", "planned".</param>
    public async Task<EditResult> PublishAsync(NodeKind kind, int id, int number, AuditActor actor, string? how = null, CancellationToken ct = default)
    {
        CacheChange? change = null;
        var result = await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: true, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var all = await versions.EnsureBaselineAsync(node, ct);
            var version = all.FirstOrDefault(v => v.Number == number);
            if (version is null)
                return EditResult.Fail("Editing.Problem.NoSuchVersion");
            if (version != all[0] || !version.IsOpen)
                return EditResult.Fail("Editing.Problem.NotNewestDraft");

            var errors = new List<ContentError>();
            var parsed = ContentTreeReader.ParseNode(kind, version.Slug, version.Text, errors);
            if (parsed is null)
                return EditResult.Fail("Editing.Problem.Invalid", errors);
            if (kind != NodeKind.Vision && await nodes.SlugTakenAsync(kind, ContentNodes.ParentKey(node), version.Slug, node.Key, ct))
                return EditResult.Fail("Editing.Problem.Invalid", [new ContentError("", 0, "slug", "slug taken", ContentErrorCodes.SlugTaken)]);

            var everPublished = ContentVersions.EverPublished(node, all);
            var oldPath = ContentNodes.PublicPath(node);
            var oldPlace = (node as Activity)?.MeetingPlace.Key;
            var (fingerprint, sequence) = node is Activity before ? (ActivityFile.SchedulingFingerprint(before), before.Sequence) : (null, 0);
            // The dates parents signed up for, as they were live: a date cancelled or moved by this publish is told to them.
            var datesBefore = node is Activity { State: PublishState.Published } live ? notices.Snapshot(live) : null;
            if (await ApplyAsync(kind, node, parsed, ContentNodes.ParentKey(node), errors, ct) is null)
                return EditResult.Fail("Editing.Problem.Invalid", errors);
            node.State = PublishState.Published;
            node.UpdatedUtc = Now;

            // SEQUENCE as the import raises it, with going live (status) counted as a change too.
            if (node is Activity after)
                after.Sequence = Math.Max(((Activity)parsed).Sequence, fingerprint != ActivityFile.SchedulingFingerprint(after) ? sequence + 1 : sequence);

            foreach (var other in all.Where(v => v != version && (v.Status == VersionStatus.Published || v.IsOpen)))
                other.Status = VersionStatus.Archived;
            var wasAwaiting = version.Status == VersionStatus.AwaitingApproval;
            version.Status = VersionStatus.Published;
            version.PublishedById = actor.UserId;
            version.PublishedByName = actor.Name;
            version.PublishedUtc = Now;

            var newPath = ContentNodes.PublicPath(node);
            if (everPublished && oldPath is not null && newPath is not null && oldPath != newPath)
                await AddRedirectAsync(oldPath, node, ct);
            if (newPath is not null)
                await db.ContentRedirects.Where(r => r.OldPath == newPath).ExecuteDeleteAsync(ct);

            audit.Record(AuditAction.Publish, ContentNodes.AuditTarget(kind, id),
                $"{kind} '{ContentNodes.Title(node)}' version {number}{(how is null ? "" : $" ({how})")}", actor);
            if (node is Activity published && datesBefore is not null)
                await notices.NotifyAsync(published, DateChangeNotices.Between(datesBefore, notices.Snapshot(published), published.Sequence), actor, ct);
            if (wasAwaiting)
                await mail.ToSubmitterAsync(node, version, approved: true, actor.Name, null, ct);
            await db.SaveChangesAsync(ct);
            change = await cache.RecordAsync(ContentCacheEviction.TagsFor(node, oldPlace), ct);
            return EditResult.Done(id);
        }, ct);

        if (result.Ok)
        {
            await cache.EvictAsync(change!, ct);
            logger.LogInformation("Published {Kind} {Id} version {Number}", kind, id, number);
        }

        return result;
    }

    /// <summary>Takes a node offline: parents get 404 (its drafts and versions stay).</summary>
    public async Task<EditResult> UnpublishAsync(NodeKind kind, int id, AuditActor actor, string? how = null, CancellationToken ct = default)
    {
        CacheChange? change = null;
        var result = await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: true, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            if (node.State != PublishState.Published)
                return EditResult.Fail("Editing.Problem.AlreadyOffline");
            var all = await versions.EnsureBaselineAsync(node, ct);
            var liveVersion = all.FirstOrDefault(v => v.Status == VersionStatus.Published)?.Number ?? 0;
            var fingerprint = node is Activity a ? ActivityFile.SchedulingFingerprint(a) : null;
            node.State = PublishState.Draft;
            node.UpdatedUtc = Now;
            if (node is Activity changed && fingerprint != ActivityFile.SchedulingFingerprint(changed))
                changed.Sequence++; // calendar apps learn the dates are gone

            // The version that was live becomes the working draft again (so "Publiceren" puts it back), unless a newer draft exists.
            foreach (var live in all.Where(v => v.Status == VersionStatus.Published))
                live.Status = live == all[0] ? VersionStatus.Draft : VersionStatus.Archived;
            if (node is Activity offline)
                await notices.NotifyGoneAsync(offline, DateChangeKind.Offline, $"offline:v{liveVersion}", actor, ct);
            audit.Record(AuditAction.Unpublish, ContentNodes.AuditTarget(kind, id),
                $"{kind} '{ContentNodes.Title(node)}'{(how is null ? "" : $" ({how})")}", actor);
            await db.SaveChangesAsync(ct);
            change = await cache.RecordAsync(ContentCacheEviction.TagsFor(node), ct);
            return EditResult.Done(id);
        }, ct);

        if (result.Ok)
            await cache.EvictAsync(change!, ct);
        return result;
    }

    /// <summary>Makes a new draft with the content of version <paramref name="number"/>. What is live does not change until it is published.</summary>
    public async Task<EditResult> RollbackAsync(NodeKind kind, int id, int number, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var all = await versions.EnsureBaselineAsync(node, ct);
            var source = all.FirstOrDefault(v => v.Number == number);
            if (source is null)
                return EditResult.Fail("Editing.Problem.NoSuchVersion");
            var errors = new List<ContentError>();
            var parsed = ContentTreeReader.ParseNode(kind, source.Slug, source.Text, errors);
            if (parsed is null)
                return EditResult.Fail("Editing.Problem.Invalid", errors);
            var version = versions.AddDraft(all, parsed, ContentNodes.ParentKey(node), actor, comment: null, restoredFrom: number);
            audit.Record(AuditAction.Rollback, ContentNodes.AuditTarget(kind, id),
                $"{kind} '{ContentNodes.Title(node)}': version {version.Number} made from version {number}", actor);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    /// <summary>Deletes a node that nothing else uses, with its versions, plans, redirects and translations.</summary>
    public async Task<EditResult> DeleteAsync(NodeKind kind, int id, AuditActor actor, CancellationToken ct = default)
    {
        CacheChange? change = null;
        var result = await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: true, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            if (await InUseAsync(node, ct) is { } problem)
                return EditResult.Fail(problem);

            var wasPublic = node.State == PublishState.Published;
            change = await cache.RecordAsync(ContentCacheEviction.TagsFor(node), ct);
            if (node is Activity deleted && wasPublic)
                await notices.NotifyGoneAsync(deleted, DateChangeKind.Deleted, "deleted", actor, ct);
            db.Remove(node);
            await db.ContentVersions.Where(v => v.NodeKey == node.Key).ExecuteDeleteAsync(ct);
            await db.ContentSchedules.Where(s => s.NodeKey == node.Key).ExecuteDeleteAsync(ct);
            await db.ContentRedirects.Where(r => r.NodeKey == node.Key).ExecuteDeleteAsync(ct);
            await db.ContentTranslations.Where(t => t.NodeKey == node.Key).ExecuteDeleteAsync(ct);
            if (node is MeetingPlace)
                await db.StaffMeetingPlaces.Where(s => s.MeetingPlaceId == id).ExecuteDeleteAsync(ct);
            if (node is Wijk)
                await db.StaffWijken.Where(s => s.WijkId == id).ExecuteDeleteAsync(ct);
            audit.Record(AuditAction.Delete, ContentNodes.AuditTarget(kind, id),
                $"{kind} '{ContentNodes.Title(node)}' ({node.Key:D}){(wasPublic ? ", was online" : "")}", actor);
            await db.SaveChangesAsync(ct);
            return EditResult.Done();
        }, ct);

        if (result.Ok)
            await cache.EvictAsync(change!, ct);
        return result;
    }

    /// <summary>Why a node cannot be deleted yet (a resource key), or null.</summary>
    public async Task<string?> InUseAsync(ContentNode node, CancellationToken ct = default) => node switch
    {
        Gemeente g when await db.Wijken.AnyAsync(w => w.GemeenteId == g.Id, ct) => "Editing.Problem.GemeenteHasWijken",
        Wijk w when await db.MeetingPlaces.AnyAsync(p => p.WijkId == w.Id, ct) || await db.Activities.AnyAsync(a => a.WijkId == w.Id, ct)
            || await db.Partners.AnyAsync(p => p.WijkId == w.Id, ct) || await db.Visions.AnyAsync(v => v.WijkId == w.Id, ct) => "Editing.Problem.WijkNotEmpty",
        MeetingPlace m when await db.Activities.AnyAsync(a => a.MeetingPlaceId == m.Id, ct) => "Editing.Problem.PlaceHasActivities",
        Partner p when await db.MeetingPlaces.AnyAsync(m => m.HostPartnerId == p.Id, ct) => "Editing.Problem.PartnerHostsPlace",
        Partner p when await db.Activities.AnyAsync(a => a.OrganiserId == p.Id, ct) => "Editing.Problem.PartnerOrganises",
        Partner p when await db.PartnerCalendars.AnyAsync(c => c.PartnerId == p.Id, ct) => "Editing.Problem.PartnerHasCalendar",
        _ => null,
    };

    /// <summary>Does the draft of a new activity wait for a wijk editor? (a professional, in a wijk that asks for approval, never live before)</summary>
    public async Task<bool> NeedsApprovalAsync(System.Security.Claims.ClaimsPrincipal user, ContentNode node, CancellationToken ct = default)
    {
        if (node is not Activity a || Backoffice.StaffScope.Role(user) != StaffRole.Professional)
            return false;
        var wijkAsks = await db.Wijken.Where(w => w.Id == a.WijkId).Select(w => w.ProfessionalActivitiesNeedApproval).FirstOrDefaultAsync(ct);
        if (!wijkAsks)
            return false;
        var stored = await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == node.Key && v.Culture == ContentVersion.Dutch).ToListAsync(ct);
        return !ContentVersions.EverPublished(node, stored);
    }

    /// <summary>A professional offers the newest draft for approval.</summary>
    public async Task<EditResult> SubmitForApprovalAsync(NodeKind kind, int id, int number, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var all = await versions.EnsureBaselineAsync(node, ct);
            var version = all.FirstOrDefault(v => v.Number == number);
            if (version is null || version != all[0] || version.Status is not (VersionStatus.Draft or VersionStatus.SentBack))
                return EditResult.Fail("Editing.Problem.NotNewestDraft");
            version.Status = VersionStatus.AwaitingApproval;
            await mail.ToEditorsAsync(node, actor.Name, ct);
            audit.Record(AuditAction.SubmitForApproval, ContentNodes.AuditTarget(kind, id), $"{kind} '{ContentNodes.Title(node)}' version {number}", actor);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    /// <summary>A wijk editor sends the draft back with a comment the professional sees.</summary>
    public async Task<EditResult> SendBackAsync(NodeKind kind, int id, int number, string comment, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.NodeKey == node.Key && v.Culture == ContentVersion.Dutch && v.Number == number, ct);
            if (version is null || version.Status != VersionStatus.AwaitingApproval)
                return EditResult.Fail("Editing.Problem.NotAwaiting");
            version.Status = VersionStatus.SentBack;
            version.ReviewComment = comment.Trim().Length > 2000 ? comment.Trim()[..2000] : comment.Trim();
            version.ReviewedByName = actor.Name;
            version.ReviewedUtc = Now;
            audit.Record(AuditAction.SendBack, ContentNodes.AuditTarget(kind, id), $"{kind} '{ContentNodes.Title(node)}' version {number}", actor);
            await mail.ToSubmitterAsync(node, version, approved: false, actor.Name, version.ReviewComment, ct);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    /// <summary>Plans a publish and/or unpublish; null clears that part of the plan.</summary>
    public async Task<EditResult> ScheduleAsync(NodeKind kind, int id, DateTime? publishAtUtc, DateTime? unpublishAtUtc, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var plan = await db.ContentSchedules.FirstOrDefaultAsync(s => s.NodeKey == node.Key, ct);
            if (plan is null)
                db.ContentSchedules.Add(plan = new ContentSchedule { NodeKey = node.Key, Kind = kind });
            plan.PublishAtUtc = publishAtUtc;
            (plan.PublishSetById, plan.PublishSetByName) = publishAtUtc is null ? (null, null) : (actor.UserId, actor.Name);
            plan.UnpublishAtUtc = unpublishAtUtc;
            (plan.UnpublishSetById, plan.UnpublishSetByName) = unpublishAtUtc is null ? (null, null) : (actor.UserId, actor.Name);
            plan.LastError = null;
            if (publishAtUtc is null && unpublishAtUtc is null)
                db.ContentSchedules.Remove(plan);
            audit.Record(AuditAction.Schedule, ContentNodes.AuditTarget(kind, id),
                $"{kind} '{ContentNodes.Title(node)}': publish {Iso(publishAtUtc)}, unpublish {Iso(unpublishAtUtc)}", actor);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    private static string Iso(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    private async Task AddRedirectAsync(string oldPath, ContentNode node, CancellationToken ct)
    {
        var existing = await db.ContentRedirects.FirstOrDefaultAsync(r => r.OldPath == oldPath, ct);
        if (existing is null)
            db.ContentRedirects.Add(existing = new ContentRedirect { OldPath = oldPath });
        existing.NodeKey = node.Key;
        existing.Kind = NodeKinds.Of(node);
        existing.CreatedUtc = Now;
    }

    /// <summary>
    /// Copies a parsed node onto its row (a new row when <paramref name="row"/> is null), with the parent and
    /// references resolved in the database. Returns null (and adds errors) when a reference names nothing.
    /// </summary>
    private async Task<ContentNode?> ApplyAsync(NodeKind kind, ContentNode? row, ContentNode parsed, Guid? parentKey, List<ContentError> errors, CancellationToken ct)
    {
        await ContentReferences.ResolveAsync(db, parsed, parentKey, errors, tracked: true, ct);
        if (errors.Count > 0)
            return null;
        var wijk = kind is NodeKind.Gemeente or NodeKind.Wijk ? null
            : row is not null ? ContentNodes.WijkOf(row)
            : await db.Wijken.Include(w => w.Gemeente).FirstAsync(w => w.Key == parentKey, ct);
        T New<T>() where T : ContentNode, new()
        {
            var created = new T { Key = parsed.Key };
            db.Add(created);
            return created;
        }

        switch (kind)
        {
            case NodeKind.Gemeente:
                var g = (Gemeente)(row ?? New<Gemeente>());
                GemeenteFile.Copy(g, (Gemeente)parsed);
                row = g;
                break;
            case NodeKind.Wijk:
                var w = (Wijk)(row ?? New<Wijk>());
                var gemeente = row is not null ? w.Gemeente : await db.Gemeenten.FirstAsync(x => x.Key == parentKey, ct);
                WijkFile.Copy(w, (Wijk)parsed, gemeente);
                // Activities that skip "the wijk's" school holidays follow a changed region (their pages carry the wijk's tag).
                if (w.Id != 0)
                {
                    foreach (var following in await db.Activities.Where(a => a.WijkId == w.Id && a.Schedule.SkipWijkSchoolHolidays).ToListAsync(ct))
                        following.Schedule.SkipSchoolHolidays = w.Region;
                }

                row = w;
                break;
            case NodeKind.Vision:
                var v = (Vision.Vision)(row ?? New<Vision.Vision>());
                VisionFile.Copy(v, (Vision.Vision)parsed, wijk!);
                row = v;
                break;
            case NodeKind.Partner:
                var p = (Partner)(row ?? New<Partner>());
                PartnerFile.Copy(p, (Partner)parsed, wijk!);
                row = p;
                break;
            case NodeKind.MeetingPlace:
                var m = (MeetingPlace)(row ?? New<MeetingPlace>());
                var fromPlace = (MeetingPlace)parsed;
                MeetingPlaceFile.Copy(m, fromPlace, wijk!, fromPlace.HostPartner);
                row = m;
                break;
            case NodeKind.Activity:
                var a = (Activity)(row ?? New<Activity>());
                var fromActivity = (Activity)parsed;
                var before = a.Id == 0 ? null : ActivityFile.SchedulingFingerprint(a);
                ActivityFile.Copy(a, fromActivity, wijk!, fromActivity.MeetingPlace, fromActivity.Organiser, before);
                row = a;
                break;
        }

        row!.Slug = parsed.Slug;
        return row;
    }

    /// <summary>Runs the work in one transaction (<see cref="EditingTransaction"/>).</summary>
    private Task<EditResult> InTransactionAsync(Func<Task<EditResult>> work, CancellationToken ct) => EditingTransaction.RunAsync(db, logger, work, ct);
}

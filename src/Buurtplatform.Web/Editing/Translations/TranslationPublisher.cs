using System.Security.Claims;
using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Infrastructure.Caching;

namespace Buurtplatform.Web.Editing.Translations;

/// <summary>
/// Every change the backoffice makes to one node's translation into one language, each in one transaction with its audit
/// entry, as <see cref="ContentPublisher"/> does for the Dutch text: drafts are versions (<see cref="ContentVersion.Culture"/>
/// set, the text a translation file's); publishing writes the <see cref="ContentTranslation"/> row the public pages read,
/// with the hash of the node's Dutch text at that moment, and evicts the node's cached pages on every node after the commit;
/// taking it offline deletes the row (the pages show Dutch again). "Vertaling klopt nog" records the Dutch text's hash now,
/// as a new version with the same text.
/// </summary>
public sealed class TranslationPublisher(
    AppDbContext db, ContentNodes nodes, AuditLog audit, TimeProvider clock, CacheChanges cache, ApprovalMail mail, ILogger<TranslationPublisher> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The versions of the node's translation into <paramref name="culture"/>, newest first (tracked).</summary>
    public Task<List<ContentVersion>> ListAsync(Guid key, string culture, CancellationToken ct = default) =>
        db.ContentVersions.Where(v => v.NodeKey == key && v.Culture == culture).OrderByDescending(v => v.Number).ToListAsync(ct);

    /// <summary>For pages that only read: the stored versions, or the (unsaved) baseline of an imported translation, or none.</summary>
    public async Task<List<ContentVersion>> ListForReadingAsync(ContentNode node, string culture, CancellationToken ct = default)
    {
        var stored = await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == node.Key && v.Culture == culture)
            .OrderByDescending(v => v.Number).ToListAsync(ct);
        if (stored.Count > 0)
            return stored;
        var row = await db.ContentTranslations.AsNoTracking().FirstOrDefaultAsync(t => t.NodeKey == node.Key && t.Culture == culture, ct);
        return row is null ? [] : [Baseline(node, row)];
    }

    /// <summary>Version 1 of a translation that was imported (a row, no versions): the row as the export writes it, published.</summary>
    public static ContentVersion Baseline(ContentNode node, ContentTranslation row) => new()
    {
        NodeKey = node.Key,
        Kind = row.Kind,
        Culture = row.Culture,
        ParentKey = ContentNodes.ParentKey(node),
        Number = 1,
        Slug = node.Slug,
        Status = VersionStatus.Published,
        Text = TranslationFile.Write(row),
        Title = TitleOf(node, row.Fields),
        CreatedByName = "import",
        CreatedUtc = row.UpdatedUtc,
        PublishedByName = "import",
        PublishedUtc = row.UpdatedUtc,
    };

    /// <summary>Saves the form's fields (path → text; empty ones are shown in Dutch) as the newest draft of the node's translation.</summary>
    public async Task<EditResult> SaveDraftAsync(NodeKind kind, int id, string culture, IReadOnlyDictionary<string, string?> input, AuditActor actor, string? comment, CancellationToken ct = default)
    {
        if (!ContentTranslation.Cultures.Contains(culture))
            return EditResult.Fail("Editing.Problem.NotFound");
        var node = await nodes.FindAsync(kind, id, tracked: false, ct);
        if (node is null)
            return EditResult.Fail("Editing.Problem.NotFound");
        var translatable = TranslatableFields.For(kind);
        var fields = TranslationText.Clean(translatable, input);
        if (TranslationText.Check(kind, fields).Count > 0)
            return EditResult.Fail("Translation.Problem.Invalid");
        var text = TranslationText.Write(kind, fields, translatable.SourceHash(node));
        var errors = new List<ContentError>();
        if (TranslationText.Read(node, culture, text, errors) is null)
            return EditResult.Fail("Translation.Problem.Invalid", errors);

        return await InTransactionAsync(async () =>
        {
            var all = await EnsureBaselineAsync(node, culture, ct);
            AddVersion(all, node, culture, text, fields, actor, comment, VersionStatus.Draft);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);
    }

    /// <summary>Makes version <paramref name="number"/> (the newest, a draft) of the translation live.</summary>
    /// <param name="how">For the audit log: null (published by hand) or "approved".</param>
    public async Task<EditResult> PublishAsync(NodeKind kind, int id, string culture, int number, AuditActor actor, string? how = null, CancellationToken ct = default)
    {
        CacheChange? change = null;
        var result = await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null || !ContentTranslation.Cultures.Contains(culture))
                return EditResult.Fail("Editing.Problem.NotFound");
            var all = await EnsureBaselineAsync(node, culture, ct);
            var version = all.FirstOrDefault(v => v.Number == number);
            if (version is null)
                return EditResult.Fail("Editing.Problem.NoSuchVersion");
            if (version != all[0] || !version.IsOpen)
                return EditResult.Fail("Editing.Problem.NotNewestDraft");
            var errors = new List<ContentError>();
            if (TranslationText.Read(node, culture, version.Text, errors) is not { } parsed)
                return EditResult.Fail("Translation.Problem.Invalid", errors);

            var row = await db.ContentTranslations.FirstOrDefaultAsync(t => t.NodeKey == node.Key && t.Culture == culture, ct);
            if (row is null)
                db.ContentTranslations.Add(row = new ContentTranslation { NodeKey = node.Key, Culture = culture });
            row.Kind = kind;
            row.Fields = parsed.Fields;
            row.SourceHash = TranslatableFields.For(kind).SourceHash(node); // the Dutch text parents read now
            row.UpdatedUtc = Now;

            foreach (var other in all.Where(v => v != version && (v.Status == VersionStatus.Published || v.IsOpen)))
                other.Status = VersionStatus.Archived;
            var wasAwaiting = version.Status == VersionStatus.AwaitingApproval;
            version.Status = VersionStatus.Published;
            version.PublishedById = actor.UserId;
            version.PublishedByName = actor.Name;
            version.PublishedUtc = Now;
            audit.Record(AuditAction.Publish, ContentNodes.AuditTarget(kind, id), Detail(node, culture, $"version {number}{(how is null ? "" : $" ({how})")}"), actor);
            if (wasAwaiting)
                await mail.ToSubmitterAsync(node, version, approved: true, actor.Name, null, ct);
            await db.SaveChangesAsync(ct);
            change = await cache.RecordAsync(ContentCacheEviction.TagsFor(node), ct);
            return EditResult.Done(id);
        }, ct);
        return await EvictedAsync(result, change, ct);
    }

    /// <summary>Takes the translation offline: its row goes, so the public pages show the Dutch text again (its versions stay).</summary>
    public async Task<EditResult> UnpublishAsync(NodeKind kind, int id, string culture, AuditActor actor, CancellationToken ct = default)
    {
        CacheChange? change = null;
        var result = await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var row = await db.ContentTranslations.FirstOrDefaultAsync(t => t.NodeKey == node.Key && t.Culture == culture, ct);
            if (row is null)
                return EditResult.Fail("Editing.Problem.AlreadyOffline");
            var all = await EnsureBaselineAsync(node, culture, ct);
            db.ContentTranslations.Remove(row);

            // The version that was live becomes the working draft again (so "Publiceren" puts it back), unless a newer draft exists.
            foreach (var live in all.Where(v => v.Status == VersionStatus.Published))
                live.Status = live == all[0] ? VersionStatus.Draft : VersionStatus.Archived;
            audit.Record(AuditAction.Unpublish, ContentNodes.AuditTarget(kind, id), Detail(node, culture, "offline"), actor);
            await db.SaveChangesAsync(ct);
            change = await cache.RecordAsync(ContentCacheEviction.TagsFor(node), ct);
            return EditResult.Done(id);
        }, ct);
        return await EvictedAsync(result, change, ct);
    }

    /// <summary>
    /// "Vertaling klopt nog": the live translation is still right for the Dutch text as it is now. A new version with the same
    /// fields and the Dutch text's hash of now is published at once, so the translation is no longer stale.
    /// </summary>
    public async Task<EditResult> ConfirmAsync(NodeKind kind, int id, string culture, AuditActor actor, CancellationToken ct = default)
    {
        CacheChange? change = null;
        var result = await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var row = await db.ContentTranslations.FirstOrDefaultAsync(t => t.NodeKey == node.Key && t.Culture == culture, ct);
            if (row is null)
                return EditResult.Fail("Translation.Problem.NotOnline");
            var all = await EnsureBaselineAsync(node, culture, ct);
            if (all[0].IsOpen)
                return EditResult.Fail("Translation.Problem.DraftFirst");
            var hash = TranslatableFields.For(kind).SourceHash(node);
            var version = AddVersion(all, node, culture, TranslationText.Write(kind, row.Fields, hash), row.Fields, actor, comment: null, VersionStatus.Published);
            foreach (var older in all.Where(v => v != version && v.Status == VersionStatus.Published))
                older.Status = VersionStatus.Archived;
            version.PublishedById = actor.UserId;
            version.PublishedByName = actor.Name;
            version.PublishedUtc = Now;
            row.SourceHash = hash;
            audit.Record(AuditAction.TranslationConfirmed, ContentNodes.AuditTarget(kind, id), Detail(node, culture, $"version {version.Number}, still right for the Dutch text {hash}"), actor);
            await db.SaveChangesAsync(ct);
            change = await cache.RecordAsync(ContentCacheEviction.TagsFor(node), ct);
            return EditResult.Done(id);
        }, ct);
        return await EvictedAsync(result, change, ct);
    }

    /// <summary>Makes a new draft with the text of version <paramref name="number"/>. What is live does not change until it is published.</summary>
    public async Task<EditResult> RollbackAsync(NodeKind kind, int id, string culture, int number, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var all = await EnsureBaselineAsync(node, culture, ct);
            var source = all.FirstOrDefault(v => v.Number == number);
            if (source is null)
                return EditResult.Fail("Editing.Problem.NoSuchVersion");
            var errors = new List<ContentError>();
            if (TranslationText.Read(node, culture, source.Text, errors) is not { } parsed)
                return EditResult.Fail("Translation.Problem.Invalid", errors);
            var version = AddVersion(all, node, culture, source.Text, parsed.Fields, actor, comment: null, VersionStatus.Draft, restoredFrom: number);
            audit.Record(AuditAction.Rollback, ContentNodes.AuditTarget(kind, id), Detail(node, culture, $"version {version.Number} made from version {number}"), actor);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    /// <summary>
    /// Does the person's translation wait for a wijk editor? The rule of new activities, per language: a professional, an
    /// activity in a wijk that asks for approval, and this translation never live before.
    /// </summary>
    public async Task<bool> NeedsApprovalAsync(ClaimsPrincipal user, ContentNode node, string culture, CancellationToken ct = default)
    {
        if (node is not Activity a || StaffScope.Role(user) != StaffRole.Professional)
            return false;
        if (!await db.Wijken.Where(w => w.Id == a.WijkId).Select(w => w.ProfessionalActivitiesNeedApproval).FirstOrDefaultAsync(ct))
            return false;
        return !await db.ContentTranslations.AnyAsync(t => t.NodeKey == node.Key && t.Culture == culture, ct)
            && !await db.ContentVersions.AnyAsync(v => v.NodeKey == node.Key && v.Culture == culture && v.PublishedUtc != null, ct);
    }

    /// <summary>The newest draft is offered to the wijk's editors (who get a mail).</summary>
    public async Task<EditResult> SubmitForApprovalAsync(NodeKind kind, int id, string culture, int number, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var all = await EnsureBaselineAsync(node, culture, ct);
            var version = all.FirstOrDefault(v => v.Number == number);
            if (version is null || version != all[0] || version.Status is not (VersionStatus.Draft or VersionStatus.SentBack))
                return EditResult.Fail("Editing.Problem.NotNewestDraft");
            version.Status = VersionStatus.AwaitingApproval;
            await mail.ToEditorsAsync(node, actor.Name, ct);
            audit.Record(AuditAction.SubmitForApproval, ContentNodes.AuditTarget(kind, id), Detail(node, culture, $"version {number}"), actor);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    /// <summary>A wijk editor sends the draft back with a comment the professional sees.</summary>
    public async Task<EditResult> SendBackAsync(NodeKind kind, int id, string culture, int number, string comment, AuditActor actor, CancellationToken ct = default) =>
        await InTransactionAsync(async () =>
        {
            var node = await nodes.FindAsync(kind, id, tracked: false, ct);
            if (node is null)
                return EditResult.Fail("Editing.Problem.NotFound");
            var version = await db.ContentVersions.FirstOrDefaultAsync(v => v.NodeKey == node.Key && v.Culture == culture && v.Number == number, ct);
            if (version is null || version.Status != VersionStatus.AwaitingApproval)
                return EditResult.Fail("Editing.Problem.NotAwaiting");
            version.Status = VersionStatus.SentBack;
            version.ReviewComment = comment.Trim().Length > 2000 ? comment.Trim()[..2000] : comment.Trim();
            version.ReviewedByName = actor.Name;
            version.ReviewedUtc = Now;
            audit.Record(AuditAction.SendBack, ContentNodes.AuditTarget(kind, id), Detail(node, culture, $"version {number}"), actor);
            await mail.ToSubmitterAsync(node, version, approved: false, actor.Name, version.ReviewComment, ct);
            await db.SaveChangesAsync(ct);
            return EditResult.Done(id);
        }, ct);

    /// <summary>Before any change: makes sure an imported translation's row is stored as version 1; returns all versions, newest first.</summary>
    private async Task<List<ContentVersion>> EnsureBaselineAsync(ContentNode node, string culture, CancellationToken ct)
    {
        var all = await ListAsync(node.Key, culture, ct);
        if (all.Count == 0 && await db.ContentTranslations.AsNoTracking().FirstOrDefaultAsync(t => t.NodeKey == node.Key && t.Culture == culture, ct) is { } row)
        {
            var baseline = Baseline(node, row);
            db.ContentVersions.Add(baseline);
            all.Add(baseline);
        }

        return all;
    }

    /// <summary>A new newest version; older drafts are archived (the newest is the working copy, and older preview links stop).</summary>
    private ContentVersion AddVersion(List<ContentVersion> all, ContentNode node, string culture, string text, IReadOnlyDictionary<string, string> fields,
        AuditActor actor, string? comment, VersionStatus status, int? restoredFrom = null)
    {
        foreach (var older in all.Where(v => v.IsOpen))
            older.Status = VersionStatus.Archived;
        var version = new ContentVersion
        {
            NodeKey = node.Key,
            Kind = NodeKinds.Of(node),
            Culture = culture,
            ParentKey = ContentNodes.ParentKey(node),
            Number = all.Count == 0 ? 1 : all.Max(v => v.Number) + 1,
            Slug = node.Slug,
            Status = status,
            Text = text,
            Title = TitleOf(node, fields),
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            CreatedUtc = Now,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : Truncate(comment.Trim(), 1000),
            RestoredFromNumber = restoredFrom,
        };
        db.ContentVersions.Add(version);
        all.Insert(0, version);
        return version;
    }

    /// <summary>The translated title for lists (the approval queue), else the Dutch one.</summary>
    private static string TitleOf(ContentNode node, IReadOnlyDictionary<string, string> fields) =>
        Truncate(fields.GetValueOrDefault("title") ?? ContentNodes.Title(node), 200);

    private static string Detail(ContentNode node, string culture, string what) =>
        $"{NodeKinds.Of(node)} '{ContentNodes.Title(node)}' translation {culture}: {what}";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private async Task<EditResult> EvictedAsync(EditResult result, CacheChange? change, CancellationToken ct)
    {
        if (result.Ok)
            await cache.EvictAsync(change!, ct);
        return result;
    }

    private Task<EditResult> InTransactionAsync(Func<Task<EditResult>> work, CancellationToken ct) => EditingTransaction.RunAsync(db, logger, work, ct);
}

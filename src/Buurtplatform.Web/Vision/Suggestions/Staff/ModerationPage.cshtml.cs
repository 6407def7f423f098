using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Editing;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.Infrastructure.Caching;

namespace Buurtplatform.Web.Vision.Suggestions.Staff;

/// <summary>
/// A wijk's queue of parents' ideas on its vision (its editors and administrators; the route's <c>wijkId</c> is
/// scope-checked before the page runs): publish, answer (in public or only by mail), merge duplicates, decline
/// with a reason, mark "verwerkt in de visie" with the vision version that took it in; and the editor's own
/// choice of a daily digest. Every action is one transaction with its audit entry and the parent's mail; the
/// vision page's cached copies are evicted after the commit.
/// </summary>
/// <remarks>
/// A posted idea id must belong to this wijk's vision (else 404), so a scoped route cannot reach another wijk's ideas.
/// Staff never see the parent's e-mail address (only whether there is one) nor a first name the parent chose not to show.
/// </remarks>
public sealed class ModerationPageModel(AppDbContext db, AuditLog audit, SuggestionMails mails, TimeProvider clock, CacheChanges cache, IStringLocalizer<SharedResource> T) : PageModel
{
    // The fields of the cards' forms; each input's id is the field and the idea's number (antwoord-12).
    public const string AnswerField = "antwoord";
    public const string AudienceField = "wie";
    public const string ReasonField = "reden";
    public const string MergeField = "samenvoegen";
    public const string VersionField = "versie";
    public const string ChangeField = "verandering";

    public sealed record VersionChoice(int Number, DateTime PublishedUtc);

    public Wijk Wijk { get; private set; } = null!;

    public Vision? Vision { get; private set; }

    public List<VisionSuggestion> Suggestions { get; private set; } = [];

    /// <summary>How many ideas were merged into each one.</summary>
    public Dictionary<int, int> MergedCounts { get; private set; } = [];

    /// <summary>The vision's versions that were live at some time, newest first: what "verwerkt in de visie" can point to.</summary>
    public List<VersionChoice> Versions { get; private set; } = [];

    public bool DigestOn { get; private set; }

    /// <summary>The refused form's field ids are <c>{field}-{suggestionId}</c>, as in the view.</summary>
    public static string FieldId(string field, int suggestionId) => $"{field}-{suggestionId}";

    /// <summary>
    /// What the editor typed in the form that was refused, by field id: shown again in that idea's card (its
    /// actions open), so a refused form never loses the text. Empty on a GET.
    /// </summary>
    public Dictionary<string, string?> Typed { get; } = new(StringComparer.Ordinal);

    /// <summary>The idea whose form was refused: its card shows the errors and opens its actions.</summary>
    public int? RefusedSuggestionId { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>The typed value when this field's form was the one refused, else <paramref name="stored"/>.</summary>
    public string? Kept(string field, int suggestionId, string? stored) =>
        Typed.TryGetValue(FieldId(field, suggestionId), out var typed) ? typed : stored;

    public IEnumerable<VisionSuggestion> InState(SuggestionState state) => Suggestions.Where(s => s.State == state);

    public async Task<IActionResult> OnGetAsync(int wijkId, CancellationToken ct)
    {
        var wijk = await db.Wijken.AsNoTracking().Include(w => w.Gemeente).FirstOrDefaultAsync(w => w.Id == wijkId, ct);
        if (wijk is null)
            return NotFound();
        Wijk = wijk;
        Vision = await db.Visions.AsNoTracking().FirstOrDefaultAsync(v => v.WijkId == wijkId, ct);
        if (Vision is not null)
        {
            var visionId = Vision.Id;
            Suggestions = await db.VisionSuggestions.AsNoTracking().Where(s => s.VisionId == visionId)
                .OrderBy(s => s.CreatedUtc).ThenBy(s => s.Id).ToListAsync(ct);
            MergedCounts = Suggestions.Where(s => s.MergedIntoId is not null).GroupBy(s => s.MergedIntoId!.Value).ToDictionary(g => g.Key, g => g.Count());
            var key = Vision.Key;
            Versions = (await db.ContentVersions.AsNoTracking().Where(v => v.NodeKey == key && v.Culture == ContentVersion.Dutch && v.PublishedUtc != null)
                .OrderByDescending(v => v.Number).Select(v => new { v.Number, v.PublishedUtc }).ToListAsync(ct))
                .Select(v => new VersionChoice(v.Number, v.PublishedUtc!.Value)).ToList();
        }

        var userId = StaffScope.UserId(User);
        DigestOn = await db.StaffSuggestionDigests.AnyAsync(d => d.UserId == userId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(int wijkId, int suggestionId, CancellationToken ct) =>
        ActAsync(wijkId, suggestionId, [SuggestionState.New], s =>
        {
            s.State = SuggestionState.Published;
            s.PublishedUtc = Now;
            return new Outcome(AuditAction.SuggestionPublished, "published", SuggestionNews.Published, null, "Suggestions.Flash.Published");
        }, ct);

    public Task<IActionResult> OnPostAnswerAsync(int wijkId, int suggestionId, string? answer, string? audience, CancellationToken ct)
    {
        Keep(suggestionId, AnswerField, answer);
        Keep(suggestionId, AudienceField, audience);
        var text = Text(suggestionId, AnswerField, answer, "Suggestions.Answer", "Suggestions.Error.Answer");
        if (audience is not ("openbaar" or "mail"))
            Refuse(suggestionId, AudienceField, "Suggestions.Audience", "Suggestions.Error.Audience");
        return ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            if (audience == "mail" && s.Email is null)
                return Refuse(suggestionId, AudienceField, "Suggestions.Audience", "Suggestions.Error.NoEmail");
            s.Answer = text;
            s.AnswerIsPublic = audience == "openbaar";
            s.AnsweredUtc = Now;
            return new Outcome(AuditAction.SuggestionAnswered, s.AnswerIsPublic ? "answered in public" : "answered by mail only", SuggestionNews.Answered, text, "Suggestions.Flash.Answered");
        }, ct);
    }

    public Task<IActionResult> OnPostDeclineAsync(int wijkId, int suggestionId, string? reason, CancellationToken ct)
    {
        Keep(suggestionId, ReasonField, reason);
        var text = Text(suggestionId, ReasonField, reason, "Suggestions.Reason", "Suggestions.Error.Reason");
        return ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            s.State = SuggestionState.Declined;
            s.DeclineReason = text;
            s.PublishedUtc = null;
            return new Outcome(AuditAction.SuggestionDeclined, "declined with a reason", SuggestionNews.Declined, text, "Suggestions.Flash.Declined");
        }, ct);
    }

    public async Task<IActionResult> OnPostMergeAsync(int wijkId, int suggestionId, int? mergeInto, CancellationToken ct)
    {
        Keep(suggestionId, MergeField, mergeInto?.ToString(CultureInfo.InvariantCulture));

        // The target must be a live idea of the same vision: found through this wijk too.
        var target = mergeInto is { } targetId && targetId != suggestionId
            ? await db.VisionSuggestions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == targetId && s.Vision.WijkId == wijkId
                && (s.State == SuggestionState.New || s.State == SuggestionState.Published), ct)
            : null;
        if (target is null)
            Refuse(suggestionId, MergeField, "Suggestions.MergeInto", "Suggestions.Error.MergeTarget");
        var earlier = await db.VisionSuggestions.Where(x => x.MergedIntoId == suggestionId).ToListAsync(ct);
        return await ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            if (s.VisionId != target!.VisionId)
                return Refuse(suggestionId, MergeField, "Suggestions.MergeInto", "Suggestions.Error.MergeTarget");
            s.State = SuggestionState.Merged;
            s.MergedIntoId = target.Id;
            s.PublishedUtc = null;

            // Ideas merged into this one before now join the target as well: no chains.
            foreach (var e in earlier)
                e.MergedIntoId = target.Id;
            return new Outcome(AuditAction.SuggestionMerged, $"merged into {AuditTarget.Suggestion(target.Id)}", SuggestionNews.Merged, null, "Suggestions.Flash.Merged");
        }, ct);
    }

    public async Task<IActionResult> OnPostProcessedAsync(int wijkId, int suggestionId, int? version, string? change, CancellationToken ct)
    {
        Keep(suggestionId, VersionField, version?.ToString(CultureInfo.InvariantCulture));
        Keep(suggestionId, ChangeField, change);
        var visionKey = await db.Visions.Where(v => v.WijkId == wijkId).Select(v => (Guid?)v.Key).FirstOrDefaultAsync(ct);
        var chosen = version is { } number && visionKey is { } key
            ? await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.NodeKey == key && v.Culture == ContentVersion.Dutch && v.Number == number && v.PublishedUtc != null, ct)
            : null;
        if (chosen is null)
            Refuse(suggestionId, VersionField, "Suggestions.ProcessedVersion", "Suggestions.Error.Version");
        var text = Text(suggestionId, ChangeField, change, "Suggestions.Change", "Suggestions.Error.Change");
        return await ActAsync(wijkId, suggestionId, [SuggestionState.New, SuggestionState.Published], s =>
        {
            s.ProcessedVersion = chosen!.Number;
            s.ProcessedOn = DateOnly.FromDateTime(chosen.PublishedUtc!.Value.ToLocalDate());
            s.ChangeNote = text;
            return new Outcome(AuditAction.SuggestionProcessed, $"taken into vision version {chosen.Number}", SuggestionNews.Processed, text, "Suggestions.Flash.Processed");
        }, ct);
    }

    /// <summary>The signed-in editor's own choice: a daily mail with the number of new ideas in their wijken.</summary>
    public async Task<IActionResult> OnPostDigestAsync(int wijkId, bool on, CancellationToken ct)
    {
        var userId = StaffScope.UserId(User)!;
        var row = await db.StaffSuggestionDigests.FirstOrDefaultAsync(d => d.UserId == userId, ct);
        if (on && row is null)
            db.StaffSuggestionDigests.Add(new StaffSuggestionDigest { UserId = userId, LastDigestUtc = Now }); // the first digest reports what comes after this choice
        else if (!on && row is not null)
            db.StaffSuggestionDigests.Remove(row);
        await db.SaveChangesAsync(ct);
        return Flash("Flash.SettingsSaved", wijkId);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private sealed record Outcome(string Action, string Detail, SuggestionNews News, string? MailDetail, string Flash);

    private void Keep(int suggestionId, string field, string? value)
    {
        RefusedSuggestionId = suggestionId;
        Typed[FieldId(field, suggestionId)] = value;
    }

    /// <summary>The trimmed text, or an error next to the field when it is empty or too long.</summary>
    private string Text(int suggestionId, string field, string? value, string labelKey, string emptyKey)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            Refuse(suggestionId, field, labelKey, emptyKey);
        else if (text.Length > SuggestionOptions.MaxTextLength)
            Refuse(suggestionId, field, labelKey, T.Plural("Suggestions.Error.TooLong", text.Length, SuggestionOptions.MaxTextLength).Value, said: true);
        return text;
    }

    /// <summary>An error next to the field (and in the summary, labelled with the idea's number); null, so a change can return it.</summary>
    private Outcome? Refuse(int suggestionId, string field, string labelKey, string messageKey, bool said = false)
    {
        Errors.Add(FieldId(field, suggestionId), T["Suggestions.FieldOfIdea", T[labelKey].Value, suggestionId], said ? messageKey : T[messageKey].Value);
        return null;
    }

    /// <summary>
    /// Loads the idea through this wijk (404 when it is not this wijk's), checks its state, lets <paramref name="change"/>
    /// change it, and saves the change with its audit entry and the parent's mail in one transaction. When the form
    /// was refused (by the handler before, or by <paramref name="change"/>), the queue is shown again with what was typed.
    /// </summary>
    private async Task<IActionResult> ActAsync(int wijkId, int suggestionId, SuggestionState[] allowed, Func<VisionSuggestion, Outcome?> change, CancellationToken ct)
    {
        var s = await db.VisionSuggestions.Include(x => x.Vision).ThenInclude(v => v.Wijk)
            .FirstOrDefaultAsync(x => x.Id == suggestionId && x.Vision.WijkId == wijkId, ct);
        if (s is null)
            return NotFound();
        if (!allowed.Contains(s.State))
            return Flash("Suggestions.Error.State", wijkId);
        if (Errors.Count > 0 || change(s) is not { } outcome)
            return await OnGetAsync(wijkId, ct);

        s.HandledUtc = Now;
        s.HandledByName = User.Identity?.Name;
        audit.Record(outcome.Action, AuditTarget.Suggestion(s.Id), outcome.Detail);
        mails.QueueNews(s, s.Vision, outcome.News, outcome.MailDetail);
        if (outcome.News == SuggestionNews.Answered && s.AnswerIsPublic)
        {
            // Parents whose same idea was merged into this one hear the public answer too.
            foreach (var merged in await db.VisionSuggestions.Where(x => x.MergedIntoId == s.Id && x.Email != null).ToListAsync(ct))
                mails.QueueNews(merged, s.Vision, outcome.News, outcome.MailDetail);
        }

        await db.SaveChangesAsync(ct);
        await cache.AnnounceAsync([CacheTags.Node(s.Vision.Key)], ct);
        return Flash(outcome.Flash, wijkId);
    }

    private RedirectResult Flash(string key, int wijkId)
    {
        TempData["Flash"] = key;
        return Redirect(SuggestionPaths.Queue(wijkId));
    }
}

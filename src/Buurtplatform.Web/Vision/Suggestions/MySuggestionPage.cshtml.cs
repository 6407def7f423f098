using Buurtplatform.Web.Audit;
using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.Infrastructure.Caching;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>
/// The parent's personal link (<c>/mijn-idee/{token}</c>, see <see cref="SuggestionLink"/>): where the idea stands,
/// the answer (also one sent only by mail), the reason when it was declined; erase the e-mail address, or
/// withdraw the idea altogether. An unknown or erased link answers 404 with a page that says so.
/// </summary>
[PersonalData(NoReferrer = true)]
[EnableRateLimiting(SuggestionSetup.RateLimitPolicy)]
public sealed class MySuggestionPageModel(AppDbContext db, AuditLog audit, TimeProvider clock, CacheChanges cache, Content.Translations.PageTranslations translations) : PageModel
{
    public const string ErasedKey = "SuggestionErased";

    public VisionSuggestion? Suggestion { get; private set; }

    /// <summary>For a merged idea: the one it was merged into (its state and public answer count for both).</summary>
    public VisionSuggestion? MergedInto { get; private set; }

    public string Action(string handler) => SuggestionLink.ActionPath(HttpContext, handler);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Gone();

    /// <summary>Erases the e-mail address (and so this link); the idea stays as it is.</summary>
    public async Task<IActionResult> OnPostEraseEmailAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Gone();
        var id = Suggestion!.Id;
        await db.VisionSuggestions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Email, (string?)null)
            .SetProperty(x => x.TokenHash, (string?)null)
            .SetProperty(x => x.EmailErasedUtc, clock.GetUtcNow().UtcDateTime), ct);
        await audit.RecordAsync(AuditAction.SuggestionErasedByParent, AuditTarget.Suggestion(id), "e-mail address erased by the parent", AuditActor.Parent, ct);
        TempData[ErasedKey] = "email";
        return SignUps.PersonalLink.QuietRedirectTo(SuggestionPaths.Erased);
    }

    /// <summary>Deletes the idea and everything with it; a published one leaves the vision page at once.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Gone();
        var (id, visionKey) = (Suggestion!.Id, Suggestion.Vision.Key);
        await db.VisionSuggestions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        await audit.RecordAsync(AuditAction.SuggestionErasedByParent, AuditTarget.Suggestion(id), "idea withdrawn and deleted by the parent", AuditActor.Parent, ct);
        await cache.AnnounceAsync([CacheTags.Node(visionKey)], ct);
        TempData[ErasedKey] = "idea";
        return SignUps.PersonalLink.QuietRedirectTo(SuggestionPaths.Erased);
    }

    /// <summary>An unknown or erased link: 404, with a page that says what to do.</summary>
    private PageResult Gone()
    {
        Suggestion = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var token = SignUps.PersonalLink.TokenOf(HttpContext);
        if (string.IsNullOrEmpty(token))
            return false;
        var hash = SecretTokens.Hash(token);
        Suggestion = await db.VisionSuggestions.AsNoTracking().Include(s => s.Vision).ThenInclude(v => v.Wijk).ThenInclude(w => w.Gemeente)
            .SingleOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (Suggestion?.MergedIntoId is { } target)
            MergedInto = await db.VisionSuggestions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == target, ct);
        // The vision's title and the section's heading in the page's language.
        if (Suggestion is not null)
            await translations.LoadAsync([Suggestion.Vision.Key], ct);
        return Suggestion is not null;
    }
}

using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Mail;

namespace Buurtplatform.Web.Editing;

/// <summary>
/// The mails of the approval flow, queued in the outbox inside the change's own transaction (so a mail goes
/// out exactly when the change is saved): to the wijk's editors when a professional offers an activity, and
/// to the professional when it is approved or sent back.
/// </summary>
public sealed class ApprovalMail(AppDbContext db, MailOutbox outbox, IOptions<SiteOptions> site, IStringLocalizer<SharedResource> T)
{
    private string Absolute(string path) => site.Value.PublicBaseUrl.TrimEnd('/') + path;

    public async Task ToEditorsAsync(ContentNode node, string offeredBy, CancellationToken ct)
    {
        var wijk = ContentNodes.WijkOf(node)!;
        var editors = await db.Users.Where(u => !u.IsDisabled && u.Email != null && u.Role == StaffRole.Wijkredacteur
                && db.StaffWijken.Any(s => s.UserId == u.Id && s.WijkId == wijk.Id))
            .Select(u => u.Email!).ToListAsync(ct);
        var title = ContentNodes.Title(node);
        foreach (var email in editors)
            outbox.Queue(email, T["Mail.Approval.Subject", title], T["Mail.Approval.Body", title, wijk.Name, offeredBy, Absolute(EditingPaths.ApprovalQueue(wijk.Id))]);
    }

    public async Task ToSubmitterAsync(ContentNode node, ContentVersion version, bool approved, string by, string? comment, CancellationToken ct)
    {
        if (version.CreatedById is null)
            return;
        var email = await db.Users.Where(u => u.Id == version.CreatedById && !u.IsDisabled).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null)
            return;
        var title = ContentNodes.Title(node);
        var link = Absolute(EditingPaths.Node(NodeKinds.Of(node), node.Id));
        if (approved)
            outbox.Queue(email, T["Mail.Approved.Subject", title], T["Mail.Approved.Body", title, by, link]);
        else
            outbox.Queue(email, T["Mail.SentBack.Subject", title], T["Mail.SentBack.Body", title, by, comment ?? "", link]);
    }
}

using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>What an administrator fills in to invite someone.</summary>
public sealed record StaffInvite(string Email, string DisplayName, StaffRole Role, IReadOnlyCollection<int> WijkIds, IReadOnlyCollection<int> MeetingPlaceIds);

/// <summary>
/// Creates staff accounts without a password and sends the one-time link that lets the person choose
/// one. Used by the invite page, the <c>create-admin</c> command and the initial administrator.
/// </summary>
public sealed class StaffInvitations(
    AppDbContext db, UserManager<StaffUser> users, AccountLinks links, MailOutbox outbox, AuditLog audit, TimeProvider clock,
    IStringLocalizer<SharedResource> T)
{
    public sealed record Result(StaffUser? User, string? Link, IReadOnlyList<IdentityError> Errors)
    {
        public bool Succeeded => User is not null;
    }

    /// <summary>Creates the account with its scopes and an invitation link; mails the link when <paramref name="mail"/>.</summary>
    public async Task<Result> InviteAsync(StaffInvite invite, bool mail, AuditActor? actor = null, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var email = invite.Email.Trim();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            DisplayName = invite.DisplayName.Trim(),
            Role = invite.Role,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
            return new Result(null, null, created.Errors.ToList());

        SetScopes(user.Id, invite.Role, invite.WijkIds, invite.MeetingPlaceIds);
        var link = await links.CreateAsync(user.Id, AccountTokenPurpose.Invitation, ct: ct);
        if (mail)
            QueueInvitation(user, link, actor?.Name ?? audit.CurrentActor().Name);
        audit.Record(AuditAction.UserInvited, AuditTarget.User(user.Id),
            $"{email}: {await DescribeAsync(invite.Role, invite.WijkIds, invite.MeetingPlaceIds, ct)}", actor);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Result(user, link, []);
    }

    /// <summary>A new invitation link for someone who has not set a password yet (the older link stops working).</summary>
    public async Task<string> ResendAsync(StaffUser user, AuditActor? actor = null, CancellationToken ct = default)
    {
        var link = await links.CreateAsync(user.Id, AccountTokenPurpose.Invitation, ct: ct);
        QueueInvitation(user, link, actor?.Name ?? audit.CurrentActor().Name);
        audit.Record(AuditAction.UserInvited, AuditTarget.User(user.Id), $"{user.Email}: invitation sent again", actor);
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>Replaces the person's scopes with those that fit the role (Beheerder: none needed).</summary>
    public void SetScopes(string userId, StaffRole role, IEnumerable<int> wijkIds, IEnumerable<int> placeIds)
    {
        db.StaffWijken.RemoveRange(db.StaffWijken.Where(s => s.UserId == userId));
        db.StaffMeetingPlaces.RemoveRange(db.StaffMeetingPlaces.Where(s => s.UserId == userId));
        if (role == StaffRole.Wijkredacteur)
            db.StaffWijken.AddRange(wijkIds.Distinct().Select(id => new StaffWijk { UserId = userId, WijkId = id }));
        if (role == StaffRole.Professional)
            db.StaffMeetingPlaces.AddRange(placeIds.Distinct().Select(id => new StaffMeetingPlace { UserId = userId, MeetingPlaceId = id }));
    }

    /// <summary>"Wijkredacteur: Schilderswijk, Moerwijk", for the audit log.</summary>
    public async Task<string> DescribeAsync(StaffRole role, IEnumerable<int> wijkIds, IEnumerable<int> placeIds, CancellationToken ct = default)
    {
        var names = role switch
        {
            StaffRole.Wijkredacteur => await db.Wijken.Where(w => wijkIds.Contains(w.Id)).OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(ct),
            StaffRole.Professional => await db.MeetingPlaces.Where(p => placeIds.Contains(p.Id)).OrderBy(p => p.Name).Select(p => p.Name + " (" + p.Wijk.Name + ")").ToListAsync(ct),
            _ => [],
        };
        return names.Count == 0 ? role.ToString() : $"{role}: {string.Join(", ", names)}";
    }

    private void QueueInvitation(StaffUser user, string link, string invitedBy)
    {
        var days = (int)Math.Round(links.Lifetime(AccountTokenPurpose.Invitation).TotalDays);
        outbox.Queue(user.Email!, T["Mail.Invitation.Subject"],
            T["Mail.Invitation.Body", user.DisplayName, invitedBy, T["Role." + user.Role].Value, days, link]);
    }
}

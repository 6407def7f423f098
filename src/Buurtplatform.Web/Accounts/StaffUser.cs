using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// A staff member with a backoffice account. Parents never have one. The user name is the e-mail address.
/// </summary>
/// <remarks>
/// One role per person, stored on the row (the issue names exactly three, and each person has one);
/// the scopes sit beside it in <see cref="StaffWijk"/> and <see cref="StaffMeetingPlace"/>.
/// Choices: A) Identity's role tables, B) an enum plus scope tables. B keeps "who may do what"
/// in three small tables that <c>StaffScope</c> queries directly, without unused role-claim tables.
/// </remarks>
public sealed class StaffUser : IdentityUser
{
    /// <summary>How colleagues know this person, shown in the backoffice and the audit log.</summary>
    public string DisplayName { get; set; } = "";

    public StaffRole Role { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastSignInUtc { get; set; }

    public List<StaffWijk> Wijken { get; set; } = [];

    public List<StaffMeetingPlace> MeetingPlaces { get; set; } = [];
}

/// <summary>The three staff roles of the issue.</summary>
public enum StaffRole
{
    /// <summary>Administrator: everything, including users and the audit log.</summary>
    Beheerder = 1,

    /// <summary>Wijk editor for one or more wijken: everything inside those wijken.</summary>
    Wijkredacteur = 2,

    /// <summary>Professional for one or more meeting places: those places and their activities.</summary>
    Professional = 3,
}

/// <summary>A wijk a <see cref="StaffRole.Wijkredacteur"/> edits.</summary>
public sealed class StaffWijk
{
    public string UserId { get; set; } = "";

    public int WijkId { get; set; }

    public Wijk Wijk { get; set; } = null!;
}

/// <summary>A meeting place a <see cref="StaffRole.Professional"/> manages.</summary>
public sealed class StaffMeetingPlace
{
    public string UserId { get; set; } = "";

    public int MeetingPlaceId { get; set; }

    public MeetingPlace MeetingPlace { get; set; } = null!;
}

/// <summary>Per-role security settings an administrator changes in the backoffice.</summary>
public sealed class StaffRoleSetting
{
    public StaffRole Role { get; set; }

    /// <summary>Members of this role must use an authenticator app before they can work in the backoffice.</summary>
    public bool RequireTwoFactor { get; set; }
}

/// <summary>What a one-time link is for.</summary>
public enum AccountTokenPurpose
{
    /// <summary>An administrator invited the person: the link sets the first password.</summary>
    Invitation = 1,

    /// <summary>"Wachtwoord vergeten": the link sets a new password.</summary>
    PasswordReset = 2,

    /// <summary>The person asked to change their e-mail address: the link, sent to the new address, confirms it.</summary>
    EmailChange = 3,
}

/// <summary>
/// A single-use, expiring link sent by e-mail. Only a SHA-256 hash of the token is stored, so a
/// copy of the database cannot be used to take over an account.
/// </summary>
public sealed class AccountToken
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public AccountTokenPurpose Purpose { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>For <see cref="AccountTokenPurpose.EmailChange"/>: the address to switch to.</summary>
    public string? NewEmail { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set when the link was used, or when a newer link of the same purpose replaced it.</summary>
    public DateTime? UsedUtc { get; set; }
}

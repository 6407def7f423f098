namespace Buurtplatform.Web.Audit;

/// <summary>
/// What an audit entry records. The values are stored, so never rename one; add new ones freely
/// (and a text <c>Audit.Action.{value}</c> in SharedResource.resx for the audit page).
/// </summary>
public static class AuditAction
{
    // Sign-in and sessions
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";

    // The person's own account
    public const string PasswordSet = "PasswordSet";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordResetRequested = "PasswordResetRequested";
    public const string EmailChangeRequested = "EmailChangeRequested";
    public const string EmailChanged = "EmailChanged";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string RecoveryCodesGenerated = "RecoveryCodesGenerated";
    public const string PasskeyAdded = "PasskeyAdded";
    public const string PasskeyRemoved = "PasskeyRemoved";

    // User management
    public const string UserInvited = "UserInvited";
    public const string UserChanged = "UserChanged";
    public const string UserDisabled = "UserDisabled";
    public const string UserEnabled = "UserEnabled";
    public const string RoleSettingsChanged = "RoleSettingsChanged";

    // Content (the editing pages record these through AuditLog)
    public const string Publish = "Publish";
    public const string Unpublish = "Unpublish";
    public const string Rollback = "Rollback";
    public const string Delete = "Delete";
    public const string Export = "Export";
    public const string Schedule = "Schedule";
    public const string SubmitForApproval = "SubmitForApproval";
    public const string SendBack = "SendBack";

    /// <summary>Someone confirmed that a translation is still right after its Dutch text changed ("Vertaling klopt nog").</summary>
    public const string TranslationConfirmed = "TranslationConfirmed";
    public const string ApprovalSettingChanged = "ApprovalSettingChanged";
    public const string EmbedOriginsChanged = "EmbedOriginsChanged";
    public const string ContentImport = "ContentImport";
    public const string ContentExport = "ContentExport";
    public const string SchoolHolidaysImported = "SchoolHolidaysImported";

    // Photos (the media library records these)
    public const string MediaUploaded = "MediaUploaded";
    public const string MediaReplaced = "MediaReplaced";
    public const string MediaChanged = "MediaChanged";
    public const string MediaPlaced = "MediaPlaced";
    public const string MediaRemovedFromPage = "MediaRemovedFromPage";
    public const string ConsentWithdrawn = "ConsentWithdrawn";
    public const string MediaDeleted = "MediaDeleted";

    // Sign-ups (parents' personal data): every view and export by staff, every change and deletion
    public const string SignUpsViewed = "SignUpsViewed";
    public const string SignUpsExported = "SignUpsExported";
    public const string SignUpChanged = "SignUpChanged";
    public const string SignUpDeleted = "SignUpDeleted";
    public const string SignUpSettingsChanged = "SignUpSettingsChanged";
    public const string ContactDataExported = "ContactDataExported";
    public const string ContactDataErased = "ContactDataErased";
    public const string SignUpErasedByParent = "SignUpErasedByParent";
    public const string SignUpRetention = "SignUpRetention";
    public const string SignUpChangeNotified = "SignUpChangeNotified";
    public const string SignUpAddedByStaff = "SignUpAddedByStaff";

    // Parents' ideas on the vision: every moderation action, the parent's erasure, retention
    public const string SuggestionPublished = "SuggestionPublished";
    public const string SuggestionAnswered = "SuggestionAnswered";
    public const string SuggestionMerged = "SuggestionMerged";
    public const string SuggestionDeclined = "SuggestionDeclined";
    public const string SuggestionProcessed = "SuggestionProcessed";
    public const string SuggestionErasedByParent = "SuggestionErasedByParent";
    public const string SuggestionRetention = "SuggestionRetention";

    // Partner calendars: adding, switching off and on, removing one, every fetch or upload (taken in or refused), and each moderation step
    public const string PartnerCalendarAdded = "PartnerCalendarAdded";
    public const string PartnerCalendarImported = "PartnerCalendarImported";
    public const string PartnerCalendarRefused = "PartnerCalendarRefused";
    public const string PartnerEventPublished = "PartnerEventPublished";
    public const string PartnerEventIgnored = "PartnerEventIgnored";
    public const string PartnerEventRemovalConfirmed = "PartnerEventRemovalConfirmed";
    public const string PartnerCalendarSwitchedOff = "PartnerCalendarSwitchedOff";
    public const string PartnerCalendarSwitchedOn = "PartnerCalendarSwitchedOn";
    public const string PartnerCalendarRemoved = "PartnerCalendarRemoved";

    /// <summary>Every action, in the order the audit page's filter lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut,
        PasswordSet, PasswordChanged, PasswordResetRequested, EmailChangeRequested, EmailChanged,
        TwoFactorEnabled, TwoFactorDisabled, RecoveryCodesGenerated, PasskeyAdded, PasskeyRemoved,
        UserInvited, UserChanged, UserDisabled, UserEnabled, RoleSettingsChanged,
        Publish, Unpublish, Rollback, Delete, Export, ContentImport, ContentExport, SchoolHolidaysImported,
        MediaUploaded, MediaReplaced, MediaChanged, MediaPlaced, MediaRemovedFromPage, ConsentWithdrawn, MediaDeleted,
        SignUpsViewed, SignUpsExported, SignUpChanged, SignUpDeleted, SignUpSettingsChanged,
        ContactDataExported, ContactDataErased, SignUpErasedByParent, SignUpRetention, SignUpChangeNotified, SignUpAddedByStaff,
        Schedule, SubmitForApproval, SendBack, TranslationConfirmed, ApprovalSettingChanged, EmbedOriginsChanged,
        SuggestionPublished, SuggestionAnswered, SuggestionMerged, SuggestionDeclined, SuggestionProcessed,
        SuggestionErasedByParent, SuggestionRetention,
        PartnerCalendarAdded, PartnerCalendarImported, PartnerCalendarRefused, PartnerEventPublished, PartnerEventIgnored, PartnerEventRemovalConfirmed,
        PartnerCalendarSwitchedOff, PartnerCalendarSwitchedOn, PartnerCalendarRemoved,
    ];
}

/// <summary>Targets as <c>kind:id</c>, so the audit page can filter and link them.</summary>
public static class AuditTarget
{
    public static string User(string id) => $"user:{id}";

    public static string Gemeente(int id) => $"gemeente:{id}";

    public static string Wijk(int id) => $"wijk:{id}";

    public static string MeetingPlace(int id) => $"meeting-place:{id}";

    public static string Activity(int id) => $"activity:{id}";

    public static string Partner(int id) => $"partner:{id}";

    public static string Vision(int id) => $"vision:{id}";

    public static string Node(Guid key) => $"node:{key:D}";

    public static string Media(Guid key) => $"media:{key:D}";

    /// <summary>A sign-up by its number: never the parent's name or contact.</summary>
    public static string SignUp(long id) => $"sign-up:{id}";

    /// <summary>A parent's idea on the vision by its number: never its text, name or address.</summary>
    public static string Suggestion(int id) => $"suggestion:{id}";

    public static string PartnerCalendar(int id) => $"partner-calendar:{id}";

    public static string PartnerEvent(int id) => $"partner-event:{id}";
}

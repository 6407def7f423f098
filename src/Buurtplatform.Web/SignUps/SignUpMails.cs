using Buurtplatform.Calendar.Ics;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Calendar;
using Buurtplatform.Web.Mail;
using NodaTime;

namespace Buurtplatform.Web.SignUps;

/// <summary>
/// The mails about sign-ups, queued in the outbox in the caller's transaction. Parents' mails never repeat
/// the children's details (ages, number). Staff mails hold no personal data at all: they say that there is
/// something new and link to the inbox, where the person must sign in.
/// </summary>
/// <remarks>
/// Only the confirmation mail holds the personal link: the database keeps just its hash, so later mails
/// (moved up, reminder, cancelled) cannot repeat it and point to the confirmation mail instead.
/// </remarks>
public sealed class SignUpMails(AppDbContext db, MailOutbox outbox, IStringLocalizer<SharedResource> t, DateText dates,
    SignUpDates signUpDates, FeedBuilder feeds, IOptions<SiteOptions> site, IOptions<RequestLocalizationOptions> languages)
{
    private string BaseUrl => site.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>Links to public pages in the parent's mail: in the language of the mail.</summary>
    private string PublicBase => Languages.SiteLanguages.PublicBase(site.Value.PublicBaseUrl);

    /// <summary>
    /// The confirmation: when and where (the full address), the date for the parent's calendar (a link per
    /// date, and the same as an .ics attachment), and the personal link.
    /// </summary>
    public void QueueSignedUp(SignUp s, Activity a, SignUpDate date, string token, int waitlistPosition)
    {
        using var language = MailLanguage.Use(s.ContactLanguage, languages.Value);
        var held = date.Occurrences.Where(o => !o.IsCancelled).ToList();
        var body = new StringBuilder()
            .AppendLine(t["SignUpMail.Greeting", s.FirstName]).AppendLine()
            .AppendLine(waitlistPosition == 0 ? t["SignUpMail.Placed", a.Title] : t["SignUpMail.Waitlisted", a.Title, waitlistPosition])
            .AppendLine(t["SignUpMail.When", signUpDates.Describe(date)])
            .AppendLine(t["SignUpMail.Where", Place(a)]).AppendLine()
            .AppendLine(t["SignUpMail.Calendar"]);
        foreach (var o in held)
            body.AppendLine(PublicBase + FeedBuilder.OccurrencePath(a, o.OriginalStart.Date));
        body.AppendLine()
            .AppendLine(t["SignUpMail.Link"])
            .AppendLine(PersonalLink.Url(PublicBase, token))
            .AppendLine(t["SignUpMail.LinkValid", dates.LongDate(DateOnly.FromDateTime(s.TokenExpiresUtc.ToLocalDate()))]).AppendLine()
            .Append(Footer(a));
        var subject = waitlistPosition == 0 ? t["SignUpMail.Subject.Placed", a.Title] : t["SignUpMail.Subject.Waitlisted", a.Title];
        outbox.Queue(s.Email!, subject, body.ToString(), CalendarFile(a, held));
    }

    /// <summary>One date as its own event (as the download); a course's dates as the activity's series.</summary>
    private (string Name, string Text)? CalendarFile(Activity a, List<ActivityOccurrence> held)
    {
        if (held.Count == 0)
            return null;
        if (held.Count == 1)
        {
            var day = held[0].OriginalStart.Date;
            var original = day + LocalTime.FromTimeOnly(a.Schedule.StartTime);
            return ($"{a.Slug}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.ics", IcsWriter.WriteOccurrence(feeds.Event(a), original));
        }

        return ($"{a.Slug}.ics", feeds.Write(feeds.Feed(a.Title, Content.Links.Activity(a), [a])));
    }

    public async Task QueueMovedUpAsync(SignUp s, CancellationToken ct)
    {
        var (a, when) = await ActivityAndDateAsync(s, ct);
        var body = new StringBuilder()
            .AppendLine(t["SignUpMail.Greeting", s.FirstName]).AppendLine()
            .AppendLine(t["SignUpMail.MovedUp", a.Title])
            .AppendLine(t["SignUpMail.When", when])
            .AppendLine(t["SignUpMail.Where", Place(a)]).AppendLine()
            .AppendLine(t["SignUpMail.CannotCome"]).AppendLine()
            .Append(Footer(a));
        outbox.Queue(s.Email!, t["SignUpMail.Subject.MovedUp", a.Title], body.ToString());
    }

    public async Task QueueReminderAsync(SignUp s, CancellationToken ct)
    {
        var (a, when) = await ActivityAndDateAsync(s, ct);
        var body = new StringBuilder()
            .AppendLine(t["SignUpMail.Greeting", s.FirstName]).AppendLine()
            .AppendLine(t["SignUpMail.Reminder", a.Title])
            .AppendLine(t["SignUpMail.When", when])
            .AppendLine(t["SignUpMail.Where", Place(a)]).AppendLine()
            .AppendLine(t["SignUpMail.CannotCome"]).AppendLine()
            .Append(Footer(a));
        outbox.Queue(s.Email!, t["SignUpMail.Subject.Reminder", a.Title], body.ToString());
    }

    public async Task QueueCancelledAsync(SignUp s, CancellationToken ct)
    {
        var (a, when) = await ActivityAndDateAsync(s, ct);
        var body = new StringBuilder()
            .AppendLine(t["SignUpMail.Greeting", s.FirstName]).AppendLine()
            .AppendLine(t["SignUpMail.Cancelled", a.Title])
            .AppendLine(t["SignUpMail.When", when]).AppendLine()
            .Append(Footer(a));
        outbox.Queue(s.Email!, t["SignUpMail.Subject.Cancelled", a.Title], body.ToString());
    }

    /// <summary>A date the parent signed up for is cancelled or moved, or the activity is offline or deleted: in the parent's language.</summary>
    /// <param name="a">With its meeting place, organiser and wijk.</param>
    public void QueueChanged(SignUp s, Activity a, SignUpChangeNotice notice)
    {
        using var language = MailLanguage.Use(s.ContactLanguage, languages.Value);
        var date = notice.Date is { } d ? dates.Day(LocalDate.FromDateOnly(d)) : null;
        var body = new StringBuilder().AppendLine(t["SignUpMail.Greeting", s.FirstName]).AppendLine();
        switch (notice.Kind)
        {
            case DateChangeKind.Cancelled:
                body.AppendLine(t["SignUpMail.Change.Cancelled", a.Title, date!]);
                break;
            case DateChangeKind.Moved:
                body.AppendLine(t["SignUpMail.Change.Moved", a.Title, date!, NewWhen(notice)]);
                body.AppendLine(t["SignUpMail.Where", Place(a)]);
                break;
            default:
                body.AppendLine(t["SignUpMail.Change.Gone", a.Title]);
                break;
        }

        if (notice.Reason is not null)
            body.AppendLine(t["SignUpMail.Change.Reason", notice.Reason]);
        body.AppendLine();
        if (notice.Kind == DateChangeKind.Moved)
            body.AppendLine(t["SignUpMail.CannotCome"]).AppendLine();
        body.Append(Footer(a));
        var subject = notice.Kind == DateChangeKind.Moved ? t["SignUpMail.Subject.Moved", a.Title] : t["SignUpMail.Subject.NotHappening", a.Title];
        outbox.Queue(s.Email!, subject, body.ToString());
    }

    /// <summary>"donderdag 28 januari, 13.30–15.00": a moved date's new day and time.</summary>
    public string NewWhen(SignUpChangeNotice n)
    {
        var (start, end) = (DateText.InAmsterdam(n.NewStartUtc!.Value), DateText.InAmsterdam(n.NewEndUtc!.Value));
        return dates.DateTimeRange(LocalDate.FromDateTime(start), LocalTime.FromTimeOnly(TimeOnly.FromDateTime(start)), LocalTime.FromTimeOnly(TimeOnly.FromDateTime(end)));
    }

    /// <summary>"Nieuwe aanmelding" to each of the location's staff who want a mail per sign-up (<see cref="LocationStaff"/>).</summary>
    public void QueueStaffNotice(IReadOnlyList<string> recipients, Activity a, SignUpDate date)
    {
        foreach (var email in recipients)
        {
            var body = new StringBuilder()
                .AppendLine(t["SignUpMail.Staff.New", a.Title, signUpDates.Describe(date)]).AppendLine()
                .AppendLine(t["SignUpMail.Staff.Inbox"])
                .AppendLine(BaseUrl + SignUpPaths.ActivityInbox(a.Id)).AppendLine()
                .AppendLine(t["SignUpMail.Staff.Why"]);
            outbox.Queue(email, t["SignUpMail.Staff.Subject", a.Title], body.ToString());
        }
    }

    /// <summary>The daily digest: new sign-ups per activity, no personal data.</summary>
    public void QueueDigest(string email, IReadOnlyList<(int ActivityId, string Title, int Count)> rows)
    {
        var body = new StringBuilder().AppendLine(t["SignUpMail.Digest.Intro"]).AppendLine();
        foreach (var (id, title, count) in rows)
            body.AppendLine(t["SignUpMail.Digest.Line", title, count]).AppendLine("  " + BaseUrl + SignUpPaths.ActivityInbox(id));
        body.AppendLine().AppendLine(t["SignUpMail.Staff.Why"]);
        outbox.Queue(email, t["SignUpMail.Digest.Subject", rows.Sum(r => r.Count)], body.ToString());
    }

    private async Task<(Activity Activity, string When)> ActivityAndDateAsync(SignUp s, CancellationToken ct)
    {
        var a = await db.Activities.AsNoTracking().Include(x => x.MeetingPlace).Include(x => x.Organiser).SingleAsync(x => x.Id == s.ActivityId, ct);
        var settings = await SignUpSettings.LoadAsync(db, a, ct);
        var slotDate = await db.SignUpSlots.AsNoTracking().Where(x => x.Id == s.SlotId).Select(x => x.Date).SingleAsync(ct);
        var date = signUpDates.Find(a, settings, slotDate);
        return (a, date is null ? dates.LongDate(slotDate) : signUpDates.Describe(date));
    }

    /// <summary>The full address, so a parent can find the place from the mail alone.</summary>
    public static string Place(Activity a) =>
        a.MeetingPlace.AddressIsPlaceholder ? $"{a.MeetingPlace.Name}, {a.MeetingPlace.City}"
        : $"{a.MeetingPlace.Name}, {a.MeetingPlace.Street}, {a.MeetingPlace.Postcode} {a.MeetingPlace.City}";

    private string Footer(Activity a)
    {
        var sb = new StringBuilder();
        var contact = ActivityContact.For(a);
        if (!contact.IsEmpty)
        {
            sb.AppendLine(t["SignUpMail.Questions", contact.Name]);
            if (contact.Phone is not null)
                sb.AppendLine(t["Activity.Phone"] + " " + contact.Phone);
            if (contact.Email is not null)
                sb.AppendLine(t["Activity.Email"] + " " + contact.Email);
            if (contact.WhatsApp is not null)
                sb.AppendLine(t["Activity.WhatsApp"] + " " + contact.WhatsAppHref);
        }

        sb.AppendLine().AppendLine(t["SignUpMail.Regards"]).AppendLine(a.Organiser.Name);
        return sb.ToString();
    }
}

internal static class MailDateExtensions
{
    public static DateTime ToLocalDate(this DateTime utc) => DateText.InAmsterdam(utc).Date;
}

/// <summary>
/// Who hears about a location's sign-ups: the professionals of its meeting place; when it has none, the
/// wijk's editors, so a sign-up is never unseen. Disabled accounts are left out.
/// </summary>
public static class LocationStaff
{
    public static async Task<List<string>> RecipientsAsync(AppDbContext db, int meetingPlaceId, int wijkId, SignUpNotification wanted, CancellationToken ct)
    {
        var staff = await StaffIdsAsync(db, meetingPlaceId, wijkId, ct);
        return await db.Users.AsNoTracking()
            .Where(u => staff.Contains(u.Id) && !u.IsDisabled && u.Email != null)
            .Where(u => (db.StaffSignUpPreferences.Where(p => p.UserId == u.Id).Select(p => (SignUpNotification?)p.Notification).FirstOrDefault() ?? SignUpNotification.EachSignUp) == wanted)
            .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
    }

    public static async Task<List<string>> StaffIdsAsync(AppDbContext db, int meetingPlaceId, int wijkId, CancellationToken ct)
    {
        var professionals = await db.StaffMeetingPlaces.AsNoTracking().Where(s => s.MeetingPlaceId == meetingPlaceId).Select(s => s.UserId).ToListAsync(ct);
        if (professionals.Count > 0)
            return professionals;
        return await db.StaffWijken.AsNoTracking().Where(s => s.WijkId == wijkId).Select(s => s.UserId).ToListAsync(ct);
    }
}

/// <summary>The sign-up pages' URLs.</summary>
public static class SignUpPaths
{
    public static string Form(Activity a) => $"{Content.Links.Activity(a)}/aanmelden";

    public static string Done(Activity a) => $"{Content.Links.Activity(a)}/aanmelden/klaar";

    public static string ActivityInbox(int activityId) => $"/backoffice/activiteiten/{activityId}/aanmeldingen";

    public static string PlaceInbox(int meetingPlaceId) => $"/backoffice/ontmoetingsplekken/{meetingPlaceId}/aanmeldingen";

    public static string Attendance(int activityId) => $"/backoffice/activiteiten/{activityId}/aanwezigheid";

    public static string Export(int activityId) => $"/backoffice/activiteiten/{activityId}/aanmeldingen/export";

    public static string Settings(int activityId) => $"/backoffice/activiteiten/{activityId}/aanmeldformulier";

    public const string Contact = "/backoffice/aanmeldingen/persoon";

    public const string Preferences = "/backoffice/account/meldingen";

    public const string Deleted = "/gegevens-verwijderd";

    public const string Privacy = "/privacy";

    public static string Date(DateOnly d) => d == SignUpSlot.WholeSeries ? "reeks" : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? s) =>
        s == "reeks" ? SignUpSlot.WholeSeries
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

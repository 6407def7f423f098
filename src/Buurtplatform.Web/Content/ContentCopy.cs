using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Copies a node's content from a detached entity (read from a file or a version's text) onto its tracked
/// row. The import and the backoffice's publishing share these, so a node is written the same way by both.
/// Each returns true when it replaced an owned collection (EF cannot see those as "modified").
/// Identity (Key), slug, state and timestamps are the caller's business.
/// </summary>
public static class ContentCopy
{
    public static bool Gemeente(Gemeente to, Gemeente from)
    {
        to.Name = from.Name;
        to.Summary = from.Summary;
        to.Body = from.Body;
        return false;
    }

    public static bool Wijk(Wijk to, Wijk from, Gemeente gemeente)
    {
        to.Gemeente = gemeente;
        to.Name = from.Name;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.Postcodes = [.. from.Postcodes];
        return false;
    }

    public static bool Partner(Partner to, Partner from, Wijk wijk)
    {
        to.Wijk = wijk;
        to.Name = from.Name;
        to.Role = from.Role;
        to.Body = from.Body;
        to.Website = from.Website;
        to.Email = from.Email;
        to.Phone = from.Phone;
        return false;
    }

    public static bool MeetingPlace(MeetingPlace to, MeetingPlace from, Wijk wijk, Partner host)
    {
        to.Wijk = wijk;
        to.Name = from.Name;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.Street = from.Street;
        to.Postcode = from.Postcode;
        to.City = from.City;
        to.AddressIsPlaceholder = from.AddressIsPlaceholder;
        to.Latitude = from.Latitude;
        to.Longitude = from.Longitude;
        to.WheelchairAccessible = from.WheelchairAccessible;
        to.PramAccessible = from.PramAccessible;
        to.AccessibilityNotes = from.AccessibilityNotes;
        to.Facilities = [.. from.Facilities];
        to.HostPartner = host;
        to.Professional = from.Professional;
        return ReplaceIfDifferent(to.OpeningHours, from.OpeningHours, o => (o.Day, o.From, o.To, o.Note),
            o => new OpeningMoment { Day = o.Day, From = o.From, To = o.To, Note = o.Note }, v => to.OpeningHours = v);
    }

    /// <param name="fingerprintBefore">
    /// <see cref="SchedulingFingerprint"/> of the row before this change (null for a new row): when it differs
    /// afterwards, SEQUENCE goes up by one, so calendar apps replace what they stored. Never lower than the text says.
    /// </param>
    public static bool Activity(Activity to, Activity from, Wijk wijk, MeetingPlace place, Partner organiser, string? fingerprintBefore)
    {
        to.Wijk = wijk;
        to.Title = from.Title;
        to.Type = from.Type;
        to.Summary = from.Summary;
        to.Body = from.Body;
        to.AgeFromMonths = from.AgeFromMonths;
        to.AgeToMonths = from.AgeToMonths;
        to.Languages = [.. from.Languages];
        to.IsFree = from.IsFree;
        to.CostAmount = from.CostAmount;
        to.CostNote = from.CostNote;
        to.MeetingPlace = place;
        to.Organiser = organiser;
        to.SignUpRequired = from.SignUpRequired;
        to.Capacity = from.Capacity;
        to.Schedule ??= new ActivitySchedule();
        to.Schedule.StartDate = from.Schedule.StartDate;
        to.Schedule.StartTime = from.Schedule.StartTime;
        to.Schedule.EndTime = from.Schedule.EndTime;
        to.Schedule.Repeat = from.Schedule.Repeat;
        to.Schedule.Days = [.. from.Schedule.Days];
        to.Schedule.Until = from.Schedule.Until;
        to.Schedule.ExtraDates = [.. from.Schedule.ExtraDates];
        to.Schedule.Interval = from.Schedule.Interval;
        to.Schedule.WeekOfMonth = from.Schedule.WeekOfMonth;
        to.Schedule.Count = from.Schedule.Count;
        to.Schedule.SkipSchoolHolidays = from.Schedule.SkipSchoolHolidays;
        var changesReplaced = ReplaceIfDifferent(to.ScheduleChanges, from.ScheduleChanges,
            c => (c.Date, c.Cancelled, c.Reason, c.NewDate, c.NewStartTime, c.NewEndTime),
            c => new ScheduleChange { Date = c.Date, Cancelled = c.Cancelled, Reason = c.Reason, NewDate = c.NewDate, NewStartTime = c.NewStartTime, NewEndTime = c.NewEndTime },
            v => to.ScheduleChanges = v);

        var changed = fingerprintBefore is not null && fingerprintBefore != SchedulingFingerprint(to);
        to.Sequence = Math.Max(from.Sequence, changed ? to.Sequence + 1 : to.Sequence);
        return changesReplaced;
    }

    public static bool Vision(Vision.Vision to, Vision.Vision from, Wijk wijk)
    {
        to.Wijk = wijk;
        to.Title = from.Title;
        to.Summary = from.Summary;
        to.Intro = from.Intro;
        to.WrittenByParents = from.WrittenByParents;
        to.WrittenByProfessionals = from.WrittenByProfessionals;
        to.LastReviewed = from.LastReviewed;
        return ReplaceIfDifferent(to.Sections, from.Sections, s => (s.Heading, s.Body),
            s => new Vision.VisionSection { Heading = s.Heading, Body = s.Body }, v => to.Sections = v);
    }

    /// <summary>What calendar apps must be told about (iCalendar SEQUENCE): time, place, recurrence and status.</summary>
    public static string SchedulingFingerprint(Activity a)
    {
        var s = a.Schedule;
        return string.Join('|',
            s.StartDate, s.StartTime, s.EndTime, s.Repeat, s.Interval, string.Join(',', s.Days), s.WeekOfMonth, s.Until, s.Count,
            s.SkipSchoolHolidays, string.Join(',', s.ExtraDates),
            string.Join(',', a.ScheduleChanges.Select(c => $"{c.Date}:{c.Cancelled}:{c.NewDate}:{c.NewStartTime}:{c.NewEndTime}")),
            a.MeetingPlace?.Key, a.State);
    }

    /// <summary>Owned collections are replaced only when their content differs, so a re-import writes nothing.</summary>
    public static bool ReplaceIfDifferent<T, TKey>(List<T> current, List<T> incoming, Func<T, TKey> identity, Func<T, T> clone, Action<List<T>> set)
    {
        if (current.Select(identity).SequenceEqual(incoming.Select(identity)))
            return false;
        set(incoming.Select(clone).ToList());
        return true;
    }
}

using System.Globalization;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Content;

/// <summary>
/// Reads an <c>umbraco-content/</c> folder into detached entity graphs (one <see cref="Gemeente"/>
/// per folder with everything below it), with references resolved. Throws
/// <see cref="ContentImportException"/> listing every problem found; returns only when there are none.
/// </summary>
public static partial class ContentTreeReader
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".svg"];

    public const string HolidaysFile = "schoolvakanties.md";

    public static ContentTreeData Read(string root)
    {
        if (!Directory.Exists(root))
            throw new ContentImportException([new ContentError(root, 0, "", "the content folder does not exist")]);

        var errors = new List<ContentError>();
        var result = new List<Gemeente>();
        var photos = new Dictionary<ContentNode, PhotoReference>(ReferenceEqualityComparer.Instance);
        foreach (var dir in SortedDirectories(root))
        {
            var gemeente = ReadGemeente(root, dir, errors, photos);
            if (gemeente is not null)
                result.Add(gemeente);
        }

        RejectStrayFiles(root, root, ["README.md", HolidaysFile], errors);
        var holidaysPath = Path.Combine(root, HolidaysFile);
        var holidays = File.Exists(holidaysPath) && Load(root, holidaysPath, errors) is { } holidaysFile
            ? ReadHolidays(holidaysFile, new FieldReader(holidaysFile, errors))
            : null;

        var tree = new ContentTreeData(result, holidays, photos);
        CheckUniqueKeys(tree, errors);
        if (errors.Count > 0)
            throw new ContentImportException(errors);
        return tree;
    }

    private static Calendar.SchoolHolidays ReadHolidays(FrontMatterFile file, FieldReader f)
    {
        var holidays = new Calendar.SchoolHolidays { Slug = "schoolvakanties", Body = file.Body };
        ReadNode(f, holidays);
        foreach (var g in f.GroupList("periods"))
        {
            var period = new Calendar.HolidayPeriod { Name = g.Text("name"), From = g.Date("from"), To = g.Date("to") };
            var regions = g.List("regions", required: true);
            foreach (var r in regions.Where(r => r is not ("noord" or "midden" or "zuid")))
                g.Error("regions", null, $"'{r}' is not a region; use noord, midden and/or zuid");
            period.Regions = string.Join(',', regions.Distinct());
            if (period.To < period.From)
                g.Error("to", null, "must not be before 'from'");
            g.RejectUnknownKeys();
            holidays.Periods.Add(period);
        }

        f.RejectUnknownKeys();
        return holidays;
    }

    private static IEnumerable<string> SortedDirectories(string dir) =>
        Directory.GetDirectories(dir).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static FrontMatterFile? Load(string root, string path, List<ContentError> errors) =>
        FrontMatterFile.Parse(Relative(root, path), File.ReadAllText(path), errors);

    private static void CheckSlug(string root, string path, bool topLevel, List<ContentError> errors)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!Slugs.IsValid(name))
            errors.Add(new ContentError(Relative(root, path), 0, "", $"'{name}' is not a valid slug: use a-z, 0-9 and single hyphens (at most 80 characters)"));
        else if (topLevel && Slugs.Reserved.Contains(name))
            errors.Add(new ContentError(Relative(root, path), 0, "", $"'{name}' is a word the site uses itself; choose another slug"));
    }

    private static void ReadNode(FieldReader f, ContentNode node)
    {
        node.Key = f.Guid("key");
        node.State = f.Status();
        node.UpdatedUtc = f.UtcTimestamp("updated");
        node.CreatedUtc = node.UpdatedUtc;
    }

    private static Gemeente? ReadGemeente(string root, string dir, List<ContentError> errors, Dictionary<ContentNode, PhotoReference> photos)
    {
        CheckSlug(root, dir, topLevel: true, errors);
        var path = Path.Combine(dir, "gemeente.md");
        if (!File.Exists(path))
        {
            errors.Add(new ContentError(Relative(root, dir), 0, "", "a gemeente folder needs a file gemeente.md"));
            return null;
        }

        var file = Load(root, path, errors);
        if (file is null)
            return null;
        var f = new FieldReader(file, errors);
        var gemeente = ReadGemeenteFields(file, f);
        gemeente.Slug = Path.GetFileName(dir);
        f.RejectUnknownKeys();

        RejectStrayFiles(root, dir, ["gemeente.md"], errors);
        foreach (var wijkDir in SortedDirectories(dir))
        {
            var wijk = ReadWijk(root, wijkDir, errors, photos);
            if (wijk is not null)
            {
                wijk.Gemeente = gemeente;
                gemeente.Wijken.Add(wijk);
            }
        }

        return gemeente;
    }

    private static Gemeente ReadGemeenteFields(FrontMatterFile file, FieldReader f)
    {
        var gemeente = new Gemeente { Body = file.Body };
        ReadNode(f, gemeente);
        gemeente.Name = f.Text("name");
        gemeente.Summary = f.Text("summary");
        return gemeente;
    }

    private static void RejectStrayFiles(string root, string dir, string[] allowed, List<ContentError> errors)
    {
        foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || allowed.Contains(name) || ImageExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                continue;
            errors.Add(new ContentError(Relative(root, file), 0, "", $"unexpected file here; this folder holds {string.Join(", ", allowed)} and images"));
        }
    }

    private static Wijk? ReadWijk(string root, string dir, List<ContentError> errors, Dictionary<ContentNode, PhotoReference> photos)
    {
        CheckSlug(root, dir, topLevel: false, errors);
        var path = Path.Combine(dir, "wijk.md");
        if (!File.Exists(path))
        {
            errors.Add(new ContentError(Relative(root, dir), 0, "", "a wijk folder needs a file wijk.md"));
            return null;
        }

        var file = Load(root, path, errors);
        if (file is null)
            return null;
        var f = new FieldReader(file, errors);
        var wijk = ReadWijkFields(file, f);
        wijk.Slug = Path.GetFileName(dir);

        ReadPhoto(f, dir, wijk, photos);
        f.RejectUnknownKeys();
        RejectStrayFiles(root, dir, ["wijk.md", "visie.md"], errors);

        foreach (var sub in SortedDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name is not ("ontmoetingsplekken" or "activiteiten" or "partners"))
                errors.Add(new ContentError(Relative(root, sub), 0, "", "unexpected folder; a wijk holds the folders ontmoetingsplekken, activiteiten and partners"));
        }

        var partners = ReadAll(root, Path.Combine(dir, "partners"), errors, ReadPartner);
        var places = new Dictionary<MeetingPlace, (string Host, FieldReader F)>();
        var placeList = ReadAll(root, Path.Combine(dir, "ontmoetingsplekken"), errors, (file, reader) =>
        {
            var place = ReadMeetingPlace(file, reader, out var host);
            ReadPhoto(reader, Path.Combine(dir, "ontmoetingsplekken"), place, photos);
            places[place] = (host, reader);
            return place;
        });
        var activities = new Dictionary<Activity, (string Place, string Organiser, FieldReader F)>();
        var activityList = ReadAll(root, Path.Combine(dir, "activiteiten"), errors, (file, reader) =>
        {
            var activity = ReadActivity(file, reader, out var place, out var organiser);
            ReadPhoto(reader, Path.Combine(dir, "activiteiten"), activity, photos);
            activities[activity] = (place, organiser, reader);
            return activity;
        });

        var partnerBySlug = partners.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        var placeBySlug = placeList.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        foreach (var (place, (host, reader)) in places)
        {
            if (partnerBySlug.TryGetValue(host, out var partner))
                place.HostPartner = partner;
            else if (host.Length > 0)
                reader.Error("host", null, $"no partner '{host}' in this wijk; add partners/{host}.md or use one of: {string.Join(", ", partnerBySlug.Keys.Order(StringComparer.Ordinal))}", ContentErrorCodes.Reference);
        }

        foreach (var (activity, (place, organiser, reader)) in activities)
        {
            if (placeBySlug.TryGetValue(place, out var mp))
                activity.MeetingPlace = mp;
            else if (place.Length > 0)
                reader.Error("place", null, $"no meeting place '{place}' in this wijk; use one of: {string.Join(", ", placeBySlug.Keys.Order(StringComparer.Ordinal))}", ContentErrorCodes.Reference);
            if (partnerBySlug.TryGetValue(organiser, out var org))
                activity.Organiser = org;
            else if (organiser.Length > 0)
                reader.Error("organiser", null, $"no partner '{organiser}' in this wijk; use one of: {string.Join(", ", partnerBySlug.Keys.Order(StringComparer.Ordinal))}", ContentErrorCodes.Reference);
        }

        wijk.Partners.AddRange(partners);
        wijk.MeetingPlaces.AddRange(placeList);
        wijk.Activities.AddRange(activityList);
        foreach (var node in partners)
            node.Wijk = wijk;
        foreach (var node in placeList)
            node.Wijk = wijk;
        foreach (var node in activityList)
            node.Wijk = wijk;

        var visionPath = Path.Combine(dir, "visie.md");
        if (File.Exists(visionPath) && Load(root, visionPath, errors) is { } visionFile)
        {
            wijk.Vision = ReadVision(visionFile, new FieldReader(visionFile, errors));
            wijk.Vision.Wijk = wijk;
        }

        return wijk;
    }

    private static Wijk ReadWijkFields(FrontMatterFile file, FieldReader f)
    {
        var wijk = new Wijk { Body = file.Body };
        ReadNode(f, wijk);
        wijk.Name = f.Text("name");
        wijk.Summary = f.Text("summary");
        foreach (var pc in f.List("postcodes"))
        {
            if (int.TryParse(pc, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1000 and <= 9999)
                wijk.Postcodes.Add(n);
            else
                f.Error("postcodes", null, $"'{pc}' is not a four-digit postcode such as 2525", ContentErrorCodes.Postcode4);
        }

        return wijk;
    }

    private static List<T> ReadAll<T>(string root, string dir, List<ContentError> errors, Func<FrontMatterFile, FieldReader, T> read)
        where T : ContentNode
    {
        var result = new List<T>();
        if (!Directory.Exists(dir))
            return result;
        foreach (var path in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".md", StringComparison.Ordinal))
            {
                if (!ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()) && !Path.GetFileName(path).StartsWith('.'))
                    errors.Add(new ContentError(Relative(root, path), 0, "", "unexpected file here; this folder holds .md files and images"));
                continue;
            }

            CheckSlug(root, path, topLevel: false, errors);
            var file = Load(root, path, errors);
            if (file is null)
                continue;
            var f = new FieldReader(file, errors);
            var node = read(file, f);
            node.Slug = Path.GetFileNameWithoutExtension(path);
            f.RejectUnknownKeys();
            result.Add(node);
        }

        return result;
    }

    private static Partner ReadPartner(FrontMatterFile file, FieldReader f)
    {
        var partner = new Partner { Body = file.Body };
        ReadNode(f, partner);
        partner.Name = f.Text("name");
        partner.Role = f.Text("role");
        if (f.Group("contact", required: false) is { } contact)
        {
            partner.Website = contact.OptionalText("website");
            if (partner.Website is not null && !(Uri.TryCreate(partner.Website, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                contact.Error("website", null, $"must be a full https:// address, not '{partner.Website}'", ContentErrorCodes.Https);
            partner.Email = contact.OptionalText("email");
            if (partner.Email is not null && !partner.Email.Contains('@', StringComparison.Ordinal))
                contact.Error("email", null, $"'{partner.Email}' is not an e-mail address", ContentErrorCodes.Email);
            partner.Phone = contact.OptionalText("phone");
            contact.RejectUnknownKeys();
        }

        return partner;
    }

    private static MeetingPlace ReadMeetingPlace(FrontMatterFile file, FieldReader f, out string host)
    {
        var place = new MeetingPlace { Body = file.Body };
        ReadNode(f, place);
        place.Name = f.Text("name");
        place.Summary = f.Text("summary");
        if (f.Group("address", required: true) is { } address)
        {
            place.Street = address.Text("street");
            place.Postcode = address.Text("postcode");
            if (place.Postcode.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(place.Postcode, "^[1-9][0-9]{3} [A-Z]{2}$"))
                address.Error("postcode", null, $"must be written as 1234 AB, not '{place.Postcode}'", ContentErrorCodes.Postcode);
            place.City = address.Text("city");
            place.AddressIsPlaceholder = address.Bool("placeholder", defaultValue: false);
            address.RejectUnknownKeys();
        }

        if (f.Group("location", required: true) is { } location)
        {
            place.Latitude = location.Double("lat", 50.7, 53.6);
            place.Longitude = location.Double("lon", 3.3, 7.3);
            location.RejectUnknownKeys();
        }

        if (f.Group("accessibility", required: true) is { } access)
        {
            place.WheelchairAccessible = access.Bool("wheelchair");
            place.PramAccessible = access.Bool("pram");
            place.AccessibilityNotes = access.OptionalText("notes");
            access.RejectUnknownKeys();
        }

        place.Facilities = f.List("facilities");
        host = f.Slug("host");
        place.Professional = f.Text("professional");
        foreach (var g in f.GroupList("openingHours"))
        {
            var moment = new OpeningMoment { Day = g.Day("day"), From = g.Time("from"), To = g.Time("to"), Note = g.OptionalText("note") };
            if (moment.To <= moment.From)
                g.Error("to", null, "must be after 'from'", ContentErrorCodes.EndAfterStart);
            g.RejectUnknownKeys();
            place.OpeningHours.Add(moment);
        }

        return place;
    }

    private static Activity ReadActivity(FrontMatterFile file, FieldReader f, out string place, out string organiser)
    {
        var activity = new Activity { Body = file.Body };
        ReadNode(f, activity);
        activity.Title = f.Text("title");
        var type = f.Text("type");
        if (ActivityTypes.TryParse(type, out var t))
            activity.Type = t;
        else if (type.Length > 0)
            f.Error("type", null, $"must be one of {string.Join(", ", ActivityTypes.All.Select(x => x.ToSlug()))}, not '{type}'", ContentErrorCodes.Choice);
        activity.Summary = f.Text("summary");
        activity.AgeFromMonths = f.Int("ageFromMonths", 0, 72);
        activity.AgeToMonths = f.Int("ageToMonths", 0, 72);
        if (activity.AgeToMonths < activity.AgeFromMonths)
            f.Error("ageToMonths", null, "must not be lower than ageFromMonths", ContentErrorCodes.AgeOrder);
        activity.Languages = f.List("languages", required: true);
        foreach (var lang in activity.Languages.Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, "^[a-z]{2}$")))
            f.Error("languages", null, $"'{lang}' is not a two-letter language code such as nl, ar or tr", ContentErrorCodes.Language, lang);

        var cost = f.Text("cost");
        if (cost == "gratis")
            activity.IsFree = true;
        else if (decimal.TryParse(cost, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount < 1000)
            activity.CostAmount = amount;
        else if (cost.Length > 0)
            f.Error("cost", null, $"must be 'gratis' or an amount in euros such as 2.50, not '{cost}'", ContentErrorCodes.Cost);
        activity.CostNote = f.OptionalText("costNote");

        place = f.Slug("place");
        organiser = f.Slug("organiser");
        if (f.Group("signUp", required: true) is { } signUp)
        {
            activity.SignUpRequired = signUp.Bool("required");
            activity.Capacity = signUp.OptionalInt("capacity", 1, 500);
            signUp.RejectUnknownKeys();
        }

        activity.Sequence = f.OptionalInt("sequence", 0, 100_000) ?? 0;
        if (f.Group("schedule", required: true) is { } s)
        {
            activity.Schedule = ReadSchedule(s, out var changes, out var entries);
            activity.ScheduleChanges = changes;
            CheckChangesAreDatesOfTheSeries(activity, entries);
        }

        return activity;
    }

    /// <summary>A cancelled or moved date must be one the series really gives, or the change would silently do nothing.</summary>
    /// <param name="entries">Each change's own entry in the file, so the error names that entry and its line.</param>
    private static void CheckChangesAreDatesOfTheSeries(Activity activity, Dictionary<ScheduleChange, FieldReader> entries)
    {
        if (activity.Schedule.EndTime <= activity.Schedule.StartTime || activity.ScheduleChanges.Count == 0)
            return;
        NodaTime.LocalTime time;
        Buurtplatform.Calendar.EventSeries series;
        try
        {
            var plain = new Activity { Schedule = activity.Schedule };
            series = ActivitySeries.From(plain, holidays: null);
            time = NodaTime.LocalTime.FromTimeOnly(activity.Schedule.StartTime);
        }
        catch (ArgumentException)
        {
            return; // the schedule itself is already reported
        }

        foreach (var change in activity.ScheduleChanges)
        {
            var original = NodaTime.LocalDate.FromDateOnly(change.Date) + time;
            if (Buurtplatform.Calendar.RecurrenceExpander.Find(series, original) is null)
                entries[change].Error("date", null,
                    $"{change.Date:yyyy-MM-dd} is not a date of this activity's schedule; use one of its dates", ContentErrorCodes.NotADateOfTheSchedule,
                    change.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static ActivitySchedule ReadSchedule(FieldReader s, out List<ScheduleChange> changes, out Dictionary<ScheduleChange, FieldReader> entries)
    {
        var schedule = new ActivitySchedule { StartDate = s.Date("start") };
        (schedule.StartTime, schedule.EndTime) = s.TimeRange("time");
        var repeat = s.Text("repeat");
        switch (repeat)
        {
            case "once":
                schedule.Repeat = Repeat.Once;
                break;
            case "weekly":
                schedule.Repeat = Repeat.Weekly;
                break;
            case "monthly":
                schedule.Repeat = Repeat.Monthly;
                break;
            default:
                if (repeat.Length > 0)
                    s.Error("repeat", null, $"must be 'once', 'weekly' or 'monthly', not '{repeat}'", ContentErrorCodes.Choice);
                break;
        }

        var once = schedule.Repeat == Repeat.Once;
        schedule.Interval = s.OptionalInt("every", 1, schedule.Repeat == Repeat.Monthly ? 12 : 52) ?? 1;
        foreach (var day in s.List("days", required: !once))
        {
            if (Days.TryParse(day, out var d))
                schedule.Days.Add(d);
            else
                s.Error("days", null, $"'{day}' is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday", ContentErrorCodes.Day);
        }

        schedule.Days = [.. schedule.Days.Distinct().OrderBy(d => ((int)d + 6) % 7)];
        schedule.WeekOfMonth = s.OptionalInt("weekOfMonth", -1, 4);
        if (schedule.WeekOfMonth == 0)
            s.Error("weekOfMonth", null, "must be 1, 2, 3 or 4 (the first to fourth such day) or -1 (the last)", ContentErrorCodes.WeekOfMonth);
        schedule.Until = s.OptionalDate("until");
        schedule.Count = s.OptionalInt("count", 1, 500);
        var skip = s.OptionalText("skipSchoolHolidays");
        switch (skip)
        {
            case null:
                break;
            case "noord":
                schedule.SkipSchoolHolidays = HolidayRegion.Noord;
                break;
            case "midden":
                schedule.SkipSchoolHolidays = HolidayRegion.Midden;
                break;
            case "zuid":
                schedule.SkipSchoolHolidays = HolidayRegion.Zuid;
                break;
            default:
                s.Error("skipSchoolHolidays", null, $"must be noord, midden or zuid (the school holiday region), not '{skip}'", ContentErrorCodes.Choice);
                break;
        }

        if (once)
        {
            foreach (var (key, present) in new[] { ("days", schedule.Days.Count > 0), ("every", schedule.Interval != 1), ("until", schedule.Until is not null), ("count", schedule.Count is not null), ("weekOfMonth", schedule.WeekOfMonth is not null) })
            {
                if (present)
                    s.Error(key, null, "only a repeating activity has this; remove it or use repeat: weekly or monthly", ContentErrorCodes.OnlyRepeating);
            }
        }

        if (schedule.Repeat == Repeat.Weekly && schedule.WeekOfMonth is not null)
            s.Error("weekOfMonth", null, "only a monthly activity has this; use repeat: monthly", ContentErrorCodes.OnlyRepeating);
        if (schedule.Repeat == Repeat.Monthly)
        {
            if (schedule.Days.Count != 1)
                s.Error("days", null, "a monthly activity has exactly one day, e.g. [tuesday] with weekOfMonth: 2 for the second Tuesday", ContentErrorCodes.MonthlyOneDay);
            if (schedule.WeekOfMonth is null)
                s.Error("weekOfMonth", null, "is required for a monthly activity: 1, 2, 3, 4, or -1 for the last", ContentErrorCodes.Required);
        }

        if (schedule.Until is not null && schedule.Count is not null)
            s.Error("count", null, "give either 'until' or 'count', not both", ContentErrorCodes.UntilOrCount);
        if (schedule.Until < schedule.StartDate)
            s.Error("until", null, "must not be before start", ContentErrorCodes.UntilBeforeStart);
        foreach (var date in s.List("dates"))
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                schedule.ExtraDates.Add(d);
            else
                s.Error("dates", null, $"'{date}' is not a date written as YYYY-MM-DD", ContentErrorCodes.Date);
        }

        schedule.ExtraDates = [.. schedule.ExtraDates.Distinct().Order()];

        changes = [];
        entries = new Dictionary<ScheduleChange, FieldReader>(ReferenceEqualityComparer.Instance);
        foreach (var c in s.GroupList("cancelled"))
        {
            var change = new ScheduleChange { Date = c.Date("date"), Cancelled = true, Reason = c.Text("reason") };
            entries[change] = c;
            changes.Add(change);
            c.RejectUnknownKeys();
        }

        foreach (var m in s.GroupList("moved"))
        {
            var change = new ScheduleChange { Date = m.Date("date"), NewDate = m.Date("to"), Reason = m.OptionalText("reason") };
            if (m.OptionalText("time") is not null)
                (change.NewStartTime, change.NewEndTime) = m.TimeRange("time");
            m.RejectUnknownKeys();
            entries[change] = m;
            changes.Add(change);
        }

        foreach (var duplicate in changes.GroupBy(c => c.Date).Where(g => g.Count() > 1))
            s.Error("cancelled", null, $"{duplicate.Key:yyyy-MM-dd} is cancelled or moved more than once", ContentErrorCodes.DuplicateChange,
                duplicate.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        changes = [.. changes.OrderBy(c => c.Date)];
        s.RejectUnknownKeys();
        return schedule;
    }

    private static Vision.Vision ReadVision(FrontMatterFile file, FieldReader f)
    {
        var vision = new Vision.Vision { Slug = "visie" };
        ReadNode(f, vision);
        vision.Title = f.Text("title");
        vision.Summary = f.Text("summary");
        vision.WrittenByParents = f.Text("writtenByParents");
        vision.WrittenByProfessionals = f.Text("writtenByProfessionals");
        vision.LastReviewed = f.Date("lastReviewed");
        f.RejectUnknownKeys();
        (vision.Intro, vision.Sections) = VisionMarkdown.Split(file.Body);
        return vision;
    }

    /// <summary>
    /// The optional <c>photo:</c> group of a wijk, meeting place or activity. The rules for its details are the
    /// media library's (<see cref="Media.PhotoDetails"/>); the file itself is checked and processed by the import.
    /// </summary>
    private static void ReadPhoto(FieldReader f, string folder, ContentNode node, Dictionary<ContentNode, PhotoReference> photos)
    {
        if (f.Group("photo", required: false) is not { } p)
            return;
        var key = p.Guid("key");
        var fileName = p.Text("file");
        var line = p.LineOf("file");
        string? fullPath = null;
        if (fileName.Length > 0)
        {
            // A bare file name beside the node's file: no folders, no "..", nothing that could point elsewhere.
            if (!PhotoFileName().IsMatch(fileName))
                p.Error("file", null, $"must be the name of an image file beside this file (a-z, 0-9, '-' and '_', ending in .jpg, .jpeg, .png, .webp, .heic or .heif), not '{fileName}'");
            else if (!File.Exists(Path.Combine(folder, fileName)))
                p.Error("file", null, $"there is no file '{fileName}' beside this file");
            else
                fullPath = Path.Combine(folder, fileName);
        }

        double focalX = 0.5, focalY = 0.5;
        var focus = p.List("focus");
        if (focus.Count > 0)
        {
            if (focus.Count != 2
                || !double.TryParse(focus[0], NumberStyles.Float, CultureInfo.InvariantCulture, out focalX)
                || !double.TryParse(focus[1], NumberStyles.Float, CultureInfo.InvariantCulture, out focalY))
            {
                p.Error("focus", null, "must be two numbers from 0 to 1, written as [0.5, 0.35]: across from the left, down from the top");
                (focalX, focalY) = (0.5, 0.5);
            }
        }

        var details = new Media.PhotoDetails
        {
            AltText = p.OptionalText("alt"),
            IsDecorative = p.Bool("decorative", defaultValue: false),
            Description = p.OptionalText("description"),
            FocalX = Math.Round(focalX, 3),
            FocalY = Math.Round(focalY, 3),
            ChildrenRecognisable = p.OptionalText("childrenRecognisable") switch { "true" => true, "false" => false, _ => null },
        };
        var childrenInvalid = details.ChildrenRecognisable is null && p.OptionalText("childrenRecognisable") is not null;
        if (childrenInvalid)
            p.Error("childrenRecognisable", null, $"must be true or false, not '{p.OptionalText("childrenRecognisable")}'");
        var useGivenButWrong = false;
        if (p.Group("consent", required: false) is { } consent)
        {
            var use = consent.OptionalText("use");
            if (use is not null and not "website")
            {
                consent.Error("use", null, $"must be 'website' (the one use the site asks consent for), not '{use}'");
                useGivenButWrong = true;
            }
            details = details with
            {
                ConsentGivenBy = consent.OptionalText("givenBy"),
                ConsentDate = consent.OptionalDate("date"),
                ConsentUse = use == "website" ? Media.ConsentUse.Website : null,
            };
            consent.RejectUnknownKeys();
        }

        // The content file has no "today": a consent date in the future is the import's to refuse.
        foreach (var (field, problem) in details.Problems(DateOnly.MaxValue))
        {
            // Already said more precisely above.
            if ((problem == Media.DetailProblem.ConsentUseMissing && useGivenButWrong) || (problem == Media.DetailProblem.ChildrenQuestionUnanswered && childrenInvalid))
                continue;
            p.Error(field, null, PhotoProblemText(problem));
        }
        p.RejectUnknownKeys();
        if (fullPath is not null && key != System.Guid.Empty)
            photos[node] = new PhotoReference(f.FilePath, line, fullPath, key, details);
    }

    private static string PhotoProblemText(Media.DetailProblem problem) => problem switch
    {
        Media.DetailProblem.AltTextOrDecorative => "is required: describe what the photo shows, or write decorative: true when it adds nothing to the text",
        Media.DetailProblem.AltTextAndDecorative => "give either alt or decorative: true, not both",
        Media.DetailProblem.AltTextTooLong => $"must be at most {Media.PhotoDetails.AltTextMaxLength} characters; say what matters in the photo",
        Media.DetailProblem.DescriptionTooLong => $"must be at most {Media.PhotoDetails.DescriptionMaxLength} characters",
        Media.DetailProblem.FocalPointOutOfRange => "must be two numbers from 0 to 1, written as [0.5, 0.35]",
        Media.DetailProblem.ChildrenQuestionUnanswered => "is required: are recognisable children in this photo? true or false",
        Media.DetailProblem.ConsentGivenByMissing => "is required when children are recognisable: the parent or guardian who consented, or better a reference to the signed form",
        Media.DetailProblem.ConsentDateMissing => "is required when children are recognisable: the date consent was given, YYYY-MM-DD",
        Media.DetailProblem.ConsentDateInFuture => "must not be in the future",
        Media.DetailProblem.ConsentUseMissing => "is required when children are recognisable: website",
        Media.DetailProblem.ConsentWithoutChildren => "is only recorded when children are recognisable (childrenRecognisable: true)",
        _ => problem.ToString(),
    };

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9_-]*(\\.[a-z0-9_-]+)*\\.(jpg|jpeg|png|webp|heic|heif)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PhotoFileName();

    private static void CheckUniqueKeys(ContentTreeData tree, List<ContentError> errors)
    {
        var seen = new Dictionary<Guid, string>();
        foreach (var (node, path) in ContentTree.Walk(tree))
        {
            if (node.Key == Guid.Empty)
                continue;
            if (!seen.TryAdd(node.Key, path))
                errors.Add(new ContentError(path, FrontMatterFile.FirstYamlLine, "key", $"{node.Key} is already the key of {seen[node.Key]}; every node needs its own key"));
        }
    }
}

using System.Text.Encodings.Web;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.Content.Translations;
using Buurtplatform.Web.Languages;
using Buurtplatform.Web.NearMe;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Buurtplatform.Web.Shared;

/// <summary>
/// The dates of a list grouped by day (the agenda, a wijk, the home page, an embed), written straight to the page's
/// writer: the HTML that <c>_OccurrenceList.cshtml</c> wrote with two partial views (<c>_OccurrenceStatus</c>,
/// <c>_Type</c>) and two tag helpers (the link's language prefix, the pictogram's fingerprint) for
/// every date, byte for byte, without them (issue 15: they were most of an uncached agenda's rendering).
/// </summary>
/// <remarks>
/// What is the same for every date of an activity (its link, type, ages, cost, place) is written once per activity and
/// page and copied for its other dates. The type's pictogram and word (<see cref="TypeHtml"/>) and a date's status
/// (<see cref="Status"/>) are written here for the pages that show one too: <c>_Type.cshtml</c> and
/// <c>_OccurrenceStatus.cshtml</c> call them, so there is one source of that HTML.
/// </remarks>
public sealed class OccurrenceListHtml(
    OccurrenceListModel model,
    IStringLocalizer t,
    DateText dates,
    PageTranslations translations,
    IFileVersionProvider versions,
    SiteLanguage language,
    PathString pathBase)
{
    // The indentation the Razor partial wrote: its own, inside the page's (the page's first line's is the page's).
    private const string DayIndent = "    ";
    private const string ItemIndent = "            ";
    private const string LineIndent = "                ";
    private const string FactIndent = "                    ";
    private const string InnerIndent = "                        ";

    /// <summary>
    /// Writes the list now (into the view's buffer): not an <c>IHtmlContent</c> written when the page is sent, because
    /// a title shown in Dutch must be counted (<see cref="PageTranslations.ShowedDutch"/>) before the layout asks.
    /// </summary>
    public void Write(TextWriter writer, HtmlEncoder encoder)
    {
        var occurrences = model.Occurrences;
        if (occurrences.Count == 0)
        {
            return;
        }

        var perActivity = new Dictionary<Activity, ActivityParts>(ReferenceEqualityComparer.Instance);
        var typeHtmls = new Dictionary<ActivityType, string>();
        foreach (var day in Days(occurrences))
        {
            writer.Write(DayIndent);
            writer.Write("<h3 class=\"day\">");
            encoder.Encode(writer, dates.Day(day[0].Date));
            writer.Write("</h3>\n");
            writer.Write(DayIndent);
            writer.Write("<ul class=\"occurrences\">\n");
            foreach (var o in day)
            {
                var a = o.Activity;
                if (!perActivity.TryGetValue(a, out var parts))
                {
                    parts = Parts(a, encoder, typeHtmls);
                    perActivity.Add(a, parts);
                }

                WriteItem(writer, encoder, o, parts);
            }

            writer.Write(DayIndent);
            writer.Write("</ul>\n");
        }
    }

    /// <summary>The dates by day, in the order of each day's first date (as <c>GroupBy</c>): one pass when they are in date order, as every list is.</summary>
    internal static IEnumerable<IReadOnlyList<ActivityOccurrence>> Days(IReadOnlyList<ActivityOccurrence> occurrences)
    {
        for (var i = 1; i < occurrences.Count; i++)
        {
            if (occurrences[i].Date < occurrences[i - 1].Date)
            {
                return occurrences.GroupBy(o => o.Date).Select(g => (IReadOnlyList<ActivityOccurrence>)[.. g]);
            }
        }

        return Runs(occurrences);
    }

    private static IEnumerable<IReadOnlyList<ActivityOccurrence>> Runs(IReadOnlyList<ActivityOccurrence> occurrences)
    {
        var start = 0;
        for (var i = 1; i <= occurrences.Count; i++)
        {
            if (i == occurrences.Count || occurrences[i].Date != occurrences[start].Date)
            {
                yield return new Run(occurrences, start, i - start);
                start = i;
            }
        }
    }

    private void WriteItem(TextWriter writer, HtmlEncoder encoder, ActivityOccurrence o, ActivityParts parts)
    {
        writer.Write(ItemIndent);
        writer.Write(o.IsCancelled ? "<li class=\"cancelled\">\n" : o.IsMoved ? "<li class=\"moved\">\n" : "<li>\n");
        var time = dates.TimeRange(o.Start.TimeOfDay, o.End.TimeOfDay);
        writer.Write(FactIndent);
        if (o.IsCancelled)
        {
            writer.Write("<del>");
            WriteLink(writer, encoder, o.Activity, parts);
            writer.Write(" <span class=\"when\">");
            encoder.Encode(writer, time);
            writer.Write("</span></del>\n");
        }
        else
        {
            WriteLink(writer, encoder, o.Activity, parts);
            writer.Write('\n');
            writer.Write(FactIndent);
            writer.Write("<span class=\"when\">");
            encoder.Encode(writer, time);
            writer.Write("</span>\n");
        }

        // _OccurrenceStatus.cshtml, at the partial's place: its line, or nothing, then the page's line end.
        writer.Write(LineIndent);
        if (Status(t, dates, o) is { } status)
        {
            writer.Write("    <strong class=\"status\">");
            encoder.Encode(writer, status);
            writer.Write("</strong>\n");
        }

        writer.Write('\n');
        writer.Write(LineIndent);
        writer.Write("<span class=\"facts\">\n");
        writer.Write(parts.Type);
        if (model.Distances?.GetValueOrDefault(o.Activity.Id) is { } distance)
        {
            writer.Write(InnerIndent);
            writer.Write("<span class=\"distance\">");
            encoder.Encode(writer, DistanceText.Brief(t, distance));
            writer.Write("</span>\n");
        }

        writer.Write(parts.Rest);
        writer.Write(LineIndent);
        writer.Write("</span>\n");
        writer.Write(ItemIndent);
        writer.Write("</li>\n");
    }

    private void WriteLink(TextWriter writer, HtmlEncoder encoder, Activity a, ActivityParts parts)
    {
        writer.Write(parts.LinkStart);
        // Through the translations each time: a title shown in Dutch on a page in another language is what the layout's note counts.
        translations.Inline(a, "title").WriteTo(writer, encoder);
        writer.Write("</a>");
    }

    private ActivityParts Parts(Activity a, HtmlEncoder encoder, Dictionary<ActivityType, string> typeHtmls)
    {
        var link = "<a href=\"" + encoder.Encode(language.Link(Links.Activity(a))) + "\">";

        // _Type.cshtml at the partial's place (the page's indentation before it, its own line end and the page's after it).
        if (!typeHtmls.TryGetValue(a.Type, out var typeHtml))
        {
            typeHtml = TypeHtml(t, versions, pathBase, a.Type, encoder);
            typeHtmls.Add(a.Type, typeHtml);
        }

        var type = FactIndent + typeHtml + "\n\n";

        var rest = new StringWriter();
        if (model.ShowPlace)
        {
            rest.Write(InnerIndent);
            rest.Write("<span>");
            encoder.Encode(rest, a.MeetingPlace.Name);
            encoder.Encode(rest, model.ShowWijk ? $", {a.Wijk.Name}" : "");
            rest.Write("</span>\n");
        }

        rest.Write(FactIndent);
        rest.Write("<span>");
        encoder.Encode(rest, PresentationText.AgeRange(t, a.AgeFromMonths, a.AgeToMonths));
        rest.Write("</span>\n");
        rest.Write(FactIndent);
        rest.Write("<span>");
        encoder.Encode(rest, PresentationText.Cost(t, a));
        rest.Write("</span>\n");
        return new ActivityParts(link, type, rest.ToString());
    }

    /// <summary>
    /// The activity type's word with its pictogram, as every page shows it (<c>_Type.cshtml</c> writes this too). The
    /// pictogram sits next to the word, never instead of it, so it is decorative (<c>alt=""</c>). Its address is the
    /// file's real one (never the language prefix) with its fingerprint, as the image tag helper's
    /// <c>asp-append-version</c> wrote it.
    /// </summary>
    public static string TypeHtml(IStringLocalizer t, IFileVersionProvider versions, PathString pathBase, ActivityType type, HtmlEncoder encoder) =>
        "<span class=\"type\"><img class=\"type-icon\" src=\""
        + encoder.Encode(versions.AddFileVersionToPath(pathBase, "/img/types/" + type.ToSlug() + ".svg"))
        + "\" alt=\"\" width=\"24\" height=\"24\"> " + encoder.Encode(PresentationText.Type(t, type)) + "</span>";

    /// <summary>
    /// What a cancelled or moved date says about itself ("Gaat niet door: …", "Verplaatst van …"), or null for a date
    /// that takes place as planned. Every page that lists dates shows this (<c>_OccurrenceStatus.cshtml</c> too).
    /// </summary>
    public static string? Status(IStringLocalizer t, DateText dates, ActivityOccurrence o) =>
        o.IsCancelled ? (o.Reason is null ? t["Occurrence.Cancelled"] : t["Occurrence.CancelledBecause", o.Reason])
        : o.IsMoved ? t["Occurrence.MovedFrom", dates.Day(o.OriginalStart.Date)] + (o.Reason is null ? "" : $" ({o.Reason})")
        : null;

    /// <summary>An activity's HTML that is the same for each of its dates on this page.</summary>
    private sealed record ActivityParts(string LinkStart, string Type, string Rest);

    private sealed class Run(IReadOnlyList<ActivityOccurrence> all, int start, int count) : IReadOnlyList<ActivityOccurrence>
    {
        public ActivityOccurrence this[int index] => all[start + index];

        public int Count => count;

        public IEnumerator<ActivityOccurrence> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return all[start + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

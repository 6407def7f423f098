using Buurtplatform.Web.Mail;
using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>What a parent hears about their idea.</summary>
public enum SuggestionNews
{
    Published,
    Answered,
    Declined,
    Merged,
    Processed,
}

/// <summary>
/// The mails about ideas, queued in the outbox in the caller's transaction. Only the first mail holds the
/// personal link (the database keeps just its hash); later ones point to it. Editors' digests hold no
/// personal data: counts per wijk and a link to the queue, behind sign-in.
/// </summary>
public sealed class SuggestionMails(MailOutbox outbox, IStringLocalizer<SharedResource> t, DateText dates, TimeProvider clock,
    IOptions<SuggestionOptions> options, IOptions<SignUpOptions> signUpOptions, IOptions<SiteOptions> site)
{
    private string BaseUrl => site.Value.PublicBaseUrl.TrimEnd('/');

    public void QueueReceived(VisionSuggestion s, Vision vision, string token)
    {
        var readBy = SuggestionDonePageModel.ReadByDate(clock, options.Value, signUpOptions.Value);
        var body = new StringBuilder()
            .AppendLine(t["SuggestionMail.Greeting"]).AppendLine()
            .AppendLine(t["SuggestionMail.Received", vision.Title])
            .AppendLine(t.Plural("Suggestion.Done.When", options.Value.ResponseWorkingDays, dates.LongDate(readBy))).AppendLine()
            .AppendLine(t["SuggestionMail.Link"])
            .AppendLine(SuggestionLink.Url(Languages.SiteLanguages.PublicBase(BaseUrl), token)).AppendLine()
            .AppendLine(t.Plural("SuggestionMail.Retention", options.Value.RetentionDays)).AppendLine()
            .AppendLine(t["SuggestionMail.Regards", vision.Wijk.Name]);
        outbox.Queue(s.Email!, t["SuggestionMail.Subject.Received"], body.ToString());
    }

    /// <summary>News about the idea, to the parent when they left an address (nothing otherwise).</summary>
    public void QueueNews(VisionSuggestion s, Vision vision, SuggestionNews news, string? detail = null)
    {
        if (s.Email is null)
            return;
        var body = new StringBuilder()
            .AppendLine(t["SuggestionMail.Greeting"]).AppendLine()
            .AppendLine(t["SuggestionMail.News." + news, vision.Title]);
        if (detail is not null)
            body.AppendLine().AppendLine(detail);
        body.AppendLine().AppendLine(t["SuggestionMail.SeeLink"]).AppendLine()
            .AppendLine(t["SuggestionMail.Regards", vision.Wijk.Name]);
        outbox.Queue(s.Email, t["SuggestionMail.Subject.News"], body.ToString());
    }

    /// <summary>The editors' daily digest: new ideas per wijk, no personal data.</summary>
    public void QueueDigest(string email, IReadOnlyList<(int WijkId, string Wijk, int Count)> rows)
    {
        var body = new StringBuilder().AppendLine(t.Plural("SuggestionMail.Digest.Intro", rows.Count)).AppendLine();
        foreach (var (id, wijk, count) in rows)
            body.AppendLine(t.Plural("SuggestionMail.Digest.Line", count, wijk)).AppendLine(CultureInfo.InvariantCulture, $"  {BaseUrl}{SuggestionPaths.Queue(id)}");
        body.AppendLine().AppendLine(t["SuggestionMail.Digest.Why"]);
        outbox.Queue(email, t.Plural("SuggestionMail.Digest.Subject", rows.Sum(r => r.Count)), body.ToString());
    }
}

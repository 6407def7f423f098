namespace Buurtplatform.Web.Editing;

/// <summary>Settings of drafts, publishing and previews (section <c>Editing</c>). Defaults in code; configuration overrides them.</summary>
public sealed class EditingOptions
{
    public const string Section = "Editing";

    /// <summary>How long a shareable preview link works. Default 7 days.</summary>
    public TimeSpan PreviewLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The key that signs shareable preview links (HMAC-SHA256), base64, at least 32 bytes. Default empty:
    /// the site generates one on first start and keeps it in the database, encrypted with data protection, so
    /// every node uses the same one. Changing it ends every link handed out.
    /// </summary>
    public string? PreviewLinkKey { get; set; }

    /// <summary>How often the worker looks for planned publishing. Default 1 minute.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Run the worker that carries out planned publishing. Default true. With several instances, the work is
    /// safe to run on all (each due item is claimed in a transaction), but once is enough. Planned work that
    /// became due while the site was down is always done once at start.
    /// </summary>
    public bool SchedulerWorkerEnabled { get; set; } = true;
}

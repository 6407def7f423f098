using System.Collections.Concurrent;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Content.Translations;

namespace Buurtplatform.Web.SignUps.Public;

/// <summary>
/// What this node last read to show an activity's sign-up form, kept in memory for one purpose: when the
/// database is away at the moment a parent sends the form, the form comes back with everything they typed
/// and a clear message, instead of an error page that loses it. Never used while the database answers.
/// </summary>
/// <remarks>
/// One entry per activity and language with a form that was shown on this node since it started: a few hundred at most.
/// A parent whose form was shown by another node gets the friendly 503 page instead (their browser still
/// holds what they typed when they go back).
/// </remarks>
public sealed class SignUpFormSnapshots
{
    private readonly ConcurrentDictionary<string, Snapshot> _byPath = new(StringComparer.Ordinal);

    public sealed record Snapshot(Activity Activity, SignUpSettings Settings, List<SignUpQuestion> Questions, List<SignUpDate> Dates,
        Dictionary<DateOnly, SignUpFormPageModel.Availability> Places, ContentTranslations Translations);

    public void Keep(string path, Snapshot snapshot) => _byPath[path] = snapshot;

    public bool TryGet(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Snapshot? snapshot) => _byPath.TryGetValue(path, out snapshot);
}

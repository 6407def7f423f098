namespace Buurtplatform.Web.Content;

/// <summary>
/// What every kind's <c>Copy</c> (<c>ActivityFile.Copy</c>, <c>WijkFile.Copy</c>, …) does: it copies a node's content
/// from a detached entity (read from a file or a version's text) onto its tracked row. The import and the
/// backoffice's publishing share these, so a node is written the same way by both. Each returns true when it
/// replaced an owned collection (EF cannot see those as "modified"). Identity (Key), slug, state and
/// timestamps are the caller's business.
/// </summary>
public static class ContentCopy
{
    /// <summary>Owned collections are replaced only when their content differs, so a re-import writes nothing.</summary>
    public static bool ReplaceIfDifferent<T, TKey>(List<T> current, List<T> incoming, Func<T, TKey> identity, Func<T, T> clone, Action<List<T>> set)
    {
        if (current.Select(identity).SequenceEqual(incoming.Select(identity)))
            return false;
        set(incoming.Select(clone).ToList());
        return true;
    }
}

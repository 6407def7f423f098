using Buurtplatform.Web.Activities;

namespace Buurtplatform.Web.Search;

/// <summary>What a search result is.</summary>
public enum SearchKind
{
    Activity,
    MeetingPlace,
    Wijk,
    Vision,
    Partner,
}

/// <summary>Age bands parents think in; an activity is in every band its age range touches.</summary>
[Flags]
public enum AgeBands
{
    None = 0,

    /// <summary>0 to 11 months.</summary>
    Baby = 1,

    /// <summary>12 to 23 months.</summary>
    Dreumes = 2,

    /// <summary>24 to 47 months.</summary>
    Peuter = 4,

    /// <summary>48 to 72 months.</summary>
    Kleuter = 8,
}

/// <summary>
/// One row per public content node: the search index. It lives in the same database as the content
/// and is written in the same transaction (see <see cref="SearchIndexer"/>), so it cannot drift.
/// Drafts and nodes under an unpublished parent have no row at all.
/// </summary>
/// <remarks>
/// The full-text part is engine-specific and hangs off this table: on SQLite an FTS5 table over
/// <see cref="TitleText"/>/<see cref="BodyText"/> kept in step by triggers; on PostgreSQL two
/// generated tsvector columns with a GIN index. Both are created in the providers' migrations.
/// </remarks>
public sealed class SearchDocument
{
    /// <summary>Also the FTS5 rowid on SQLite.</summary>
    public int Id { get; set; }

    /// <summary>The content node's stable key.</summary>
    public Guid NodeKey { get; set; }

    /// <summary>
    /// The index version (<see cref="SearchIndexState.Version"/>) of the write that last wrote this row, so
    /// in-memory copies of the index can read only the rows changed since the version they hold.
    /// </summary>
    public long IndexVersion { get; set; }

    public SearchKind Kind { get; set; }

    /// <summary>Shown as the result's link text.</summary>
    public string Title { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>Plain text (Markdown removed) that snippets are cut from.</summary>
    public string Text { get; set; } = "";

    /// <summary>The title as the engine indexes it (<see cref="ISearchEngine.IndexText"/>).</summary>
    public string TitleText { get; set; } = "";

    /// <summary>The body as the engine indexes it.</summary>
    public string BodyText { get; set; } = "";

    /// <summary>Distinct vocabulary words, space-separated: what <see cref="SearchTerm"/> counts.</summary>
    public string Words { get; set; } = "";

    public int GemeenteId { get; set; }

    public int WijkId { get; set; }

    public ActivityType? ActivityType { get; set; }

    public AgeBands AgeBands { get; set; }

    /// <summary>Bit <c>1 &lt;&lt; (int)DayOfWeek</c> for each day the activity runs or the place is open.</summary>
    public int DayMask { get; set; }

    public bool IsFree { get; set; }

    /// <summary>The last date an activity takes place; null when it runs on, or for other kinds. Past activities rank lower.</summary>
    public DateOnly? LastDate { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }
}

/// <summary>
/// A word of the public vocabulary with the number of public documents that contain it. Typo
/// tolerance and "did you mean" look words up here; only public documents count, so a draft's
/// words are never suggested.
/// </summary>
public sealed class SearchTerm
{
    public string Word { get; set; } = "";

    public int Documents { get; set; }
}

/// <summary>
/// The index's version: one row (Id 1) whose <see cref="Version"/> every index write raises by one in
/// the same transaction as the rows it writes (and stamps them with). In-memory structures derived from
/// the index (<see cref="SearchIndexSnapshot"/>) remember the version they were read at and are brought
/// up to date when the database holds another one, so a second app instance's publish is seen on the
/// next search.
/// </summary>
/// <remarks>
/// A second row (<see cref="TranslationsId"/>) is the version of the content translations, raised by every save that
/// adds, changes or deletes one (or deletes a node, whose translations go with it): the in-memory index of translated
/// terms (<see cref="TranslationIndexCache"/>) is read again when it moved. It is made by the first such save.
/// </remarks>
public sealed class SearchIndexState
{
    public const int SingletonId = 1;

    /// <summary>The row whose version counts changes to <see cref="Content.Translations.ContentTranslation"/> rows.</summary>
    public const int TranslationsId = 2;

    public int Id { get; set; }

    public long Version { get; set; }

    /// <summary>The current version (one primary-key read).</summary>
    internal static Task<long> ReadAsync(AppDbContext db, CancellationToken ct) =>
        db.SearchIndexState.AsNoTracking().Where(s => s.Id == SingletonId).Select(s => s.Version).SingleAsync(ct);

    /// <summary>The translations' version (one primary-key read); 0 before the first translation was saved.</summary>
    internal static Task<long> ReadTranslationsAsync(AppDbContext db, CancellationToken ct) =>
        db.SearchIndexState.AsNoTracking().Where(s => s.Id == TranslationsId).Select(s => s.Version).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Raises the translations' version in the caller's transaction, making its row first when there is none (the
    /// same SQL on SQLite and PostgreSQL; two first saves at once: one inserts, the other waits and then updates).
    /// Index writes raise <see cref="SingletonId"/> before this, never after, so two saves never wait for each other
    /// the other way round.
    /// </summary>
    internal static async Task RaiseTranslationsAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "SearchIndexState" ("Id", "Version") VALUES ({TranslationsId}, 0) ON CONFLICT ("Id") DO NOTHING""", ct);
        await db.SearchIndexState.Where(s => s.Id == TranslationsId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
    }

    /// <summary>
    /// Raises the version in the caller's transaction and returns the new one. On PostgreSQL the UPDATE's
    /// row lock makes every other index write wait until this transaction ends.
    /// </summary>
    internal static async Task<long> RaiseAsync(AppDbContext db, CancellationToken ct)
    {
        await db.SearchIndexState.Where(s => s.Id == SingletonId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        return await ReadAsync(db, ct);
    }
}

using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Mail;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.Search;
using Buurtplatform.Web.SignUps;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Buurtplatform.Web.Data;

/// <summary>
/// The one DbContext. Pages and endpoints use it directly. Each provider has a subclass only so
/// that it can carry its own migration set (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
/// <remarks>
/// Identity's tables come from <see cref="IdentityUserContext{TUser}"/>: the Identity DbContext
/// without role tables, because a staff member's role is a column (see <see cref="StaffUser"/>).
/// Identity schema version 3 adds <c>AspNetUserPasskeys</c> (see <c>Accounts/Passkeys.cs</c>).
/// </remarks>
public abstract class AppDbContext(DbContextOptions options) : IdentityUserContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection key ring (cookies, antiforgery, flash messages), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Signing keys of photo URLs and preview links, encrypted with data protection (see <see cref="SiteSecrets"/>).</summary>
    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();

    /// <summary>Photo originals when <c>Media:Store</c> is <c>Database</c>.</summary>
    public DbSet<Media.MediaOriginal> MediaOriginals => Set<Media.MediaOriginal>();

    public DbSet<Gemeente> Gemeenten => Set<Gemeente>();

    public DbSet<Wijk> Wijken => Set<Wijk>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<MeetingPlace> MeetingPlaces => Set<MeetingPlace>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Vision.Vision> Visions => Set<Vision.Vision>();

    public DbSet<Calendar.SchoolHolidays> SchoolHolidays => Set<Calendar.SchoolHolidays>();

    public DbSet<Media.MediaItem> MediaItems => Set<Media.MediaItem>();

    public DbSet<Media.MediaUsage> MediaUsages => Set<Media.MediaUsage>();

    public DbSet<StaffWijk> StaffWijken => Set<StaffWijk>();

    public DbSet<StaffMeetingPlace> StaffMeetingPlaces => Set<StaffMeetingPlace>();

    public DbSet<StaffRoleSetting> StaffRoleSettings => Set<StaffRoleSetting>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<OutboxMessage> MailOutbox => Set<OutboxMessage>();

    public DbSet<Editing.ContentVersion> ContentVersions => Set<Editing.ContentVersion>();

    public DbSet<Editing.ContentSchedule> ContentSchedules => Set<Editing.ContentSchedule>();

    public DbSet<Editing.ContentRedirect> ContentRedirects => Set<Editing.ContentRedirect>();

    /// <summary>Nodes' texts in other languages than Dutch, one row per node and language (see <see cref="Content.Translations.ContentTranslation"/>).</summary>
    public DbSet<Content.Translations.ContentTranslation> ContentTranslations => Set<Content.Translations.ContentTranslation>();

    public DbSet<SignUp> SignUps => Set<SignUp>();

    public DbSet<SignUpSlot> SignUpSlots => Set<SignUpSlot>();

    public DbSet<SignUpSettings> SignUpSettings => Set<SignUpSettings>();

    public DbSet<SignUpQuestion> SignUpQuestions => Set<SignUpQuestion>();

    public DbSet<StaffSignUpPreference> StaffSignUpPreferences => Set<StaffSignUpPreference>();

    public DbSet<SignUpChangeNotice> SignUpChangeNotices => Set<SignUpChangeNotice>();

    public DbSet<Vision.Suggestions.VisionSuggestion> VisionSuggestions => Set<Vision.Suggestions.VisionSuggestion>();

    public DbSet<Vision.Suggestions.StaffSuggestionDigest> StaffSuggestionDigests => Set<Vision.Suggestions.StaffSuggestionDigest>();

    public DbSet<PartnerCalendars.PartnerCalendar> PartnerCalendars => Set<PartnerCalendars.PartnerCalendar>();

    public DbSet<PartnerCalendars.PartnerEvent> PartnerEvents => Set<PartnerCalendars.PartnerEvent>();

    public DbSet<PartnerCalendars.PartnerLocationMapping> PartnerLocationMappings => Set<PartnerCalendars.PartnerLocationMapping>();

    /// <summary>The search index: one row per public node, written by SaveChanges (see <see cref="SearchIndexer"/>).</summary>
    public DbSet<SearchDocument> SearchDocuments => Set<SearchDocument>();

    public DbSet<SearchTerm> SearchTerms => Set<SearchTerm>();

    /// <summary>The index version, raised by every index write (see <see cref="SearchIndexState"/>).</summary>
    public DbSet<SearchIndexState> SearchIndexState => Set<SearchIndexState>();

    /// <summary>The version of what cached pages show, raised by every change that evicts them (see <see cref="Infrastructure.Caching.CacheVersion"/>).</summary>
    public DbSet<Infrastructure.Caching.CacheVersion> CacheVersion => Set<Infrastructure.Caching.CacheVersion>();

    /// <summary>The full-text engine of this provider: the one seam where provider-specific search SQL lives.</summary>
    public abstract ISearchEngine SearchEngine { get; }

    private bool _indexing;

    /// <summary>
    /// Saves, and updates the search index for the content nodes this save adds, changes or deletes, in
    /// the same transaction: the caller's when there is one (the importer's), else one opened here.
    /// Every publish path (import today, the backoffice later) goes through here, so none can forget it.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_indexing)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var pending = SearchIndexer.Collect(ChangeTracker);
        if (pending.IsEmpty)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            _indexing = true;
            try
            {
                await SearchIndexer.ApplyAsync(this, pending, cancellationToken);
            }
            finally
            {
                _indexing = false;
            }

            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>The synchronous path does the same work; EF's providers here do their I/O synchronously underneath anyway.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Saves the index rows themselves, without looking for content changes again.</summary>
    internal async Task<int> SaveIndexChangesAsync(CancellationToken ct)
    {
        var was = _indexing;
        _indexing = true;
        try
        {
            return await base.SaveChangesAsync(true, ct);
        }
        finally
        {
            _indexing = was;
        }
    }

    /// <summary>
    /// Identity builds its tables for the schema version in the application's <c>IdentityOptions</c>
    /// (<see cref="AccountsSetup.IdentitySchemaVersion"/>), and falls back to version 1 when the context
    /// has no application services: the migrations tool and the migration tests make it that way.
    /// Such a context gets a tiny service provider with the same version, so every model is the same.
    /// </summary>
    /// <remarks>
    /// Choices: A) this, B) add the passkey table to the model by hand beside Identity's version 1.
    /// B copies Identity's internal mapping and drifts when Identity changes it; A lets Identity map it.
    /// </remarks>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
            optionsBuilder.UseApplicationServiceProvider(DesignTimeIdentityServices.Value);
    }

    private static readonly Lazy<IServiceProvider> DesignTimeIdentityServices = new(() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = AccountsSetup.IdentitySchemaVersion)
        .BuildServiceProvider());

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; SQLite hands them back as Unspecified, Npgsql insists on Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The embedded default: a SQLite file in the app's data folder.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override ISearchEngine SearchEngine => SqliteSearchEngine.Instance;
}

/// <summary>PostgreSQL, for production.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override ISearchEngine SearchEngine => PostgresSearchEngine.Instance;
}

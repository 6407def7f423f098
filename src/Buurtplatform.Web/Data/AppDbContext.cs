using Buurtplatform.Web.Accounts;
using Buurtplatform.Web.Activities;
using Buurtplatform.Web.Audit;
using Buurtplatform.Web.Mail;
using Buurtplatform.Web.MeetingPlaces;
using Buurtplatform.Web.Neighbourhoods;
using Buurtplatform.Web.SignUps;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Buurtplatform.Web.Data;

/// <summary>
/// The one DbContext. Pages and endpoints use it directly. Each provider has a subclass only so
/// that it can carry its own migration set (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>).
/// </summary>
/// <remarks>
/// Identity's tables come from <see cref="IdentityUserContext{TUser}"/>: the Identity DbContext
/// without role tables, because a staff member's role is a column (see <see cref="StaffUser"/>).
/// </remarks>
public abstract class AppDbContext(DbContextOptions options) : IdentityUserContext<StaffUser>(options)
{
    public DbSet<Gemeente> Gemeenten => Set<Gemeente>();

    public DbSet<Wijk> Wijken => Set<Wijk>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<MeetingPlace> MeetingPlaces => Set<MeetingPlace>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Vision.Vision> Visions => Set<Vision.Vision>();

    public DbSet<Calendar.SchoolHolidays> SchoolHolidays => Set<Calendar.SchoolHolidays>();

    public DbSet<StaffWijk> StaffWijken => Set<StaffWijk>();

    public DbSet<StaffMeetingPlace> StaffMeetingPlaces => Set<StaffMeetingPlace>();

    public DbSet<StaffRoleSetting> StaffRoleSettings => Set<StaffRoleSetting>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<OutboxMessage> MailOutbox => Set<OutboxMessage>();

    public DbSet<SignUp> SignUps => Set<SignUp>();

    public DbSet<SignUpSlot> SignUpSlots => Set<SignUpSlot>();

    public DbSet<SignUpSettings> SignUpSettings => Set<SignUpSettings>();

    public DbSet<SignUpQuestion> SignUpQuestions => Set<SignUpQuestion>();

    public DbSet<StaffSignUpPreference> StaffSignUpPreferences => Set<StaffSignUpPreference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Timestamps are UTC everywhere; SQLite hands them back as Unspecified, Npgsql insists on Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The embedded default: a SQLite file in the app's data folder.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>PostgreSQL, for production.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

using System.Security.Claims;

namespace Buurtplatform.Web.Audit;

/// <summary>Who did something when there is no signed-in person: a command, or the site itself.</summary>
public sealed record AuditActor(string? UserId, string Name, string Origin)
{
    public static AuditActor Command(string command) => new(null, $"command:{command}", "command-line");

    public static AuditActor System { get; } = new(null, "system", "startup");

    /// <summary>A background job of the site.</summary>
    public static AuditActor Job(string job) => new(null, $"job:{job}", "background");

    /// <summary>A parent acting through their personal link: no name, and no IP address (that would be personal data too).</summary>
    public static AuditActor Parent { get; } = new(null, "parent (personal link)", "personal-link");
}

/// <summary>
/// Records audit entries. The actor and origin come from the current request (the signed-in staff
/// member and the client's IP address) unless given.
/// </summary>
/// <remarks>
/// <see cref="Record"/> only adds the entry to the DbContext, so it is saved in the same transaction
/// as the change it describes (publish + its entry, or neither). <see cref="RecordAsync"/> saves at
/// once, for events that change nothing else (a sign-in, a failed sign-in).
/// Never pass passwords, tokens, links that contain tokens, or parents' personal data.
/// </remarks>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public const int DetailMaxLength = 1000;

    /// <summary>Adds an entry; the caller's <c>SaveChangesAsync</c> stores it.</summary>
    public AuditEntry Record(string action, string? target = null, string? detail = null, AuditActor? actor = null)
    {
        actor ??= CurrentActor();
        var entry = new AuditEntry
        {
            OccurredUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            ActorId = actor.UserId,
            ActorName = Truncate(actor.Name, 256),
            Target = target,
            Detail = detail is null ? null : Truncate(detail, DetailMaxLength),
            Origin = Truncate(actor.Origin, 64),
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Adds an entry and saves it (with anything else pending in the DbContext).</summary>
    public async Task RecordAsync(string action, string? target = null, string? detail = null, AuditActor? actor = null, CancellationToken ct = default)
    {
        Record(action, target, detail, actor);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The signed-in staff member and the client's address; the system when there is no request.</summary>
    public AuditActor CurrentActor()
    {
        var context = http.HttpContext;
        if (context is null)
            return AuditActor.System;
        var origin = OriginOf(context);
        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            ? new AuditActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(ClaimTypes.Name) ?? "", origin)
            : new AuditActor(null, "anonymous", origin);
    }

    /// <summary>The same request, but on behalf of a person who is not (yet) signed in: a sign-in attempt, a reset link.</summary>
    public AuditActor ActorFor(string userId, string name)
    {
        var context = http.HttpContext;
        return new AuditActor(userId, name, context is null ? "startup" : OriginOf(context));
    }

    private static string OriginOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

namespace Buurtplatform.Web.Accounts.Users;

/// <summary>The role-and-scope part of the invite and edit forms.</summary>
public sealed class RoleAndScopesInput
{
    public string? Role { get; set; }

    public List<int> WijkIds { get; set; } = [];

    public List<int> MeetingPlaceIds { get; set; } = [];

    /// <summary>Checks the choice against the role's needs and the database; returns the role when valid.</summary>
    public async Task<StaffRole?> ValidateAsync(AppDbContext db, IStringLocalizer T, List<string> errors, CancellationToken ct)
    {
        if (!Enum.TryParse<StaffRole>(Role, out var role) || !Enum.IsDefined(role))
        {
            errors.Add(T["Users.Error.Role"]);
            return null;
        }

        if (role == StaffRole.Wijkredacteur && (WijkIds.Count == 0 || await db.Wijken.CountAsync(w => WijkIds.Contains(w.Id), ct) != WijkIds.Distinct().Count()))
            errors.Add(T["Users.Error.Wijken"]);
        if (role == StaffRole.Professional && (MeetingPlaceIds.Count == 0 || await db.MeetingPlaces.CountAsync(p => MeetingPlaceIds.Contains(p.Id), ct) != MeetingPlaceIds.Distinct().Count()))
            errors.Add(T["Users.Error.Places"]);
        return errors.Count == 0 ? role : null;
    }
}

/// <summary>Every wijk with its meeting places, for the checkboxes.</summary>
public sealed record ScopeChoice(int WijkId, string WijkName, string GemeenteName, List<(int Id, string Name)> Places);

/// <summary>What the partial <c>_RoleAndScopes</c> shows: the choices and what is ticked.</summary>
public sealed record RoleAndScopesView(List<ScopeChoice> Choices, RoleAndScopesInput Input);

public static class ScopeChoices
{
    public static async Task<List<ScopeChoice>> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var wijken = await db.Wijken.AsNoTracking()
            .OrderBy(w => w.Gemeente.Name).ThenBy(w => w.Name)
            .Select(w => new { w.Id, w.Name, Gemeente = w.Gemeente.Name, Places = w.MeetingPlaces.OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToList() })
            .ToListAsync(ct);
        return wijken.Select(w => new ScopeChoice(w.Id, w.Name, w.Gemeente, w.Places.Select(p => (p.Id, p.Name)).ToList())).ToList();
    }
}

using Buurtplatform.Web.Backoffice;
using Buurtplatform.Web.Neighbourhoods;

namespace Buurtplatform.Web.Editing;

/// <summary>Administrators: every gemeente with its wijken, to edit them or add new ones.</summary>
[AdministratorOnly]
public sealed class GemeentenPageModel(AppDbContext db) : PageModel
{
    public List<Gemeente> Gemeenten { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Gemeenten = await db.Gemeenten.AsNoTracking().Include(g => g.Wijken.OrderBy(w => w.Name)).OrderBy(g => g.Name).ToListAsync(ct);
}

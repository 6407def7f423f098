using Buurtplatform.Web.Activities.Editing;
using Buurtplatform.Web.Content;
using Buurtplatform.Web.MeetingPlaces.Editing;
using Buurtplatform.Web.Neighbourhoods.Editing;
using Buurtplatform.Web.Vision.Editing;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Buurtplatform.Web.Editing;

public static class EditingSetup
{
    /// <summary>Generic pages that serve every node type, one route per type (each with that type's scoped id).</summary>
    private static readonly (string Page, string Segment)[] NodePages =
    [
        ("/Editing/NodePage", "versies"),
        ("/Editing/ComparePage", "vergelijken"),
        ("/Editing/PreviewPage", "voorbeeld"),
        ("/Editing/DeletePage", "verwijderen"),
        ("/Editing/Translations/TranslationPage", "vertalingen/{culture}"),
        ("/Editing/Translations/TranslationPreviewPage", "vertalingen/{culture}/voorbeeld"),
    ];

    /// <summary>Editor pages: their own "edit" route in the @page directive, plus the route that creates a new node under its parent.</summary>
    private static readonly (string Page, string Template)[] CreateRoutes =
    [
        ("/Activities/Editing/ActivityEditPage", ActivityEditPageModel.NewRoute),
        ("/MeetingPlaces/Editing/MeetingPlaceEditPage", MeetingPlaceEditPageModel.NewRoute),
        ("/Neighbourhoods/Editing/PartnerEditPage", PartnerEditPageModel.NewRoute),
        ("/Neighbourhoods/Editing/WijkEditPage", WijkEditPageModel.NewRoute),
        ("/Neighbourhoods/Editing/GemeenteEditPage", GemeenteEditPageModel.NewRoute),
        ("/Vision/Editing/VisionEditPage", VisionEditPageModel.NewRoute),
    ];

    /// <summary>Drafts, versions, publishing (now, planned, approved), previews and shareable links, redirects, the backoffice export.</summary>
    public static IServiceCollection AddEditing(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<EditingOptions>().Bind(config.GetSection(EditingOptions.Section))
            .Validate(o => o.PreviewLinkLifetime > TimeSpan.Zero && o.SchedulerInterval > TimeSpan.Zero, "Editing: PreviewLinkLifetime and SchedulerInterval must be positive")
            .ValidateOnStart();
        services.AddScoped<ContentNodes>();
        services.AddScoped<ContentVersions>();
        services.AddScoped<DraftValidation>();
        services.AddScoped<ApprovalMail>();
        services.AddScoped<ContentPublisher>();
        services.AddScoped<Translations.TranslationPublisher>();
        services.AddScoped<Translations.TranslationPreview>();
        services.AddScoped<ContentPreview>();
        services.AddScoped<ContentRedirects>();
        services.AddScoped<ScheduledPublishing>();
        services.AddScoped<EditorServices>();
        services.AddSingleton<PreviewLinks>();
        services.AddHostedService<ScheduledPublishingWorker>();

        // Inserted first: the backoffice convention that puts every /backoffice route behind the Staff policy must see these routes too.
        services.Configure<RazorPagesOptions>(o => o.Conventions.Insert(0, new ExtraRoutes(
            NodePages.SelectMany(p => Enum.GetValues<NodeKind>().Select(kind => (p.Page, EditingPaths.Template(kind, p.Segment))))
                .Concat(CreateRoutes).ToList())));
        return services;
    }

    /// <summary>Old public paths answer 301 to where their node is now (<see cref="ContentRedirects"/>).</summary>
    public static IApplicationBuilder UseContentRedirects(this IApplicationBuilder app) => ContentRedirects.UseContentRedirects(app);

    /// <summary>Carries out planned publishing that fell due while the site was not running.</summary>
    public static async Task InitialiseEditingAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<ScheduledPublishing>().RunDueAsync();
        }
        catch (Exception e)
        {
            // The site must still start (parents need it); the worker tries again at its next round.
            scope.ServiceProvider.GetRequiredService<ILogger<ScheduledPublishing>>().LogError(e, "Planned publishing at start failed");
        }
    }

    /// <summary>Adds route templates to pages (each becomes its own endpoint); templates already on the page are skipped.</summary>
    private sealed class ExtraRoutes(IReadOnlyList<(string Page, string Template)> routes) : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var (page, template) in routes)
            {
                if (!string.Equals(model.ViewEnginePath, page, StringComparison.Ordinal)
                    || model.Selectors.Any(s => string.Equals(s.AttributeRouteModel?.Template, template, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                model.Selectors.Add(new SelectorModel { AttributeRouteModel = new AttributeRouteModel { Template = template } });
            }
        }
    }
}

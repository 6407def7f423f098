namespace Buurtplatform.Web.Agenda;

public static class AgendaSetup
{
    /// <summary>The agenda's settings (page size), validated on start.</summary>
    public static IServiceCollection AddAgenda(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AgendaOptions>().Bind(config.GetSection(AgendaOptions.Section))
            .Validate(AgendaOptions.IsValid, "Agenda: PageSize must be 5-200.")
            .ValidateOnStart();
        return services;
    }
}

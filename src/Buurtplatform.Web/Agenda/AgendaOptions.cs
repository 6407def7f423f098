namespace Buurtplatform.Web.Agenda;

/// <summary>Agenda settings (section <c>Agenda</c>). Defaults in code; configuration overrides them; validated on start.</summary>
public sealed class AgendaOptions
{
    public const string Section = "Agenda";

    /// <summary>
    /// Dates per page of <c>/agenda</c>. Default 20: about four phone screens,
    /// so the unfiltered agenda (some 200 dates in four weeks) is ten pages instead of one of 31 screens.
    /// </summary>
    public int PageSize { get; set; } = 20;

    internal static bool IsValid(AgendaOptions o) => o.PageSize is >= 5 and <= 200;
}

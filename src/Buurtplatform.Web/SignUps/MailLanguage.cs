namespace Buurtplatform.Web.SignUps;

/// <summary>
/// Writes a parent's mail in the language they signed up in (<see cref="SignUp.ContactLanguage"/>), when the site
/// has texts in it; otherwise in the site's default language. The texts come from the resource files through
/// the culture, so a mail written in a staff member's request (a publish) still reaches the parent in their own language.
/// </summary>
public static class MailLanguage
{
    public static IDisposable Use(string language, RequestLocalizationOptions options)
    {
        var culture = options.SupportedUICultures?.FirstOrDefault(c => c.TwoLetterISOLanguageName == language)
            ?? options.DefaultRequestCulture.UICulture;
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return new Restore(before, beforeUi);
    }

    private sealed class Restore(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}

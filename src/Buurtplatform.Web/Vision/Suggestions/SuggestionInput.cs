using Buurtplatform.Web.SignUps;
using Buurtplatform.Web.SignUps.Public;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>The idea form as posted. Strings, so whatever the parent typed comes back on an error.</summary>
public sealed class SuggestionInput
{
    /// <summary>"0" for the vision as a whole, or the section's number (1, 2, …).</summary>
    public string? Section { get; set; }

    public string? Text { get; set; }

    /// <summary>"anoniem" (the default) or "naam": the parent's explicit choice to show their first name.</summary>
    public string? Show { get; set; } = "anoniem";

    public string? FirstName { get; set; }

    public string? Email { get; set; }

    /// <summary>The language the parent writes in (ISO 639); by default the page's.</summary>
    public string? Language { get; set; }

    /// <summary>The honeypot: people never see it; robots fill it in.</summary>
    public string? Website { get; set; }

    /// <summary>The signed time the form was shown (<see cref="TimeTrap"/>).</summary>
    public string? Stamp { get; set; }
}

/// <summary>A valid idea, ready to store.</summary>
public sealed record NewSuggestion(string SectionHeading, string Text, string Language, string? FirstName, string? Email);

/// <summary>Server-side validation, with messages that say how to fix each field (the sign-up form's rules for name and e-mail).</summary>
public static class SuggestionValidation
{
    public static NewSuggestion? Validate(SuggestionInput input, Vision vision, SuggestionOptions o, IReadOnlyList<string> languages,
        IStringLocalizer t, List<FieldError> errors)
    {
        var heading = "";
        if (!int.TryParse(input.Section, NumberStyles.None, CultureInfo.InvariantCulture, out var section)
            || section < 0 || section > vision.Sections.Count)
        {
            errors.Add(new("deel", t["Suggestion.Error.Section"]));
        }
        else if (section > 0)
        {
            heading = vision.Sections[section - 1].Heading;
        }

        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0)
            errors.Add(new("tekst", t["Suggestion.Error.Text"]));
        else if (text.Length > o.TextMaxLength)
            errors.Add(new("tekst", t.Plural("Suggestion.Error.TextLong", text.Length, o.TextMaxLength)));

        string? name = null;
        if (input.Show == "naam")
        {
            name = input.FirstName?.Trim() ?? "";
            if (name.Length == 0)
                errors.Add(new("voornaam", t["Suggestion.Error.FirstName"]));
            else if (name.Length > 100)
                errors.Add(new("voornaam", t["SignUp.Error.FirstNameLong"]));
            else if (!SignUpValidation.IsPlainName(name))
                errors.Add(new("voornaam", t["SignUp.Error.FirstNameCharacters"]));
        }
        else if (input.Show != "anoniem")
        {
            errors.Add(new("tonen-anoniem", t["Suggestion.Error.Show"]));
        }

        var emailText = input.Email?.Trim();
        var email = Contact.NormaliseEmail(emailText);
        if (!string.IsNullOrEmpty(emailText) && email is null)
            errors.Add(new("email", t["SignUp.Error.Email"]));

        var language = input.Language;
        if (language is null || !languages.Contains(language))
            errors.Add(new("taal", t["Suggestion.Error.Language"]));

        return errors.Count > 0 ? null : new NewSuggestion(heading, text, language!, name, email);
    }
}

using Buurtplatform.Web.SignUps.Public;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// Staff signing a parent up on their behalf (by phone or at the door): the same sign-up as the public form
/// (<see cref="SignUpBook.AddAsync"/>, so the same capacity, waitlist and duplicate rules), with fewer questions.
/// </summary>
public sealed class StaffSignUpInput
{
    /// <summary><c>yyyy-MM-dd</c> or <c>reeks</c> (<see cref="SignUpPaths.Date"/>).</summary>
    public string? Date { get; set; }

    public string? FirstName { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    /// <summary>The children's ages in years, separated by commas ("2, 4"): one place per child.</summary>
    public string? Ages { get; set; }

    public string Language { get; set; } = "nl";

    /// <summary><c>telefoon</c> or <c>aan-de-deur</c>, for the audit log.</summary>
    public string? How { get; set; }

    /// <summary>Staff confirm the parent agreed to the purpose (told by phone or at the door).</summary>
    public bool Consent { get; set; }

    public NewSignUp? Validate(SignUpOptions o, IStringLocalizer t, List<FieldError> errors)
    {
        var first = FirstName?.Trim();
        if (string.IsNullOrEmpty(first) || first.Length > 50)
            errors.Add(new("nieuw-voornaam", t["Inbox.Add.Error.FirstName"]));
        var phone = Contact.NormalisePhone(Phone);
        var email = Contact.NormaliseEmail(Email);
        if (!string.IsNullOrWhiteSpace(Phone) && phone is null)
            errors.Add(new("nieuw-telefoon", t["SignUp.Error.Phone"]));
        if (!string.IsNullOrWhiteSpace(Email) && email is null)
            errors.Add(new("nieuw-email", t["SignUp.Error.Email"]));
        if (string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email))
            errors.Add(new("nieuw-telefoon", t["Inbox.Add.Error.Contact"]));
        var ages = new List<ChildAge>();
        foreach (var part in (Ages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= SignUpValidation.MaxAgeYears)
                ages.Add(new ChildAge(years, AgeUnit.Years));
            else
                ages.Clear();
            if (ages.Count == 0)
                break;
        }

        if (ages.Count is 0 || ages.Count > o.MaxChildren)
            errors.Add(new("nieuw-leeftijden", t["Inbox.Add.Error.Ages", o.MaxChildren]));
        if (!o.ContactLanguages.Contains(Language))
            Language = o.ContactLanguages[0];
        if (!Consent)
            errors.Add(new("nieuw-toestemming", t["Inbox.Add.Error.Consent"]));
        return errors.Count > 0 ? null : new NewSignUp(first!, phone, email, Language, ages, WantsCall: false, Remark: null, Answers: [], OtherContactOptIn: false);
    }
}

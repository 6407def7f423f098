namespace Buurtplatform.Web.SignUps.Public;

/// <summary>The sign-up form as posted. Strings, so whatever the parent typed comes back on an error.</summary>
public sealed class SignUpInput
{
    /// <summary>yyyy-MM-dd of the date as the series gives it, or "reeks" for the whole series.</summary>
    public string? Date { get; set; }

    public string? FirstName { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public int Children { get; set; } = 1;

    public List<AgeInput> Ages { get; set; } = [];

    /// <summary>The language of the parent's mails: the page's language unless they pick another.</summary>
    public string? Language { get; set; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>"ja" or "nee".</summary>
    public string? WantsCall { get; set; }

    public string? Remark { get; set; }

    public Dictionary<int, string?> Answers { get; set; } = [];

    public bool Consent { get; set; }

    public bool OtherContact { get; set; }

    /// <summary>The honeypot: people never see it; robots fill it in.</summary>
    public string? Website { get; set; }

    /// <summary>The signed time the form was shown (<see cref="TimeTrap"/>).</summary>
    public string? Stamp { get; set; }

    public AgeInput Age(int i) => i < Ages.Count ? Ages[i] : new AgeInput();
}

public sealed class AgeInput
{
    public string? Value { get; set; }

    /// <summary>"jaar" or "maanden".</summary>
    public string? Unit { get; set; } = "jaar";
}

/// <summary>A validation error: the field's id (the summary links to it) and what to do.</summary>
public sealed record FieldError(string FieldId, string Message);

/// <summary>Server-side validation of the form, with messages that say how to fix each field.</summary>
public static class SignUpValidation
{
    public const int MaxAgeYears = 12;

    public static NewSignUp? Validate(SignUpInput input, IReadOnlyList<SignUpQuestion> questions, SignUpOptions o, IStringLocalizer t, List<FieldError> errors)
    {
        var name = (input.FirstName ?? "").Trim();
        if (name.Length == 0)
            errors.Add(new("voornaam", t["SignUp.Error.FirstName"]));
        else if (name.Length > 100)
            errors.Add(new("voornaam", t["SignUp.Error.FirstNameLong"]));
        else if (!IsPlainName(name))
            errors.Add(new("voornaam", t["SignUp.Error.FirstNameCharacters"]));

        var phoneText = input.Phone?.Trim();
        var emailText = input.Email?.Trim();
        var phone = Contact.NormalisePhone(phoneText);
        var email = Contact.NormaliseEmail(emailText);
        if (string.IsNullOrEmpty(phoneText) && string.IsNullOrEmpty(emailText))
            errors.Add(new("telefoon", t["SignUp.Error.Contact"]));
        if (!string.IsNullOrEmpty(phoneText) && phone is null)
            errors.Add(new("telefoon", t["SignUp.Error.Phone"]));
        if (!string.IsNullOrEmpty(emailText) && email is null)
            errors.Add(new("email", t["SignUp.Error.Email"]));

        var ages = new List<ChildAge>();
        if (input.Children < 1 || input.Children > o.MaxChildren)
        {
            errors.Add(new("kinderen", t["SignUp.Error.Children", o.MaxChildren]));
        }
        else
        {
            for (var i = 0; i < input.Children; i++)
            {
                var age = input.Age(i);
                var unit = age.Unit == "maanden" ? AgeUnit.Months : AgeUnit.Years;
                if (!int.TryParse(age.Value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    errors.Add(new($"leeftijd-{i}", t["SignUp.Error.Age", i + 1]));
                else if (value > (unit == AgeUnit.Years ? MaxAgeYears : MaxAgeYears * 12))
                    errors.Add(new($"leeftijd-{i}", t["SignUp.Error.AgeRange", i + 1, MaxAgeYears]));
                else
                    ages.Add(new ChildAge(value, unit));
            }
        }

        var language = input.Language;
        if (language is null || !o.ContactLanguages.Contains(language))
            errors.Add(new("taal", t["SignUp.Error.Language"]));

        if (input.WantsCall is not ("ja" or "nee"))
            errors.Add(new("bellen-ja", t["SignUp.Error.WantsCall"]));

        var remark = input.Remark?.Trim();
        if (remark?.Length > o.RemarkMaxLength)
            errors.Add(new("opmerking", t["SignUp.Error.Remark", o.RemarkMaxLength]));

        var answers = new List<QuestionAnswer>();
        foreach (var q in questions)
        {
            var answer = input.Answers.GetValueOrDefault(q.Id)?.Trim() ?? "";
            var id = $"vraag-{q.Id}";
            if (answer.Length == 0)
            {
                if (q.Required)
                    errors.Add(new(q.Kind == QuestionKind.YesNo ? id + "-ja" : id, t["SignUp.Error.Question", q.Text]));
                continue;
            }

            var ok = q.Kind switch
            {
                QuestionKind.Number => int.TryParse(answer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && Math.Abs(n) < 1_000_000,
                QuestionKind.YesNo => answer is "ja" or "nee",
                QuestionKind.Choice => q.ChoiceList.Contains(answer),
                _ => answer.Length <= 200,
            };
            if (!ok)
                errors.Add(new(q.Kind == QuestionKind.YesNo ? id + "-ja" : id, t[q.Kind == QuestionKind.Number ? "SignUp.Error.Number" : "SignUp.Error.Answer", q.Text]));
            else
                answers.Add(new QuestionAnswer(q.Id, q.Text, answer));
        }

        if (!input.Consent)
            errors.Add(new("toestemming", t["SignUp.Error.Consent"]));

        return errors.Count > 0 ? null : new NewSignUp(name, phone, email, language!, ages, input.WantsCall == "ja",
            string.IsNullOrEmpty(remark) ? null : remark, answers, input.OtherContact);
    }

    /// <summary>
    /// A first name goes into mails (to the parent, and to staff) and onto staff pages, so it may hold no
    /// link, address or markup that a mail program would make clickable: letters of any script with their
    /// accents, digits, spaces, hyphens and apostrophes, and a full stop only after an initial ("J. P."), never
    /// inside a word the way "evil.nl" has one. Joiners (U+200C, U+200D) stay: Persian and Indic names need them.
    /// </summary>
    public static bool IsPlainName(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.DecimalDigitNumber => true, // "Ouder 2" is no link
                _ => c is ' ' or '-' or '\'' or '\u2019' or '\u200C' or '\u200D'
                    || (c == '.' && i > 0 && char.IsLetter(name[i - 1]) && (i + 1 == name.Length || name[i + 1] is ' ' or '-')),
            };
            if (!ok)
                return false;
        }

        return true;
    }
}

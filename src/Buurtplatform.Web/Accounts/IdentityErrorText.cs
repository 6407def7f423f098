using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>Identity's errors in the staff member's language (Identity's own descriptions are English).</summary>
public static class IdentityErrorText
{
    public static string For(IStringLocalizer T, IdentityError error, int minimumLength) => error.Code switch
    {
        PasswordPolicy.TooShortCode => T["Password.TooShort", minimumLength],
        PasswordPolicy.TooLongCode => T["Password.TooLong", PasswordPolicy.MaximumLength],
        PasswordPolicy.CommonCode => T["Password.Common"],
        "PasswordMismatch" => T["Account.WrongPassword"],
        "DuplicateUserName" or "DuplicateEmail" => T["Users.Error.Duplicate"],
        "InvalidEmail" or "InvalidUserName" => T["Users.Error.InvalidEmail"],
        "InvalidToken" => T["SetPassword.Invalid"],
        _ => T["Form.Failed"],
    };

    public static List<string> For(IStringLocalizer T, IEnumerable<IdentityError> errors, int minimumLength) =>
        errors.Select(e => For(T, e, minimumLength)).Distinct().ToList();
}

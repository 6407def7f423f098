using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Buurtplatform.Web.SignUps;

public enum TimeTrapVerdict
{
    Ok,

    /// <summary>Sent back faster than a person can fill the form in: a robot. Answered like a success, nothing stored.</summary>
    TooFast,

    /// <summary>Open longer than <see cref="SignUpOptions.MaximumFormAge"/>: shown again with a kind message, nothing lost.</summary>
    TooOld,

    /// <summary>Missing or altered: a robot. Answered like a success, nothing stored.</summary>
    Invalid,
}

/// <summary>
/// The form carries the time it was shown, signed: ASP.NET data protection's authenticated encryption
/// (AES-256-CBC with HMAC-SHA256) over "activity id.render time". Its keys survive restarts and are shared
/// between instances like the cookies' keys, and nobody can forge or alter a stamp without them. The
/// form page is never cached, so the time is the time this visitor got the form.
/// </summary>
public sealed class TimeTrap(IDataProtectionProvider protection, TimeProvider clock, IOptions<SignUpOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Buurtplatform.SignUps.TimeTrap.v1");

    public string Stamp(int activityId) => Stamp(activityId.ToString(CultureInfo.InvariantCulture));

    public TimeTrapVerdict Check(string? stamp, int activityId) => Check(stamp, activityId.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A stamp for another form with the same spam measures (a vision's idea form: <c>visie-12</c>). The subject
    /// holds no full stop and is never only digits, so no other form's stamp passes for a sign-up's.
    /// </summary>
    public string Stamp(string subject) =>
        _protector.Protect($"{subject}.{clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");

    public TimeTrapVerdict Check(string? stamp, string subject)
    {
        if (string.IsNullOrEmpty(stamp) || stamp.Length > 1000)
            return TimeTrapVerdict.Invalid;
        string payload;
        try
        {
            payload = _protector.Unprotect(stamp);
        }
        catch (CryptographicException)
        {
            return TimeTrapVerdict.Invalid;
        }

        var parts = payload.Split('.');
        if (parts.Length != 2 || parts[0] != subject
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var shownMs))
        {
            return TimeTrapVerdict.Invalid;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(shownMs);
        if (age < options.Value.MinimumFillTime)
            return TimeTrapVerdict.TooFast;
        return age > options.Value.MaximumFormAge ? TimeTrapVerdict.TooOld : TimeTrapVerdict.Ok;
    }
}

namespace Buurtplatform.Web.SignUps;

/// <summary>
/// Phone numbers and e-mail addresses in one form, so "06-12 34 56 78" and "+31612345678" are the same
/// parent for duplicate detection and for an access or erasure request.
/// </summary>
public static class Contact
{
    /// <summary>Lower-case and trimmed, or null when it is not an address.</summary>
    public static string? NormaliseEmail(string? input)
    {
        var e = input?.Trim();
        if (string.IsNullOrEmpty(e) || e.Length > 256 || !e.Contains('@', StringComparison.Ordinal)
            || !System.Net.Mail.MailAddress.TryCreate(e, out var address) || address.Address != e || address.Host.IndexOf('.', StringComparison.Ordinal) < 1)
        {
            return null;
        }

        return e.ToLowerInvariant();
    }

    /// <summary>
    /// Digits only; Dutch numbers (+31 / 0031) become 0…, other countries keep +. Null when it cannot be a
    /// phone number (8 to 15 digits).
    /// </summary>
    public static string? NormalisePhone(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 30)
            return null;
        var s = input.Trim();
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
                sb.Append(c);
            else if (c == '+' && sb.Length == 0)
                sb.Append(c);
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
                return null;
        }

        var n = sb.ToString();
        if (n.StartsWith("0031", StringComparison.Ordinal))
            n = "+31" + n[4..];
        else if (n.StartsWith("00", StringComparison.Ordinal))
            n = "+" + n[2..];
        if (n.StartsWith("+31", StringComparison.Ordinal))
            n = "0" + n[3..].TrimStart('0');
        var digits = n.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15 && (n[0] == '+' || n[0] == '0') ? n : null;
    }
}

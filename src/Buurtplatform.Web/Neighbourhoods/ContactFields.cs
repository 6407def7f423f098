using System.Text.RegularExpressions;
using Buurtplatform.Web.Content;

namespace Buurtplatform.Web.Neighbourhoods;

/// <summary>
/// The <c>contact</c> fields a partner and a meeting place share: a general phone number, e-mail address and
/// WhatsApp number, checked when the file is read (import, every backoffice save) so a page never shows a
/// number a phone cannot dial. Numbers are kept as the editor wrote them ("070-123 45 67"); the links are
/// made from their digits.
/// </summary>
public static partial class ContactFields
{
    public const string PhoneCode = "Phone";
    public const string WhatsAppCode = "WhatsApp";

    /// <summary>A Dutch phone number: 10 digits from 0 (or +31/0031 and 9 digits), or a 0800/0900 service number.</summary>
    internal static string? Phone(FieldReader contact, string name = "phone")
    {
        var value = contact.OptionalText(name);
        if (value is not null && DutchDigits(value) is null)
            contact.Error(name, null, $"must be a Dutch phone number such as 070-123 45 67 or +31 70 123 45 67, not '{value}'", PhoneCode);
        return value;
    }

    /// <summary>A Dutch mobile number (06, +31 6): WhatsApp runs on mobile numbers.</summary>
    internal static string? WhatsApp(FieldReader contact, string name = "whatsapp")
    {
        var value = contact.OptionalText(name);
        if (value is not null && !(DutchDigits(value) is { } digits && digits.StartsWith("06", StringComparison.Ordinal)))
            contact.Error(name, null, $"must be a Dutch mobile number such as 06-12 34 56 78, not '{value}'", WhatsAppCode);
        return value;
    }

    internal static string? Email(FieldReader contact, string name = "email")
    {
        var value = contact.OptionalText(name);
        if (value is not null && !IsEmail(value))
            contact.Error(name, null, $"'{value}' is not an e-mail address such as info@organisatie.nl", ContentErrorCodes.Email);
        return value;
    }

    public static bool IsEmail(string value) =>
        value.Length <= 256 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value
        && address.Host.IndexOf('.', StringComparison.Ordinal) > 0 && !address.Host.EndsWith('.');

    /// <summary>The number as ten national digits (0701234567), or a service number; null when it is not a Dutch number.</summary>
    public static string? DutchDigits(string value)
    {
        if (!AllowedCharacters().IsMatch(value))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        // "+31 (0)70 …" is how many Dutch organisations write it: the 0 after the country code is dropped.
        if (value.TrimStart().StartsWith('+'))
            digits = digits.StartsWith("31", StringComparison.Ordinal) ? "0" + digits[2..].TrimStart('0') : "";
        else if (digits.StartsWith("0031", StringComparison.Ordinal))
            digits = "0" + digits[4..].TrimStart('0');
        if (digits.StartsWith("00", StringComparison.Ordinal))
            return null;
        return NationalNumber().IsMatch(digits) || ServiceNumber().IsMatch(digits) ? digits : null;
    }

    /// <summary><c>tel:+31701234567</c> (service numbers stay national: they cannot be dialled from abroad).</summary>
    public static string TelHref(string phone) => DutchDigits(phone) is { } d
        ? "tel:" + (ServiceNumber().IsMatch(d) ? d : "+31" + d[1..])
        : "tel:" + new string(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());

    /// <summary>A chat with the number in WhatsApp (<c>https://wa.me/31612345678</c>).</summary>
    public static string WhatsAppHref(string number) =>
        "https://wa.me/" + (DutchDigits(number) is { } d ? "31" + d[1..] : new string(number.Where(char.IsAsciiDigit).ToArray()));

    [GeneratedRegex(@"^\+?[0-9 ()\-.]+$")]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex("^0[1-9][0-9]{8}$")]
    private static partial Regex NationalNumber();

    [GeneratedRegex("^0[89]0[09][0-9]{4,7}$")]
    private static partial Regex ServiceNumber();
}

using System.Globalization;
using CsvHelper;

namespace Buurtplatform.Web.SignUps.Staff;

/// <summary>
/// The CSV export (CsvHelper): semicolons and a UTF-8 byte order mark, as Dutch Excel expects. Every text
/// cell that a spreadsheet could run as a formula (starting with =, +, -, @, a tab or a carriage return)
/// gets a leading single quote (CsvHelper's <see cref="CsvInjection.Escape"/>, OWASP's advice): parents type
/// the names and remarks, and a remark "=HYPERLINK(…)" must stay text.
/// </summary>
public static class SignUpCsv
{
    public static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
    };

    public static byte[] Write(IReadOnlyList<InboxRow> rows, IReadOnlyList<string> questions, Func<SignUpState, string> stateText, Func<string, string> languageText)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            string[] header = ["Nummer", "Status", "Wachtlijstplaats", "Datum", "Voornaam", "Telefoon", "E-mail", "Taal", "Aantal kinderen", "Leeftijden",
                "Wil gebeld worden", "Opmerking", .. questions, "Aangemeld op (UTC)", "Notitie", "Afgehandeld door"];
            csv.WriteRecord(header);
            foreach (var r in rows)
            {
                var s = r.SignUp;
                string[] fields =
                [
                    s.Sequence.ToString(CultureInfo.InvariantCulture),
                    stateText(s.State),
                    r.WaitlistPosition > 0 ? r.WaitlistPosition.ToString(CultureInfo.InvariantCulture) : "",
                    r.When,
                    s.FirstName,
                    s.Phone ?? "",
                    s.Email ?? "",
                    languageText(s.ContactLanguage),
                    s.Children.ToString(CultureInfo.InvariantCulture),
                    string.Join(", ", s.ChildAges.Select(a => a.Value.ToString(CultureInfo.InvariantCulture) + (a.Unit == AgeUnit.Years ? " jaar" : " maanden"))),
                    s.WantsCall ? "ja" : "nee",
                    s.Remark ?? "",
                    .. questions.Select(q => s.Answers.FirstOrDefault(a => a.Question == q)?.Answer ?? ""),
                    s.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    s.Note ?? "",
                    s.HandledByName ?? "",
                ];
                csv.WriteRecord(fields);
            }
        }

        return stream.ToArray();
    }
}

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
    /// <summary>Resource keys of the columns; the activity's questions go between the 12th and the 13th.</summary>
    private static readonly string[] Columns =
    [
        "Csv.Number", "Csv.State", "Csv.WaitlistPosition", "Csv.Date", "Csv.FirstName", "Csv.Phone", "Csv.Email", "Csv.Language",
        "Csv.Children", "Csv.Ages", "Csv.WantsCall", "Csv.Remark", "Csv.SignedUp", "Csv.Note", "Csv.HandledBy",
    ];

    public static readonly CsvWriterOptions Options = new()
    {
        Separator = ';',
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
    };

    public static byte[] Write(IReadOnlyList<InboxRow> rows, IReadOnlyList<string> questions, Func<SignUpState, string> stateText, Func<string, string> languageText, Func<string, string> text)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            string[] header = [.. Columns[..12].Select(text), .. questions, .. Columns[12..].Select(text)];
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
                    string.Join(", ", s.ChildAges.Select(a => string.Format(CultureInfo.InvariantCulture, text(a.Unit == AgeUnit.Years ? "Csv.Years" : "Csv.Months"), a.Value))),
                    text(s.WantsCall ? "Csv.Yes" : "Csv.No"),
                    s.Remark ?? "",
                    .. questions.Select(q => s.Answers.FirstOrDefault(a => a.Question == q)?.Answer ?? ""),
                    LocalTime(s.CreatedUtc),
                    s.Note ?? "",
                    s.HandledByName ?? "",
                ];
                csv.WriteRecord(fields);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Amsterdam time, as on the screen, in a form spreadsheets sort and read as a date: "2026-11-30 14:05".</summary>
    private static string LocalTime(DateTime utc) => DateText.InAmsterdam(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

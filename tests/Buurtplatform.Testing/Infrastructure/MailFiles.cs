using System.Text;
using System.Text.RegularExpressions;

namespace Buurtplatform.Tests.Infrastructure;

/// <summary>A message as it landed in a folder (.eml from the pickup directory or the test SMTP server).</summary>
public sealed record ReceivedMail(string File, string To, string Subject, string Body)
{
    /// <summary>The message's attachments: file name, media type (<c>text/calendar</c>) and text.</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    /// <summary>The first https/http link in the body that contains <paramref name="path"/>.</summary>
    public string Link(string path) =>
        Regex.Matches(Body, @"https?://\S+").Select(m => m.Value).FirstOrDefault(u => u.Contains(path, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No link to {path} in the mail to {To}:\n{Body}");
}

public sealed record MailAttachment(string FileName, string MediaType, string Text);

/// <summary>Reads .eml files: headers, and a text body in quoted-printable, base64 or plain 7/8 bit (the text part of a multipart message, whose attachments MimeKit reads).</summary>
public static partial class MailFiles
{
    public static List<ReceivedMail> Read(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f).Select(Parse).ToList();

    public static ReceivedMail Parse(string file)
    {
        var raw = File.ReadAllText(file, Encoding.ASCII).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headerText = Regex.Replace(raw[..split], @"\n[ \t]+", " "); // unfold
        var headers = headerText.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (headers.GetValueOrDefault("Content-Type", "").StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            return Multipart(file, headers);
        var body = raw[(split + 2)..];
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit").ToLowerInvariant();
        var bytes = encoding switch
        {
            "quoted-printable" => QuotedPrintable(body),
            "base64" => Convert.FromBase64String(Regex.Replace(body, @"\s", "")),
            _ => Encoding.Latin1.GetBytes(body),
        };
        var to = headers.GetValueOrDefault("To", "");
        var address = AddressPattern().Match(to) is { Success: true } m ? m.Groups[1].Value : to;
        return new ReceivedMail(file, address, DecodeWords(headers.GetValueOrDefault("Subject", "")), Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static ReceivedMail Multipart(string file, Dictionary<string, string> headers)
    {
        using var message = MimeKit.MimeMessage.Load(file);
        var to = headers.GetValueOrDefault("To", "");
        var address = AddressPattern().Match(to) is { Success: true } m ? m.Groups[1].Value : to;
        var attachments = message.Attachments.OfType<MimeKit.TextPart>()
            .Select(a => new MailAttachment(a.FileName ?? "", a.ContentType.MimeType, a.Text)).ToList();
        return new ReceivedMail(file, address, message.Subject ?? "", (message.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)) { Attachments = attachments };
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        text = text.Replace("=\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    private static string DecodeWords(string header) => EncodedWord().Replace(header, m =>
    {
        var charset = Encoding.GetEncoding(m.Groups[1].Value);
        var data = m.Groups[3].Value;
        return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? charset.GetString(Convert.FromBase64String(data))
            : charset.GetString(QuotedPrintable(data.Replace('_', ' ')));
    });

    [GeneratedRegex(@"<([^>]+)>")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*")]
    private static partial Regex EncodedWord();
}

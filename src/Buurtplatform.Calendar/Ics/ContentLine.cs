using System.Text;

namespace Buurtplatform.Calendar.Ics;

/// <summary>One unfolded content line: NAME;PARAM=VALUE:VALUE, with the physical line it started on.</summary>
internal sealed record ContentLine(int LineNumber, string Name, IReadOnlyDictionary<string, string> Parameters, string Value)
{
    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    /// <summary>
    /// Unfolds raw bytes into logical lines. Unfolding happens on bytes, before decoding, so a line that another
    /// writer folded in the middle of a UTF-8 sequence still decodes. CRLF and bare LF are both accepted.
    /// </summary>
    public static IEnumerable<ContentLine> Unfold(byte[] utf8)
    {
        var start = utf8.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var logical = new List<byte>(256);
        var logicalLine = 0;
        var physicalLine = 0;
        var position = start;
        while (position < utf8.Length)
        {
            var end = Array.IndexOf(utf8, (byte)'\n', position);
            var next = end < 0 ? utf8.Length : end + 1;
            if (end < 0)
            {
                end = utf8.Length;
            }

            var lineEnd = end > position && utf8[end - 1] == '\r' ? end - 1 : end;
            physicalLine++;
            var isContinuation = lineEnd > position && utf8[position] is (byte)' ' or (byte)'\t' && logical.Count > 0;
            if (isContinuation)
            {
                logical.AddRange(utf8.AsSpan(position + 1, lineEnd - position - 1));
            }
            else
            {
                if (logical.Count > 0)
                {
                    yield return Parse(logicalLine, Encoding.UTF8.GetString([.. logical]));
                    logical.Clear();
                }

                if (lineEnd > position)
                {
                    logical.AddRange(utf8.AsSpan(position, lineEnd - position));
                    logicalLine = physicalLine;
                }
            }

            position = next;
        }

        if (logical.Count > 0)
        {
            yield return Parse(logicalLine, Encoding.UTF8.GetString([.. logical]));
        }
    }

    private static ContentLine Parse(int lineNumber, string text)
    {
        var index = 0;
        while (index < text.Length && text[index] is not (';' or ':'))
        {
            index++;
        }

        if (index == 0 || index == text.Length)
        {
            throw new IcsFormatException(lineNumber, $"'{Shorten(text)}' is not a content line (NAME:VALUE).");
        }

        var name = text[..index].Trim().ToUpperInvariant();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (text[index] == ';')
        {
            index++;
            var equals = text.IndexOf('=', index);
            if (equals < 0)
            {
                throw new IcsFormatException(lineNumber, $"Parameter in '{Shorten(text)}' has no value.");
            }

            var parameterName = text[index..equals].Trim();
            index = equals + 1;
            var value = new StringBuilder();
            var quoted = false;
            while (index < text.Length && (quoted || text[index] is not (';' or ':')))
            {
                if (text[index] == '"')
                {
                    quoted = !quoted;
                }
                else
                {
                    value.Append(text[index]);
                }

                index++;
            }

            if (index == text.Length)
            {
                throw new IcsFormatException(lineNumber, $"'{Shorten(text)}' has no ':' before its value.");
            }

            parameters[parameterName] = value.ToString();
        }

        return new ContentLine(lineNumber, name, parameters, text[(index + 1)..]);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}

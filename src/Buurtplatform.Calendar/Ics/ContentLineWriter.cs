using System.Text;

namespace Buurtplatform.Calendar.Ics;

/// <summary>
/// Builds iCalendar content lines: NAME;PARAM=VALUE:VALUE, folded at 75 octets of UTF-8 (RFC 5545 3.1)
/// and ended with CRLF. A line is assembled first and folded when it ends, so that folding can count
/// octets and never cut a UTF-8 sequence (a surrogate pair is one four-octet character).
/// </summary>
internal sealed class ContentLineWriter
{
    private const int MaxOctets = 75;

    private readonly StringBuilder _output;
    private readonly StringBuilder _line = new(128);

    public ContentLineWriter(StringBuilder output) => _output = output;

    /// <summary>Starts a property; follow with <see cref="Parameter"/> calls and one value call.</summary>
    public ContentLineWriter Name(string name)
    {
        _line.Clear().Append(name);
        return this;
    }

    public ContentLineWriter Parameter(string name, string value)
    {
        _line.Append(';').Append(name).Append('=');
        // RFC 5545 3.2: a parameter value with ':', ';' or ',' must be quoted; DQUOTE itself cannot appear.
        var clean = value.Replace("\"", string.Empty, StringComparison.Ordinal);
        if (clean.AsSpan().IndexOfAny(":;,") >= 0)
        {
            _line.Append('"').Append(clean).Append('"');
        }
        else
        {
            _line.Append(clean);
        }

        return this;
    }

    /// <summary>Ends the property with a value that needs no escaping (dates, numbers, URIs, rules).</summary>
    public void Raw(string value)
    {
        _line.Append(':');
        AppendWithoutControls(value);
        Flush();
    }

    /// <summary>Ends the property with a TEXT value, escaped.</summary>
    public void Text(string value)
    {
        _line.Append(':');
        AppendEscaped(_line, value);
        Flush();
    }

    /// <summary>Ends the property with a list of TEXT values (CATEGORIES), each escaped, comma-separated.</summary>
    public void TextList(IReadOnlyList<string> values)
    {
        _line.Append(':');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }

            AppendEscaped(_line, values[i]);
        }

        Flush();
    }

    public void Property(string name, string rawValue) => Name(name).Raw(rawValue);

    public void TextProperty(string name, string value) => Name(name).Text(value);

    /// <summary>TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines; other control characters are dropped.</summary>
    internal static void AppendEscaped(StringBuilder builder, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case ';':
                    builder.Append(@"\;");
                    break;
                case ',':
                    builder.Append(@"\,");
                    break;
                case '\r':
                    builder.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\t':
                    builder.Append(c);
                    break;
                default:
                    if (c >= ' ' && c != '\u007f')
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }

    private void AppendWithoutControls(string value)
    {
        foreach (var c in value)
        {
            if (c >= ' ' && c != '\u007f')
            {
                _line.Append(c);
            }
        }
    }

    private void Flush()
    {
        var octets = 0;
        for (var i = 0; i < _line.Length; i++)
        {
            var c = _line[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < _line.Length && char.IsLowSurrogate(_line[i + 1]);
            var size = isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > MaxOctets)
            {
                // The continuation's leading space counts towards its 75 octets.
                _output.Append("\r\n ");
                octets = 1;
            }

            _output.Append(c);
            if (isPair)
            {
                _output.Append(_line[++i]);
            }

            octets += size;
        }

        _output.Append("\r\n");
    }
}

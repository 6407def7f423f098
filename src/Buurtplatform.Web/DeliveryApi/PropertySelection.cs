namespace Buurtplatform.Web.DeliveryApi;

/// <summary>
/// The value of <c>expand</c> or <c>fields</c> in Umbraco's syntax: <c>properties[$all]</c>, <c>properties[a,b]</c>, and
/// nested for an expanded property, <c>properties[place[properties[name,address]]]</c>.
/// </summary>
public sealed class PropertySelection
{
    private readonly Dictionary<string, PropertySelection?> _named;

    private PropertySelection(bool all, Dictionary<string, PropertySelection?> named)
    {
        All = all;
        _named = named;
    }

    /// <summary>Nothing named: no property is expanded (the default of <c>expand</c>).</summary>
    public static PropertySelection None { get; } = new(false, []);

    /// <summary>Every property (the default of <c>fields</c>).</summary>
    public static PropertySelection Everything { get; } = new(true, []);

    public bool All { get; }

    public IEnumerable<string> Named => _named.Keys;

    public bool Includes(string alias) => All || _named.ContainsKey(alias);

    /// <summary>What the selection says for the properties of the node <paramref name="alias"/> points at, when it says anything.</summary>
    public PropertySelection? Inner(string alias) => _named.GetValueOrDefault(alias);

    /// <summary>Reads the parameter; null and an error in plain words when it is not in the syntax.</summary>
    public static PropertySelection? Parse(string text, out string? error)
    {
        var position = 0;
        var result = ParseSpec(text, ref position, out error);
        if (result is not null && position != text.Length)
        {
            error = $"unexpected '{text[position..]}' after the selection";
            return null;
        }

        return result;
    }

    private static PropertySelection? ParseSpec(string text, ref int position, out string? error)
    {
        const string Start = "properties[";
        if (string.CompareOrdinal(text, position, Start, 0, Start.Length) != 0)
        {
            error = "expected properties[…] (for example properties[$all] or properties[place,organiser])";
            return null;
        }

        position += Start.Length;
        var all = false;
        var named = new Dictionary<string, PropertySelection?>(StringComparer.Ordinal);
        while (true)
        {
            var begin = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '$' or '_' or '-'))
                position++;
            var alias = text[begin..position];
            if (alias.Length == 0)
            {
                error = "expected a property alias or $all inside properties[…]";
                return null;
            }

            PropertySelection? inner = null;
            if (position < text.Length && text[position] == '[')
            {
                position++;
                inner = ParseSpec(text, ref position, out error);
                if (inner is null)
                    return null;
                if (position >= text.Length || text[position] != ']')
                {
                    error = $"missing ']' after the selection of {alias}";
                    return null;
                }

                position++;
            }

            if (alias == "$all")
                all = true;
            else
                named[alias] = inner;

            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            if (position < text.Length && text[position] == ']')
            {
                position++;
                error = null;
                return new PropertySelection(all, named);
            }

            error = "missing ']' at the end of properties[…]";
            return null;
        }
    }
}

namespace Buurtplatform.Web.NearMe;

/// <summary>
/// The approximate centre of every Dutch four-digit postcode area (PC4), for "what is near
/// postcode 2525". Centres, not addresses: distances from them are good to a kilometre or so.
/// Register as a singleton; the data is read once, on first use.
/// </summary>
/// <remarks>
/// Data: pc4-nl.csv, embedded in this assembly, from the GeoNames postal code dump for NL
/// (https://download.geonames.org/export/zip/), licensed CC BY 4.0. Credit "GeoNames
/// (geonames.org)" wherever the data is used, e.g. in the site footer or about page.
/// </remarks>
public sealed class PostcodeCentres
{
    private const string ResourceName = "Buurtplatform.Web.NearMe.pc4-nl.csv";
    private const int FirstPostcode = 1000;
    private const int LastPostcode = 9999;

    // Lazy<T> with a factory is ExecutionAndPublication: one thread parses, others wait.
    // An array indexed by postcode beats a dictionary here: 9,000 slots, no hashing.
    private readonly Lazy<Table> _table;

    /// <summary>Centres from the CSV embedded in the web assembly.</summary>
    public PostcodeCentres()
        : this(OpenEmbeddedCsv)
    {
    }

    // For tests: parse other CSV text with the same rules.
    internal PostcodeCentres(Func<TextReader> openCsv) =>
        _table = new Lazy<Table>(() =>
        {
            using var reader = openCsv();
            return Parse(reader);
        });

    /// <summary>How many postcodes have a centre (4,069 in the shipped data).</summary>
    public int Count => _table.Value.Count;

    /// <summary>The centre of a PC4 area; false for a postcode not in the data.</summary>
    public bool TryGetCentre(int pc4, out GeoPoint centre)
    {
        var centres = _table.Value.Centres;
        if (pc4 is >= FirstPostcode and <= LastPostcode && centres[pc4 - FirstPostcode] is { } found)
        {
            centre = found;
            return true;
        }

        centre = default;
        return false;
    }

    /// <summary>
    /// Reads the four digits of a Dutch postcode as people type it: "2525", "2525 AB",
    /// "2525ab", " 2525-AB ". Refuses anything else.
    /// </summary>
    /// <remarks>
    /// Rules kept deliberately simple: four ASCII digits 1000–9999, optionally followed by
    /// one space or hyphen and two letters A–Z in either case, except SA, SD and SS, which
    /// PostNL does not issue. PostNL also avoids some other letters (F, I, O, Q, U, Y) but
    /// we accept them: refusing a real-looking postcode helps nobody, and only the digits
    /// are used.
    /// </remarks>
    public static bool TryParsePostcode(string? input, out int pc4)
    {
        pc4 = 0;
        if (input is null)
            return false;

        var text = input.AsSpan().Trim();
        if (text.Length < 4 || text[0] == '0')
            return false;
        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
        }

        var letters = text[4..];
        if (!letters.IsEmpty)
        {
            if (letters[0] is ' ' or '-')
                letters = letters[1..];
            if (letters.Length != 2 || !char.IsAsciiLetter(letters[0]) || !char.IsAsciiLetter(letters[1]))
                return false;
            var first = char.ToUpperInvariant(letters[0]);
            var second = char.ToUpperInvariant(letters[1]);
            if (first == 'S' && second is 'A' or 'D' or 'S')
                return false;
        }

        pc4 = int.Parse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static TextReader OpenEmbeddedCsv()
    {
        var stream = typeof(PostcodeCentres).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        return new StreamReader(stream);
    }

    // Format: header "pc4,lat,lon", then one postcode per line, WGS84 degrees with a decimal
    // point. The file ships with the app, so a malformed line is a build mistake: throw
    // rather than skip, or a postcode would silently go missing.
    private static Table Parse(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != "pc4,lat,lon")
            throw new InvalidDataException($"Postcode CSV must start with the header \"pc4,lat,lon\", found \"{header}\".");

        var centres = new GeoPoint?[LastPostcode - FirstPostcode + 1];
        var count = 0;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;

            var fields = line.Split(',');
            if (fields.Length != 3
                || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pc4)
                || pc4 is < FirstPostcode or > LastPostcode
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                || latitude is < -90 or > 90
                || longitude is < -180 or > 180)
            {
                throw new InvalidDataException($"Postcode CSV line {lineNumber} is not \"pc4,lat,lon\" with a postcode 1000-9999: \"{line}\".");
            }

            ref var slot = ref centres[pc4 - FirstPostcode];
            if (slot is not null)
                throw new InvalidDataException($"Postcode CSV line {lineNumber} repeats postcode {pc4}.");
            slot = new GeoPoint(latitude, longitude);
            count++;
        }

        return new Table(centres, count);
    }

    private sealed record Table(GeoPoint?[] Centres, int Count);
}

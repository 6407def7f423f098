using System.Text;
using Buurtplatform.Calendar.Ics;
using static Buurtplatform.Tests.Calendar.SampleFeeds;

namespace Buurtplatform.Tests.Calendar;

public sealed class FoldingAndEscapingTests
{
    // Dutch with é, ë and €, and an emoji (a surrogate pair, four octets).
    private const string Dutch = "Koffieochtend voor ouders: één keer per week, ideeën uitwisselen over opvoeden 😊 — kosten € 0,00. ";

    // Arabic: two octets a letter, well over 200 octets on its own.
    private const string Arabic =
        "مرحبا بكم في صباح القهوة للآباء والأمهات مع أطفالهم الصغار في الحي، نتحدث معا عن التربية واللعب والنوم والطعام، " +
        "ونتبادل الخبرات مع المربين في مكان آمن وهادئ";

    private const string Multilingual = Dutch + Arabic;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void LongLinesAreFoldedAt75OctetsWithoutSplittingAUtf8Sequence()
    {
        var ics = IcsWriter.Write(Wijk(SamenZingen with { Summary = Multilingual, Description = Multilingual + "\n" + Multilingual }));

        foreach (var line in PhysicalLines(Encoding.UTF8.GetBytes(ics)))
        {
            Assert.True(line.Length <= 75, $"A line has {line.Length} octets: {Encoding.UTF8.GetString(line)}");

            // Each physical line on its own must be valid UTF-8: a split sequence would throw here.
            StrictUtf8.GetString(line);
        }
    }

    [Fact]
    public void ContinuationLinesStartWithOneSpaceAndUnfoldingRestoresTheExactText()
    {
        var ics = IcsWriter.Write(Wijk(SamenZingen with { Summary = Multilingual }));
        var lines = Lines(ics);
        var start = Array.FindIndex(lines, l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start + 1, l => !l.StartsWith(' '));

        Assert.True(end - start >= 3, "The summary should need several lines.");
        Assert.All(lines[(start + 1)..end], l => Assert.StartsWith(" ", l, StringComparison.Ordinal));
        var unfolded = lines[start] + string.Concat(lines[(start + 1)..end].Select(l => l[1..]));
        Assert.Equal("SUMMARY:" + Multilingual.Replace(",", @"\,", StringComparison.Ordinal), unfolded);
    }

    [Fact]
    public void ALineOfExactly75OctetsIsNotFoldedButOneOf76Is()
    {
        var fits = new string('a', 75 - "SUMMARY:".Length);
        var tooLong = fits + "b";

        Assert.Contains($"\r\nSUMMARY:{fits}\r\n", IcsWriter.Write(Wijk(SamenZingen with { Summary = fits })), StringComparison.Ordinal);
        Assert.Contains($"\r\nSUMMARY:{fits}\r\n b\r\n", IcsWriter.Write(Wijk(SamenZingen with { Summary = tooLong })), StringComparison.Ordinal);
    }

    [Fact]
    public void AFourOctetCharacterThatWouldCrossTheLimitMovesToTheNextLine()
    {
        // 8 + 65 = 73 octets, so the emoji (4 octets) would end at 77: it must start the continuation.
        var summary = new string('a', 65) + "😊" + "z";

        var ics = IcsWriter.Write(Wijk(SamenZingen with { Summary = summary }));

        Assert.Contains($"\r\nSUMMARY:{new string('a', 65)}\r\n 😊z\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void TextEscapesBackslashSemicolonCommaAndNewlines()
    {
        var ics = IcsWriter.Write(Wijk(SamenZingen with
        {
            Summary = @"Zingen; spelen, dansen \ meer",
            Description = "Regel één\r\nRegel twee\nRegel drie\rEinde",
        }));

        Assert.Contains(@"SUMMARY:Zingen\; spelen\, dansen \\ meer" + "\r\n", ics, StringComparison.Ordinal);
        Assert.Contains(@"DESCRIPTION:Regel één\nRegel twee\nRegel drie\nEinde" + "\r\n", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void CategoriesAreEscapedOneByOne()
    {
        var ics = IcsWriter.Write(Wijk(SamenZingen with { Categories = ["Taal, lezen", "0-4 jaar"] }));

        Assert.Contains(@"CATEGORIES:Taal\, lezen,0-4 jaar" + "\r\n", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"Zingen; spelen, dansen \ meer")]
    [InlineData("Regel één\nRegel twee")]
    [InlineData(@"Een \n die geen regeleinde is")]
    [InlineData(Multilingual)]
    public void AnIndependentParserReadsBackTheExactText(string text)
    {
        var ics = IcsWriter.Write(Wijk(SamenZingen with { Summary = text, Description = text, Location = text, Categories = [text] }));

        var read = IcalNetReading.Masters(IcalNetReading.Parse(ics))[0];

        Assert.Equal((text, text, text), (read.Summary, read.Description, read.Location));
        Assert.Equal([text], read.Categories);
    }

    private static IEnumerable<byte[]> PhysicalLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                yield return bytes[start..i];
                start = i + 2;
                i++;
            }
        }
    }
}

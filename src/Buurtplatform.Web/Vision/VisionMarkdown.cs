namespace Buurtplatform.Web.Vision;

/// <summary>A vision's Markdown: an optional introduction, then one section per <c>## Heading</c>.</summary>
public static class VisionMarkdown
{
    public static (string Intro, List<VisionSection> Sections) Split(string body)
    {
        var intro = new List<string>();
        var sections = new List<VisionSection>();
        List<string>? current = null;
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null)
                    sections[^1].Body = string.Join('\n', current).Trim();
                sections.Add(new VisionSection { Heading = line[3..].Trim() });
                current = [];
            }
            else
            {
                (current ?? intro).Add(line);
            }
        }

        if (current is not null)
            sections[^1].Body = string.Join('\n', current).Trim();
        return (string.Join('\n', intro).Trim(), sections);
    }

    public static string Join(string intro, IEnumerable<VisionSection> sections)
    {
        var parts = new List<string>();
        if (intro.Length > 0)
            parts.Add(intro);
        parts.AddRange(sections.Select(s => s.Body.Length > 0 ? $"## {s.Heading}\n\n{s.Body}" : $"## {s.Heading}"));
        return string.Join("\n\n", parts);
    }
}

using Buurtplatform.Web.SignUps;

namespace Buurtplatform.Web.Vision.Suggestions;

/// <summary>A published idea as parents see it: never an e-mail address, a first name only by the parent's choice.</summary>
public sealed record PublicSuggestion(int Id, string Text, string Language, string? Name, DateOnly Published, string? Answer, int SameIdeas, bool IsExample);

/// <summary>A change to the vision that came from an idea: its date, what changed, and the idea when it is public.</summary>
public sealed record VisionChange(DateOnly On, string Change, string? IdeaText, string? IdeaLanguage, bool IsExample);

/// <summary>What the vision page shows of parents' ideas: per section, about the whole vision, and what changed because of them.</summary>
public sealed class PublicSuggestions
{
    private readonly Dictionary<string, List<PublicSuggestion>> _bySection;

    private PublicSuggestions(Dictionary<string, List<PublicSuggestion>> bySection, List<PublicSuggestion> whole, List<VisionChange> changes)
    {
        _bySection = bySection;
        Whole = whole;
        Changes = changes;
    }

    /// <summary>Ideas about the whole vision, and those whose section has since been renamed or removed.</summary>
    public IReadOnlyList<PublicSuggestion> Whole { get; }

    /// <summary>"Wat we veranderden dankzij ouders", newest first.</summary>
    public IReadOnlyList<VisionChange> Changes { get; }

    public bool HasExamples => _bySection.Values.SelectMany(x => x).Concat(Whole).Any(s => s.IsExample) || Changes.Any(c => c.IsExample);

    public IReadOnlyList<PublicSuggestion> For(string sectionHeading) => _bySection.GetValueOrDefault(sectionHeading) ?? [];

    public static async Task<PublicSuggestions> LoadAsync(AppDbContext db, Vision vision, CancellationToken ct)
    {
        var visionId = vision.Id;
        var rows = await db.VisionSuggestions.AsNoTracking()
            .Where(s => s.VisionId == visionId && (s.State == SuggestionState.Published || (s.ProcessedOn != null && s.State == SuggestionState.New)))
            .Select(s => new
            {
                s.Id, s.SectionHeading, s.Text, s.Language, s.State, s.IsExample, s.ShowName, s.FirstName, s.PublishedUtc, s.CreatedUtc,
                Answer = s.AnswerIsPublic ? s.Answer : null,
                s.ProcessedOn, s.ChangeNote,
                SameIdeas = db.VisionSuggestions.Count(m => m.MergedIntoId == s.Id),
            })
            .ToListAsync(ct);

        var headings = vision.Sections.Select(x => x.Heading).ToHashSet(StringComparer.Ordinal);
        var published = rows.Where(r => r.State == SuggestionState.Published)
            .OrderBy(r => r.PublishedUtc ?? r.CreatedUtc).ThenBy(r => r.Id)
            .Select(r => (r.SectionHeading, Idea: new PublicSuggestion(r.Id, r.Text, r.Language, r.ShowName ? r.FirstName : null,
                DateOnly.FromDateTime((r.PublishedUtc ?? r.CreatedUtc).ToLocalDate()), r.Answer, r.SameIdeas, r.IsExample)))
            .ToList();
        var bySection = published.Where(p => headings.Contains(p.SectionHeading))
            .GroupBy(p => p.SectionHeading, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Idea).ToList(), StringComparer.Ordinal);
        var whole = published.Where(p => !headings.Contains(p.SectionHeading)).Select(p => p.Idea).ToList();
        var changes = rows.Where(r => r.ProcessedOn is not null && r.ChangeNote is not null)
            .OrderByDescending(r => r.ProcessedOn).ThenBy(r => r.Id)
            .Select(r => new VisionChange(r.ProcessedOn!.Value, r.ChangeNote!, r.State == SuggestionState.Published ? r.Text : null, r.Language, r.IsExample))
            .ToList();
        return new PublicSuggestions(bySection, whole, changes);
    }
}

/// <summary>The model of <c>_Ideas.cshtml</c>: one section's ideas (or the whole vision's), its form link, and what the link is about (for screen readers).</summary>
public sealed record IdeasBlock(string Id, IReadOnlyList<PublicSuggestion> Items, string FormUrl, string About, bool Whole);

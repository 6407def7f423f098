using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// When an activity takes place: a first start, a length, a rule, and the exceptions to it.
/// All local times are in <see cref="Zone"/>. Immutable; lists are copied on the way in, and equality
/// compares the lists' contents so that the site can tell whether the schedule changed.
/// </summary>
public sealed record EventSeries
{
    private readonly Duration _duration;
    private readonly LocalDateTime[] _rDates = [];
    private readonly LocalDateTime[] _exDates = [];
    private readonly OccurrenceOverride[] _overrides = [];
    private readonly DateInterval[] _skipPeriods = [];

    /// <summary>The first occurrence (DTSTART). It is always an occurrence, and counts towards COUNT.</summary>
    public required LocalDateTime Start { get; init; }

    /// <summary>
    /// The exact length of each occurrence. Choices: a Period of local time, or an exact Duration.
    /// RFC 5545 gives every instance the exact duration DTEND − DTSTART, and so do calendar apps;
    /// an exact Duration keeps our expansion the same as theirs (they differ only for a date that
    /// spans a clock change in the night, which activities for toddlers do not).
    /// </summary>
    public required Duration Duration
    {
        get => _duration;
        init => _duration = value >= Duration.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Duration), "A duration cannot be negative.");
    }

    public DateTimeZone Zone { get; init; } = SiteZone.Zone;

    /// <summary>Null for a one-off date (possibly with <see cref="RDates"/>).</summary>
    public RecurrenceRule? Rule { get; init; }

    /// <summary>Extra dates (RDATE), not counted by COUNT.</summary>
    public IReadOnlyList<LocalDateTime> RDates
    {
        get => _rDates;
        init => _rDates = [.. value];
    }

    /// <summary>Dates taken out (EXDATE), matched on the original local start; applied after COUNT.</summary>
    public IReadOnlyList<LocalDateTime> ExDates
    {
        get => _exDates;
        init => _exDates = [.. value];
    }

    /// <summary>Cancelled or moved single dates, at most one per original start.</summary>
    public IReadOnlyList<OccurrenceOverride> Overrides
    {
        get => _overrides;
        init
        {
            OccurrenceOverride[] copy = [.. value];
            if (copy.Select(o => o.OriginalStart).Distinct().Count() != copy.Length)
            {
                throw new ArgumentException("Each original start may have only one override.", nameof(Overrides));
            }

            _overrides = copy;
        }
    }

    /// <summary>
    /// Periods (for example the school holidays of one region) in which the activity does not take place:
    /// an occurrence whose original local date falls in one is left out, like an EXDATE.
    /// </summary>
    public IReadOnlyList<DateInterval> SkipPeriods
    {
        get => _skipPeriods;
        init => _skipPeriods = [.. value];
    }

    // Arrays for the expander, which must not pay for interface calls per candidate.
    internal LocalDateTime[] RDateArray => _rDates;

    internal LocalDateTime[] ExDateArray => _exDates;

    internal OccurrenceOverride[] OverrideArray => _overrides;

    internal DateInterval[] SkipPeriodArray => _skipPeriods;

    public bool Equals(EventSeries? other) =>
        other is not null
        && Start == other.Start
        && Duration == other.Duration
        && Zone.Id == other.Zone.Id
        && Equals(Rule, other.Rule)
        && _rDates.AsSpan().SequenceEqual(other._rDates)
        && _exDates.AsSpan().SequenceEqual(other._exDates)
        && _overrides.AsSpan().SequenceEqual(other._overrides)
        && _skipPeriods.AsSpan().SequenceEqual(other._skipPeriods);

    public override int GetHashCode() => HashCode.Combine(Start, Duration, Zone.Id, Rule, _rDates.Length, _exDates.Length, _overrides.Length);
}

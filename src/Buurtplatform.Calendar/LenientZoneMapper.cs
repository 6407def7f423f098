using NodaTime;

namespace Buurtplatform.Calendar;

/// <summary>
/// Places local times in a zone with RFC 5545's rule (NodaTime's lenient resolver: a time in a gap moves
/// forward by the gap, an ambiguous time takes the earlier offset), remembering the local range in which the
/// current offset is the only answer. Expansion asks for dates in ascending order, nearly all inside one such
/// range, so most calls skip NodaTime's general mapping, which allocates and looks up several intervals.
/// </summary>
internal sealed class LenientZoneMapper(DateTimeZone zone)
{
    private LocalDateTime _from;
    private LocalDateTime _to;
    private Offset _offset;
    private bool _cached;

    public ZonedDateTime Map(LocalDateTime local)
    {
        if (_cached && local >= _from && local < _to)
        {
            // From local time and offset: NodaTime then need not work the calendar date out of an instant.
            return new ZonedDateTime(local, zone, _offset);
        }

        var zoned = local.InZoneLeniently(zone);
        Remember(zone.GetZoneInterval(zoned.ToInstant()));
        return zoned;
    }

    private void Remember(NodaTime.TimeZones.ZoneInterval interval)
    {
        var offset = interval.WallOffset;

        // Local times of this interval that no neighbouring interval also claims (overlap) and that are not
        // skipped (gap): from Start + max(own, previous offset) to End + min(own, next offset).
        var from = LocalDate.MinIsoValue.AtMidnight();
        if (interval.HasStart)
        {
            var previous = zone.GetZoneInterval(interval.Start - Duration.Epsilon).WallOffset;
            from = interval.Start.WithOffset(Offset.Max(offset, previous)).LocalDateTime;
        }

        var to = LocalDate.MaxIsoValue.At(LocalTime.MaxValue);
        if (interval.HasEnd)
        {
            var next = zone.GetZoneInterval(interval.End).WallOffset;
            to = interval.End.WithOffset(Offset.Min(offset, next)).LocalDateTime;
        }

        (_from, _to, _offset, _cached) = (from, to, offset, true);
    }
}

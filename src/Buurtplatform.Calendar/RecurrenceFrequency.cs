namespace Buurtplatform.Calendar;

/// <summary>
/// The FREQ of a recurrence rule. HOURLY, MINUTELY and SECONDLY are left out on purpose:
/// activities for parents repeat by day at the most, and a rule we cannot expand must fail
/// loudly when read rather than be expanded wrongly.
/// </summary>
public enum RecurrenceFrequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

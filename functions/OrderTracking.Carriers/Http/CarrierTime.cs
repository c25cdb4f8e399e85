namespace OrderTracking.Carriers.Http;

/// <summary>
/// Builds a timestamp from a carrier's local time and UTC offset without throwing: an offset beyond ±14 h, one that is
/// not whole minutes, or a result outside the calendar is treated as "no usable time", like any other unreadable field.
/// </summary>
internal static class CarrierTime
{
    private static readonly TimeSpan s_maxOffset = TimeSpan.FromHours(14);

    public static DateTimeOffset? At(DateTime local, TimeSpan offset)
    {
        if (offset.Duration() > s_maxOffset || offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            return null;
        }

        DateTime unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        long utcTicks = unspecified.Ticks - offset.Ticks;
        return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks ? null : new DateTimeOffset(unspecified, offset);
    }
}

namespace Rammevaerk.Reporting.Occupancy;

/// <summary>A calendar half-year: 1 = January–June, 2 = July–December.</summary>
public readonly record struct HalfYear(int Year, int Half) : IComparable<HalfYear>
{
    public static HalfYear Containing(DateOnly date) => new(date.Year, date.Month <= 6 ? 1 : 2);

    public bool IsValid => Year is >= 2000 and <= 2100 && Half is 1 or 2;

    public HalfYear Previous => Half == 2 ? new(Year, 1) : new(Year - 1, 2);

    public DateOnly Start => new(Year, Half == 1 ? 1 : 7, 1);
    public DateOnly End => Half == 1 ? new(Year, 6, 30) : new(Year, 12, 31);

    /// <summary>"1. halvår 2025 (januar–juni)"</summary>
    public string Label => $"{Half}. halvår {Year} ({(Half == 1 ? "januar–juni" : "juli–december")})";

    /// <summary>"2025-1", the form's and the URL's value.</summary>
    public string Key => $"{Year}-{Half}";

    public static bool TryParse(string? key, out HalfYear value)
    {
        value = default;
        var parts = key?.Split('-');
        if (parts is not [var y, var h] || !int.TryParse(y, out var year) || !int.TryParse(h, out var half)) return false;
        value = new HalfYear(year, half);
        return value.IsValid;
    }

    public int CompareTo(HalfYear other) => (Year, Half).CompareTo((other.Year, other.Half));

    public override string ToString() => Key;
}

/// <summary>
/// Occupancy (belægning) of a service in a half-year: occupied days / (places × days in the half-year).
/// January–June has 181 days (182 in a leap year), July–December 184. Pure; no framework types.
/// </summary>
public static class OccupancyCalculator
{
    private static readonly System.Globalization.CultureInfo Danish = System.Globalization.CultureInfo.GetCultureInfo("da-DK");

    /// <summary>181 or 182 for January–June, 184 for July–December.</summary>
    public static int DaysIn(HalfYear period)
    {
        if (!period.IsValid) throw new ArgumentOutOfRangeException(nameof(period), period, "Half must be 1 or 2.");
        return period.End.DayNumber - period.Start.DayNumber + 1;
    }

    /// <summary>The available days: places × days in the half-year; the most occupied days that can be reported.</summary>
    public static decimal AvailableDays(int places, HalfYear period) => (decimal)Math.Max(0, places) * DaysIn(period);

    /// <summary>Occupancy in per cent (not rounded), or null when the service has no places (nothing to measure against).</summary>
    public static decimal? Percent(decimal occupiedDays, int places, HalfYear period)
    {
        if (places <= 0) return null;
        return occupiedDays / AvailableDays(places, period) * 100m;
    }

    /// <summary>What is wrong with a reported figure, or null when it can be saved. Danish, for the form.</summary>
    public static string? Check(decimal occupiedDays, int places, HalfYear period, string what)
    {
        if (occupiedDays < 0) return $"Belægningsdage for {what} må ikke være negative.";
        if (decimal.Round(occupiedDays, 2) != occupiedDays) return $"Belægningsdage for {what} må højst have to decimaler.";
        var max = AvailableDays(places, period);
        if (occupiedDays > max)
        {
            return places <= 0
                ? $"Belægningsdage for {what} skal være 0, fordi ydelsen har 0 pladser."
                : $"Belægningsdage for {what} må højst være {max.ToString("N0", Danish)} ({places} pladser × {DaysIn(period)} dage i {period.Half}. halvår {period.Year}).";
        }
        return null;
    }
}

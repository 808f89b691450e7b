using Rammevaerk.Reporting.Occupancy;

namespace Rammevaerk.Tests.Reporting.Occupancy;

public sealed class OccupancyCalculatorTests
{
    [Theory]
    [InlineData(2025, 1, 181)]
    [InlineData(2024, 1, 182)] // leap year
    [InlineData(2000, 1, 182)] // divisible by 400: leap
    [InlineData(2100, 1, 181)] // divisible by 100, not 400: not leap
    [InlineData(2025, 2, 184)]
    [InlineData(2024, 2, 184)]
    public void Days_in_a_half_year_follow_the_calendar(int year, int half, int days) =>
        Assert.Equal(days, OccupancyCalculator.DaysIn(new HalfYear(year, half)));

    [Fact]
    public void Percent_is_occupied_days_over_places_times_days()
    {
        // 10 places in January–June 2025: 1.810 available days.
        Assert.Equal(100m, OccupancyCalculator.Percent(1810m, 10, new HalfYear(2025, 1)));
        Assert.Equal(50m, OccupancyCalculator.Percent(905m, 10, new HalfYear(2025, 1)));
        // The same days in the leap half-year give a lower per cent.
        Assert.Equal(1810m / 1820m * 100m, OccupancyCalculator.Percent(1810m, 10, new HalfYear(2024, 1)));
        Assert.Equal(95m, OccupancyCalculator.Percent(8 * 184 * 0.95m, 8, new HalfYear(2025, 2)));
        Assert.Equal(0m, OccupancyCalculator.Percent(0m, 4, new HalfYear(2025, 2)));
    }

    [Fact]
    public void No_places_means_no_per_cent_and_a_clear_message()
    {
        Assert.Null(OccupancyCalculator.Percent(0m, 0, new HalfYear(2025, 1)));
        Assert.Equal(0m, OccupancyCalculator.AvailableDays(0, new HalfYear(2025, 1)));
        Assert.Null(OccupancyCalculator.Check(0m, 0, new HalfYear(2025, 1), "Tilbud – Ydelse"));
        Assert.Equal("Belægningsdage for Tilbud – Ydelse skal være 0, fordi ydelsen har 0 pladser.",
            OccupancyCalculator.Check(5m, 0, new HalfYear(2025, 1), "Tilbud – Ydelse"));
    }

    [Fact]
    public void Check_names_the_service_and_the_limit_in_Danish()
    {
        var what = "Bostedet Lærkereden – § 107 midlertidigt botilbud";
        Assert.Null(OccupancyCalculator.Check(1820m, 10, new HalfYear(2024, 1), what));
        Assert.Equal($"Belægningsdage for {what} må højst være 1.820 (10 pladser × 182 dage i 1. halvår 2024).",
            OccupancyCalculator.Check(1820.5m, 10, new HalfYear(2024, 1), what));
        Assert.Equal($"Belægningsdage for {what} må ikke være negative.", OccupancyCalculator.Check(-1m, 10, new HalfYear(2024, 1), what));
        Assert.Equal($"Belægningsdage for {what} må højst have to decimaler.", OccupancyCalculator.Check(1.125m, 10, new HalfYear(2024, 1), what));
    }

    [Fact]
    public void Half_years_parse_label_and_step_back()
    {
        Assert.True(HalfYear.TryParse("2025-2", out var h));
        Assert.Equal(new HalfYear(2025, 2), h);
        Assert.Equal("2. halvår 2025 (juli–december)", h.Label);
        Assert.Equal(new HalfYear(2025, 1), h.Previous);
        Assert.Equal(new HalfYear(2024, 2), h.Previous.Previous);
        Assert.False(HalfYear.TryParse("2025-3", out _));
        Assert.False(HalfYear.TryParse("2025", out _));
        Assert.False(HalfYear.TryParse(null, out _));
        Assert.Equal(new HalfYear(2026, 1), HalfYear.Containing(new DateOnly(2026, 6, 30)));
        Assert.Equal(new HalfYear(2026, 2), HalfYear.Containing(new DateOnly(2026, 7, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OccupancyCalculator.DaysIn(new HalfYear(2025, 3)));
    }

    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("1234,5", 1234.5)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData(" 12 345 ", 12345)]
    [InlineData("0", 0)]
    [InlineData("-3", -3)]
    public void Typed_days_are_read_as_Danish_numbers(string text, double expected)
    {
        Assert.True(ReportModel.TryParseDays(text, out var days));
        Assert.Equal((decimal)expected, days);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("abc")]
    [InlineData("1,2,3")]
    public void Ambiguous_or_wrong_numbers_are_refused(string text) =>
        Assert.False(ReportModel.TryParseDays(text, out _));
}

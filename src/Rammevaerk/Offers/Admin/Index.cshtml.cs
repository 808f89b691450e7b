using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers.Admin;

/// <summary>
/// /sekretariat/tilbud: the register as it stands now, or as it stood at the end of a day (?dato=2025-06-01, Copenhagen
/// time), searchable by name and filtered by operator and status.
/// </summary>
public sealed class IndexModel(OfferRegister register, IConfiguration config) : PageModel
{
    public sealed record Line(OfferSnapshot Offer, DateTime? ChangedAt, string? ChangedBy, int? Revision);

    public List<Line> Lines { get; private set; } = [];
    public List<(int Id, string Name)> Operators { get; private set; } = [];
    public string? Text { get; private set; }
    public int? OperatorId { get; private set; }
    public OfferStatus? Status { get; private set; }
    /// <summary>The day the register is shown as of; null = now.</summary>
    public DateOnly? AsOf { get; private set; }
    public string? DateProblem { get; private set; }

    public async Task OnGetAsync(string? tekst, int? driftsherre, string? status, string? dato, CancellationToken ct)
    {
        var region = OffersModule.Region(config);
        Text = string.IsNullOrWhiteSpace(tekst) ? null : tekst.Trim();
        OperatorId = driftsherre;
        Status = Enum.TryParse<OfferStatus>(status, out var st) ? st : null;
        if (!string.IsNullOrWhiteSpace(dato))
        {
            if (DateOnly.TryParseExact(dato, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || DateOnly.TryParse(dato, Danish.Culture, DateTimeStyles.None, out day))
                AsOf = day;
            else
                DateProblem = $"Datoen '{dato}' kan ikke læses. Skriv den som fx 2025-06-01.";
        }

        List<Line> all;
        if (AsOf is DateOnly d)
        {
            var endOfDay = EndOfDayUtc(d);
            all = (await register.AsOfAsync(region, endOfDay, ct)).Select(s => new Line(s, null, null, null)).ToList();
        }
        else
        {
            var offers = await register.LoadOffers().Where(o => o.Operator!.Region == region).ToListAsync(ct);
            var comparer = StringComparer.Create(Danish.Culture, true);
            all = offers.OrderBy(o => o.Operator!.Name, comparer).ThenBy(o => o.Name, comparer)
                .Select(o => new Line(OfferSnapshot.Of(o), o.UpdatedAt, o.UpdatedBy, o.Revision)).ToList();
        }
        Operators = all.GroupBy(l => l.Offer.OperatorId).Select(g => (g.Key, g.First().Offer.OperatorName))
            .OrderBy(o => o.Item2, StringComparer.Create(Danish.Culture, true)).ToList();
        Lines = all.Where(l => (OperatorId is null || l.Offer.OperatorId == OperatorId) && (Status is null || l.Offer.Status == Status)
            && (Text is null || Matches(l.Offer, Text))).ToList();
    }

    /// <summary>The last instant of a Copenhagen day, in UTC.</summary>
    public static DateTime EndOfDayUtc(DateOnly day) => Danish.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).AddTicks(-1);

    private static bool Matches(OfferSnapshot o, string text)
    {
        var compare = Danish.Culture.CompareInfo;
        string?[] fields = [o.Name, o.OperatorName, o.Address, o.City, o.PortalId, .. o.Departments.Select(d => d.Name), .. o.Services.Select(s => s.Name)];
        return fields.Any(f => f is not null && compare.IndexOf(f, text, CompareOptions.IgnoreCase) >= 0);
    }
}

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;

namespace Rammevaerk.EarlyWarnings;

/// <summary>What the shared warning form (_WarningForm.cshtml) needs.</summary>
public sealed record WarningFormView(WarningInput Input, IReadOnlyDictionary<string, string> Errors, List<EarlyWarningService.OfferChoice> Offers, string Action, string Submit);

/// <summary>The checks both warning pages make on a posted form: the offer and service must be the operator's.</summary>
public static class WarningChecks
{
    /// <summary>
    /// Parses the form and checks ownership: Refused is true when the offer or service is not the operator's (form
    /// tampering), and the attempt is recorded in the security log; otherwise the parsed form and its Danish errors.
    /// </summary>
    public static async Task<(bool Refused, WarningInput.Parsed Value, Dictionary<string, string> Errors)> CheckAsync(
        WarningInput input, int operatorId, List<EarlyWarningService.OfferChoice> own, DateOnly? earliest, AppDb db, AuditLog audit, HttpContext http)
    {
        var (value, errors) = input.Parse(earliest);
        var offer = value.OfferId is int id ? own.FirstOrDefault(o => o.Id == id) : null;
        if (value.OfferId is int offerId && offer is null)
        {
            var name = await db.Offers.Where(o => o.Id == offerId).Select(o => o.Name + " (" + o.Operator!.Name + ")").SingleOrDefaultAsync();
            await audit.RecordAsync(AuditLog.OtherOperatorsData, $"Early warning forsøgt meldt på tilbud {offerId} {name ?? "(findes ikke)"} af en bruger fra driftsherre {operatorId}", http);
            return (true, value, errors);
        }
        if (value.ServiceId is int serviceId)
        {
            if (!own.Any(o => o.Services.Any(s => s.Id == serviceId)))
            {
                await audit.RecordAsync(AuditLog.OtherOperatorsData, $"Early warning forsøgt meldt på ydelse {serviceId}, som ikke er driftsherre {operatorId}s", http);
                return (true, value, errors);
            }
            if (offer is not null && !offer.Services.Any(s => s.Id == serviceId))
                errors[nameof(WarningInput.ServiceId)] = "Ydelse: den valgte ydelse hører ikke til det valgte tilbud. Vælg en af tilbuddets ydelser eller hele tilbuddet.";
        }
        return (false, value, errors);
    }

    public static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "";
}

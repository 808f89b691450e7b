using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Offers;

namespace Rammevaerk.Capacity;

/// <summary>/kapacitet/ny: choose one of the operator's offers (or a new one) and the kind, then fill in the notice.</summary>
[RequestSizeLimit(60L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60L * 1024 * 1024)]
public sealed class NewModel(AppDb db, CapacityService service, AuditLog audit) : NoticePageBase(db, service, audit)
{
    public int? OperatorId { get; private set; }
    public string? OperatorName { get; private set; }
    public List<OfferSnapshot> Offers { get; private set; } = [];
    /// <summary>The chosen offer ("tilbud" in the query): an id, or "ny" for a new offer; null before the choice.</summary>
    public string? Chosen { get; private set; }
    public CapacityChangeKind? ChosenKind { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "tilbud")] string? tilbud, [FromQuery(Name = "art")] CapacityChangeKind? art, CancellationToken ct)
    {
        if (!await LoadOperatorAsync(ct)) return Page();
        Chosen = tilbud;
        ChosenKind = art;
        if (tilbud is null) return Page();
        OfferSnapshot? offer = null;
        if (tilbud != "ny")
        {
            offer = int.TryParse(tilbud, out var id) ? Offers.FirstOrDefault(o => o.OfferId == id) : null;
            if (offer is null)
            {
                Chosen = null;
                ModelState.AddModelError("tilbud", "Vælg et af jeres tilbud på listen.");
                return Page();
            }
        }
        Form = new NoticeForm
        {
            OfferId = offer?.OfferId, Kind = art ?? (offer is null ? CapacityChangeKind.Opening : CapacityChangeKind.Reduction),
            Lines = offer is null ? [] : NoticeForm.LinesFrom(offer),
            TargetGroupText = offer is null ? null : string.Join(", ", offer.Services.SelectMany(s => s.TargetGroups).Distinct()),
        };
        if (art == CapacityChangeKind.Closing) foreach (var l in Form.Lines) l.PlacesAfter = "0";
        FormView = await ViewAsync(offer, [], "/kapacitet/ny", null, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool submit, CancellationToken ct)
    {
        if (!await LoadOperatorAsync(ct)) return Page();
        Chosen = Form.OfferId?.ToString() ?? "ny";
        var uploads = await ReadUploadsAsync(ct);
        var outcome = await Service.SaveAsync(null, OperatorId!.Value, Form, null, submit, uploads, User.Identity?.Name, ct);
        if (outcome.Tampering is not null) return await RefuseAsync(outcome.Tampering);
        if (!outcome.Saved)
        {
            FormView = await ViewAsync(await OfferAsync(OperatorId.Value, Form.OfferId, ct), outcome.Problems, "/kapacitet/ny", null, [], ct);
            return Page();
        }
        TempData["Message"] = submit
            ? "Orienteringen er indsendt. Kommunerne i regionen og tilbuddets køberkommuner har fået besked."
            : "Kladden er gemt.";
        return Redirect($"/kapacitet/{outcome.Notice!.Id}");
    }

    private async Task<bool> LoadOperatorAsync(CancellationToken ct)
    {
        OperatorId = await Service.OperatorOfAsync(User, ct);
        if (OperatorId is not int id) return false;
        OperatorName = await Db.Operators.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        Offers = await Service.OffersOfAsync(id, ct);
        return true;
    }
}

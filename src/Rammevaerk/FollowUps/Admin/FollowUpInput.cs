using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>A follow-up as its form posts it (new and edit); the checks give Danish messages naming the field.</summary>
public sealed class FollowUpInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public int? BodyId { get; set; }
    public FollowUpOwner Owner { get; set; } = FollowUpOwner.Secretariat;
    public int? OwnerPersonId { get; set; }
    public int? OwnerBodyId { get; set; }
    /// <summary>"dato" or "naestemoede".</summary>
    public string Due { get; set; } = "naestemoede";
    [System.ComponentModel.DataAnnotations.Display(Name = "Frist")]
    public DateOnly? DueDate { get; set; }

    public bool ByDate => Due == "dato";

    public static FollowUpInput From(FollowUp f) => new()
    {
        Title = f.Title, Description = f.Description, BodyId = f.BodyId, Owner = f.Owner,
        OwnerPersonId = f.OwnerPersonId, OwnerBodyId = f.OwnerBodyId,
        Due = f.DueNextMeeting ? "naestemoede" : "dato", DueDate = f.DueDate,
    };

    /// <summary>Checks every field; <paramref name="source"/> (with its meeting) is the decision the due date may not precede.</summary>
    public async Task ValidateAsync(AppDb db, ModelStateDictionary state, AgendaItem? source)
    {
        var title = Title?.Trim();
        if (string.IsNullOrEmpty(title)) state.AddModelError("Input.Title", "Skriv, hvad der skal følges op på.");
        else if (title.Length > Limits.Title) state.AddModelError("Input.Title", Danish.TooLong("Teksten", Limits.Title, title.Length));
        if (Description?.Length > 20_000) state.AddModelError("Input.Description", "Beskrivelsen må højst være 20.000 tegn.");
        if (BodyId is not int bodyId || !await db.Bodies.AnyAsync(b => b.Id == bodyId)) state.AddModelError("Input.BodyId", "Vælg det udvalg, opfølgningen hører til.");
        if (!Enum.IsDefined(Owner)) state.AddModelError("Input.Owner", "Vælg, hvem der har opgaven.");
        // A chosen person or working group must exist (and be a working group) even when another owner is chosen:
        // an id the form did not offer is refused, never quietly dropped.
        if (OwnerPersonId is int p && !await db.Persons.AnyAsync(x => x.Id == p))
            state.AddModelError("Input.OwnerPersonId", "Den valgte person findes ikke. Vælg personen på listen.");
        else if (Owner == FollowUpOwner.Person && OwnerPersonId is null)
            state.AddModelError("Input.OwnerPersonId", "Vælg den person, der har opgaven.");
        if (OwnerBodyId is int g && !await db.Bodies.AnyAsync(x => x.Id == g && x.Kind == BodyKind.WorkingGroup))
            state.AddModelError("Input.OwnerBodyId", "Den valgte arbejdsgruppe findes ikke. Vælg arbejdsgruppen på listen.");
        else if (Owner == FollowUpOwner.WorkingGroup && OwnerBodyId is null)
            state.AddModelError("Input.OwnerBodyId", "Vælg den arbejdsgruppe, der har opgaven.");
        if (ByDate && DueDate is null && !state.ContainsKey("Input.DueDate"))
            state.AddModelError("Input.DueDate", "Skriv en frist, eller vælg \"Næste møde\".");
        if (ByDate && DueDate is { } due && source is not null)
        {
            var decided = DateOnly.FromDateTime(Danish.ToLocal(source.Meeting.StartsAt));
            if (due < decided)
                state.AddModelError("Input.DueDate", $"Fristen kan ikke ligge før beslutningen: punktet blev behandlet {decided.ToString("d. MMMM yyyy", Danish.Culture)}.");
        }
    }

    /// <summary>Writes the validated fields onto the follow-up.</summary>
    public void ApplyTo(FollowUp f)
    {
        f.Title = Title!.Trim();
        f.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        f.BodyId = BodyId!.Value;
        f.Owner = Owner;
        f.OwnerPersonId = Owner == FollowUpOwner.Person ? OwnerPersonId : null;
        f.OwnerBodyId = Owner == FollowUpOwner.WorkingGroup ? OwnerBodyId : null;
        f.DueNextMeeting = !ByDate;
        f.DueDate = ByDate ? DueDate : null;
    }
}

/// <summary>The choices of the follow-up form.</summary>
public sealed record FollowUpChoices(List<SelectListItem> Bodies, List<SelectListItem> WorkingGroups, List<SelectListItem> People)
{
    public static async Task<FollowUpChoices> LoadAsync(AppDb db)
    {
        var bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync();
        return new FollowUpChoices(
            bodies.Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToList(),
            bodies.Where(b => b.Kind == BodyKind.WorkingGroup).Select(b => new SelectListItem(b.Name, b.Id.ToString())).ToList(),
            await db.Persons.OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString())).ToListAsync());
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.Data;
using Rammevaerk.Meetings;

namespace Rammevaerk.Appointments.Admin;

/// <summary>
/// /sekretariat/udpegninger/{id}: change an appointment (the old one ends the day before the new one begins, so the
/// history is kept) or end it. Each action in one transaction; a refused action changes nothing.
/// </summary>
public sealed class ChangeModel(AppDb db, IConfiguration config, TimeProvider clock) : PageModel
{
    public Appointment Appointment { get; private set; } = null!;
    public LinkedItem? DecidedItem { get; private set; }
    public List<SelectListItem> Persons { get; private set; } = [];
    public List<PickerMeeting> Meetings { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public AppointmentInput Replacement { get; set; } = new();
    public AppointmentInput Correction { get; set; } = new();
    public string? EndDate { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Replacement = AppointmentInput.For(Appointment, Today > Appointment.From ? Today : Appointment.From.AddDays(1));
        EndDate = AdminForms.DateValue(Today > Appointment.From ? Today : Appointment.From);
        Correction = AppointmentInput.Of(Appointment);
        return Page();
    }

    /// <summary>
    /// Corrects a mistake in the appointment as registered (a misspelt name, the wrong date or item). A real change of
    /// person or role is "Skift", which keeps the old appointment as history.
    /// </summary>
    public async Task<IActionResult> OnPostCorrectAsync(int id, [Bind(Prefix = nameof(Correction))] AppointmentInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Correction = input;
        Replacement = AppointmentInput.For(Appointment, Today > Appointment.From ? Today : Appointment.From.AddDays(1));
        EndDate = AdminForms.DateValue(Today > Appointment.From ? Today : Appointment.From);
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(Correction));
        if (!ModelState.IsValid) return Page();
        input.ApplyTo(Appointment, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"{AdminForms.Genitive(Appointment.PersonName)} udpegning i {Appointment.Forum} er rettet.";
        return Redirect($"/sekretariat/udpegninger/{id}");
    }

    /// <summary>Deletes an appointment registered by mistake (after a confirmation); an ended one is history and stays unless deleted here on purpose.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        db.Appointments.Remove(Appointment);
        await db.SaveChangesAsync();
        TempData["Message"] = $"{AdminForms.Genitive(Appointment.PersonName)} udpegning i {Appointment.Forum} ({AppointmentText.Period(Appointment)}) er slettet.";
        return Redirect("/sekretariat/udpegninger");
    }

    public async Task<IActionResult> OnPostReplaceAsync(int id, [Bind(Prefix = nameof(Replacement))] AppointmentInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Replacement = input;
        Correction = AppointmentInput.Of(Appointment);
        EndDate = AdminForms.DateValue(Today > Appointment.From ? Today : Appointment.From);
        await using var tx = await db.Database.BeginTransactionAsync();
        await input.ValidateAsync(db, ModelState, nameof(Replacement));
        if (input.ParsedFrom is { } from && from <= Appointment.From)
        {
            ModelState.AddModelError($"{nameof(Replacement)}.{nameof(input.From)}",
                $"Den nye udpegning skal begynde efter den nuværende, som gælder fra {AdminForms.ShortDate(Appointment.From)}.");
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var dayBefore = input.ParsedFrom!.Value.AddDays(-1);
        if (Appointment.To is null || Appointment.To > dayBefore) Appointment.To = dayBefore;
        Appointment.UpdatedAt = now;
        var next = input.Create(Appointment.Region, now);
        db.Appointments.Add(next);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"{Appointment.PersonName} ({AppointmentText.Period(Appointment)}) er afløst af {next.PersonName} {AppointmentText.Period(next)}.";
        return Redirect("/sekretariat/udpegninger");
    }

    public async Task<IActionResult> OnPostEndAsync(int id, string? endDate)
    {
        if (!await LoadAsync(id)) return NotFound();
        EndDate = endDate;
        Correction = AppointmentInput.Of(Appointment);
        Replacement = AppointmentInput.For(Appointment, Today > Appointment.From ? Today : Appointment.From.AddDays(1));
        var to = AdminForms.ParseDate(endDate);
        if (string.IsNullOrWhiteSpace(endDate)) ModelState.AddModelError(nameof(EndDate), "Angiv datoen, udpegningen slutter.");
        else if (to is null) ModelState.AddModelError(nameof(EndDate), "Til-datoen er ikke en gyldig dato. Skriv den som dd.mm.åååå.");
        else if (to < Appointment.From) ModelState.AddModelError(nameof(EndDate), "Til-datoen ligger før fra-datoen.");
        if (!ModelState.IsValid) return Page();
        await using var tx = await db.Database.BeginTransactionAsync();
        Appointment.To = to;
        Appointment.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"{AdminForms.Genitive(Appointment.PersonName)} udpegning i {Appointment.Forum} slutter {AdminForms.ShortDate(to!.Value)}.";
        return Redirect("/sekretariat/udpegninger");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var region = AdminForms.Region(config);
        var a = await db.Appointments.SingleOrDefaultAsync(x => x.Id == id && x.Region == region);
        if (a is null) return false;
        Appointment = a;
        Today = AdminForms.Today(clock);
        DecidedItem = (await AppointmentQueries.DecidedItemsAsync(db, [a], publicOnly: false)).Values.FirstOrDefault();
        Persons = await AppointmentQueries.PersonsAsync(db);
        Meetings = await new AgendaPlacement(db).ItemChoicesAsync(a.DecidedItemId is int d ? new[] { d } : null);
        return true;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;

namespace Rammevaerk.Appointments;

/// <summary>Danish texts for appointments.</summary>
public static class AppointmentText
{
    public static string Role(AppointmentRole role) => role switch
    {
        AppointmentRole.Member => "Medlem",
        AppointmentRole.Substitute => "Suppleant",
        AppointmentRole.Chair => "Formand",
        _ => role.ToString(),
    };

    /// <summary>"fra 10.06.2025" or "01.01.2023–09.06.2025".</summary>
    public static string Period(Appointment a) =>
        a.To is { } to ? $"{AdminForms.ShortDate(a.From)}–{AdminForms.ShortDate(to)}" : $"fra {AdminForms.ShortDate(a.From)}";

    /// <summary>Current on <paramref name="today"/>: begun and not ended.</summary>
    public static bool IsCurrent(Appointment a, DateOnly today) => a.From <= today && (a.To is null || a.To >= today);

    public static bool IsPast(Appointment a, DateOnly today) => a.To is { } to && to < today;
}

/// <summary>An appointment as the form posts it (text, so a bad value gets a Danish message naming the field).</summary>
public sealed class AppointmentInput
{
    public string? Forum { get; set; }
    /// <summary>Optional: a person from Bodies; the name is taken from it when no name is written.</summary>
    public string? Person { get; set; }
    public string? PersonName { get; set; }
    public string? Organisation { get; set; }
    public string? Role { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    /// <summary>The agenda item that decided it (id), optional.</summary>
    public string? DecidedItem { get; set; }
    public string? Note { get; set; }

    public int? ParsedPersonId { get; private set; }
    public string? ResolvedName { get; private set; }
    public AppointmentRole? ParsedRole { get; private set; }
    public DateOnly? ParsedFrom { get; private set; }
    public DateOnly? ParsedTo { get; private set; }
    public int? ParsedItemId { get; private set; }

    public static AppointmentInput For(Appointment a, DateOnly from) => new()
    {
        Forum = a.Forum, Person = a.PersonId?.ToString(CultureInfo.InvariantCulture), PersonName = a.PersonName,
        Organisation = a.Organisation, Role = a.Role.ToString(), From = AdminForms.DateValue(from),
    };

    /// <summary>The appointment as it stands, for correcting it.</summary>
    public static AppointmentInput Of(Appointment a) => new()
    {
        Forum = a.Forum, Person = a.PersonId?.ToString(CultureInfo.InvariantCulture), PersonName = a.PersonName,
        Organisation = a.Organisation, Role = a.Role.ToString(), From = AdminForms.DateValue(a.From),
        To = a.To is { } to ? AdminForms.DateValue(to) : null,
        DecidedItem = a.DecidedItemId?.ToString(CultureInfo.InvariantCulture), Note = a.Note,
    };

    /// <summary>Writes the validated fields onto an existing appointment (a correction).</summary>
    public void ApplyTo(Appointment a, DateTime now)
    {
        a.Forum = Forum!.Trim();
        a.PersonName = ResolvedName!;
        a.PersonId = ParsedPersonId;
        a.Organisation = AdminForms.Clean(Organisation);
        a.Role = ParsedRole!.Value;
        a.From = ParsedFrom!.Value;
        a.To = ParsedTo;
        a.DecidedItemId = ParsedItemId;
        a.Note = AdminForms.Clean(Note);
        a.UpdatedAt = now;
    }

    public async Task ValidateAsync(AppDb db, ModelStateDictionary state, string prefix)
    {
        void Add(string field, string message) => state.AddModelError($"{prefix}.{field}", message);
        if (string.IsNullOrWhiteSpace(Forum)) Add(nameof(Forum), "Skriv forum – hvor personen repræsenterer regionen.");
        else if (Forum.Trim().Length > 300) Add(nameof(Forum), "Forum må højst være 300 tegn.");

        var personError = false;
        if (!string.IsNullOrWhiteSpace(Person))
        {
            var id = AdminForms.ParseId(Person);
            var name = id is null ? null : await db.Persons.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
            if (name is null) { Add(nameof(Person), "Den valgte person findes ikke."); personError = true; }
            else { ParsedPersonId = id; ResolvedName = name; }
        }
        if (!string.IsNullOrWhiteSpace(PersonName)) ResolvedName = PersonName.Trim();
        if (ResolvedName is null && !personError) Add(nameof(PersonName), "Skriv personens navn, eller vælg en person.");
        else if (ResolvedName?.Length > 200) Add(nameof(PersonName), "Personens navn må højst være 200 tegn.");
        if (Organisation?.Trim().Length > 200) Add(nameof(Organisation), "Organisation/kommune må højst være 200 tegn.");

        ParsedRole = Enum.GetValues<AppointmentRole>().Select(r => (AppointmentRole?)r).FirstOrDefault(r => r.ToString() == Role);
        if (ParsedRole is null) Add(nameof(Role), "Vælg en rolle: medlem, suppleant eller formand.");

        ParsedFrom = AdminForms.ParseDate(From);
        if (string.IsNullOrWhiteSpace(From)) Add(nameof(From), "Angiv datoen, udpegningen gælder fra.");
        else if (ParsedFrom is null) Add(nameof(From), "Fra-datoen er ikke en gyldig dato. Skriv den som dd.mm.åååå.");
        ParsedTo = AdminForms.ParseDate(To);
        if (!string.IsNullOrWhiteSpace(To) && ParsedTo is null) Add(nameof(To), "Til-datoen er ikke en gyldig dato. Skriv den som dd.mm.åååå, eller lad feltet stå tomt.");
        else if (ParsedFrom is not null && ParsedTo is not null && ParsedTo < ParsedFrom) Add(nameof(To), "Til-datoen ligger før fra-datoen.");

        if (!string.IsNullOrWhiteSpace(DecidedItem))
        {
            var itemId = AdminForms.ParseId(DecidedItem);
            if (itemId is null || !await db.AgendaItems.AnyAsync(i => i.Id == itemId)) Add(nameof(DecidedItem), "Det valgte punkt findes ikke.");
            else ParsedItemId = itemId;
        }
        if (Note?.Trim().Length > 2000) Add(nameof(Note), Shared.Danish.TooLong("Bemærkningen", 2000));
    }

    public Appointment Create(string region, DateTime now) => new()
    {
        Region = region, Forum = Forum!.Trim(), PersonName = ResolvedName!, PersonId = ParsedPersonId,
        Organisation = AdminForms.Clean(Organisation), Role = ParsedRole!.Value, From = ParsedFrom!.Value, To = ParsedTo,
        DecidedItemId = ParsedItemId, Note = AdminForms.Clean(Note), CreatedAt = now, UpdatedAt = now,
    };
}

/// <summary>What _AppointmentFields needs.</summary>
public sealed record AppointmentFieldsView(
    string Prefix, AppointmentInput Input, ModelStateDictionary State,
    List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Persons, List<Meetings.PickerMeeting> Meetings);

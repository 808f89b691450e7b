using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Rammevaerk.Data;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>The header of a meeting as the secretariat types it (Danish local times).</summary>
public sealed class MeetingInput
{
    [Display(Name = "Udvalg")]
    [Required(ErrorMessage = "Vælg et udvalg.")]
    public int? BodyId { get; set; }

    [Display(Name = "Titel")]
    [Required(ErrorMessage = "Skriv en titel, fx \"Møde i Socialdirektørforum\".")]
    [MaxText(Limits.Title, "Titlen")]
    public string? Title { get; set; }

    [Display(Name = "Sted")]
    [MaxText(300, "Stedet")]
    public string? Location { get; set; }

    [Display(Name = "Start")]
    [Required(ErrorMessage = "Angiv dato og klokkeslæt for mødets start.")]
    public DateTime? StartsLocal { get; set; }

    [Display(Name = "Slut")]
    public DateTime? EndsLocal { get; set; }

    /// <summary>
    /// True when the start is a date only, as imported minutes without a clock time are kept (stored at local
    /// midnight, <see cref="Meeting.TimeUnknown"/>): start at 00:00 and no end.
    /// </summary>
    public bool KeepsTimeUnknown(bool timeUnknown) => timeUnknown && StartsLocal is { } s && s.TimeOfDay == TimeSpan.Zero && EndsLocal is null;

    /// <summary>Checks what attributes cannot: the end after the start (required unless the time is not known), the body exists.</summary>
    public void Validate(ModelStateDictionary state, bool bodyExists, string prefix = "Input", bool timeUnknown = false)
    {
        if (EndsLocal is null && !KeepsTimeUnknown(timeUnknown) && !(state.TryGetValue($"{prefix}.{nameof(EndsLocal)}", out var bound) && bound.Errors.Count > 0))
            state.AddModelError($"{prefix}.{nameof(EndsLocal)}", "Angiv dato og klokkeslæt for mødets slut.");
        if (BodyId is not null && !bodyExists) state.AddModelError($"{prefix}.{nameof(BodyId)}", "Det valgte udvalg findes ikke.");
        if (StartsLocal is { } s && EndsLocal is { } e && e <= s)
        {
            state.AddModelError($"{prefix}.{nameof(EndsLocal)}", "Slut skal ligge efter start.");
        }
        if (Title is not null && string.IsNullOrWhiteSpace(Title)) state.AddModelError($"{prefix}.{nameof(Title)}", "Titlen må ikke være tom.");
    }
}

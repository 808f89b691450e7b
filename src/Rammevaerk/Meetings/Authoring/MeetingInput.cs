using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>The header of a meeting as the secretariat types it (Danish local times).</summary>
public sealed class MeetingInput
{
    [Display(Name = "Udvalg")]
    [Required(ErrorMessage = "Vælg et udvalg.")]
    public int? BodyId { get; set; }

    [Display(Name = "Titel")]
    [Required(ErrorMessage = "Skriv en titel, fx \"Møde i Socialdirektørforum\".")]
    [StringLength(Limits.Title, ErrorMessage = "Titlen må højst være {1} tegn.")]
    public string? Title { get; set; }

    [Display(Name = "Sted")]
    [StringLength(300, ErrorMessage = "Stedet må højst være {1} tegn.")]
    public string? Location { get; set; }

    [Display(Name = "Start")]
    [Required(ErrorMessage = "Angiv dato og klokkeslæt for mødets start.")]
    public DateTime? StartsLocal { get; set; }

    [Display(Name = "Slut")]
    [Required(ErrorMessage = "Angiv dato og klokkeslæt for mødets slut.")]
    public DateTime? EndsLocal { get; set; }

    /// <summary>Checks what attributes cannot: the end after the start, the body exists.</summary>
    public void Validate(ModelStateDictionary state, bool bodyExists, string prefix = "Input")
    {
        if (BodyId is not null && !bodyExists) state.AddModelError($"{prefix}.{nameof(BodyId)}", "Det valgte udvalg findes ikke.");
        if (StartsLocal is { } s && EndsLocal is { } e && e <= s)
        {
            state.AddModelError($"{prefix}.{nameof(EndsLocal)}", "Slut skal ligge efter start.");
        }
        if (Title is not null && string.IsNullOrWhiteSpace(Title)) state.AddModelError($"{prefix}.{nameof(Title)}", "Titlen må ikke være tom.");
    }
}

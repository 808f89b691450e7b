using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>/sekretariat/opfoelgning/breve: letters sent, answers awaited (overdue marked) or received; a new letter.</summary>
public sealed class LettersModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed class LetterInput
    {
        public string? Recipient { get; set; }
        public string? Subject { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Sendt")]
        public DateOnly? SentOn { get; set; }
        public bool AnswerExpected { get; set; } = true;
        [System.ComponentModel.DataAnnotations.Display(Name = "Svarfrist")]
        public DateOnly? AnswerDueOn { get; set; }
        public int? FollowUpId { get; set; }
        public int? SourceItemId { get; set; }
    }

    [BindProperty]
    public LetterInput Input { get; set; } = new();

    public List<Letter> Letters { get; private set; } = [];
    public List<FollowUp> FollowUps { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(int? opfoelgning, int? punkt)
    {
        Input.FollowUpId = opfoelgning;
        Input.SourceItemId = punkt;
        if (opfoelgning is int f)
        {
            Input.SourceItemId ??= await db.FollowUps.Where(x => x.Id == f).Select(x => x.SourceItemId).SingleOrDefaultAsync();
        }
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ValidateAsync(Input, db, ModelState);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var letter = new Letter
        {
            Recipient = Input.Recipient!.Trim(), Subject = Input.Subject!.Trim(), SentOn = Input.SentOn!.Value, AnswerExpected = Input.AnswerExpected,
            AnswerDueOn = Input.AnswerExpected ? Input.AnswerDueOn : null, FollowUpId = Input.FollowUpId, SourceItemId = Input.SourceItemId,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = User.Identity?.Name,
        };
        db.Letters.Add(letter);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Brevet \"{letter.Subject}\" er registreret.";
        return Redirect($"/sekretariat/opfoelgning/breve/{letter.Id}");
    }

    /// <summary>The checks of a letter's fields (new and edit), each message naming its field.</summary>
    public static async Task ValidateAsync(LetterInput input, AppDb db, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state)
    {
        var recipient = input.Recipient?.Trim();
        var subject = input.Subject?.Trim();
        if (string.IsNullOrEmpty(recipient)) state.AddModelError("Input.Recipient", "Skriv, hvem brevet er sendt til.");
        else if (recipient.Length > 300) state.AddModelError("Input.Recipient", "Modtageren må højst være 300 tegn.");
        if (string.IsNullOrEmpty(subject)) state.AddModelError("Input.Subject", "Skriv brevets emne.");
        else if (subject.Length > Limits.Title) state.AddModelError("Input.Subject", $"Emnet må højst være {Limits.Title} tegn.");
        if (input.SentOn is null && !state.ContainsKey("Input.SentOn")) state.AddModelError("Input.SentOn", "Skriv, hvornår brevet blev sendt.");
        if (input.AnswerDueOn is { } due && input.SentOn is { } sent && due < sent)
            state.AddModelError("Input.AnswerDueOn", "Svarfristen kan ikke ligge før brevet blev sendt.");
        if (input.FollowUpId is int f && !await db.FollowUps.AnyAsync(x => x.Id == f)) state.AddModelError("Input.FollowUpId", "Opfølgningen findes ikke.");
        if (input.SourceItemId is int i && !await db.AgendaItems.AnyAsync(x => x.Id == i)) state.AddModelError("Input.SourceItemId", "Punktet findes ikke.");
    }

    private async Task LoadAsync()
    {
        Today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        Letters = await db.Letters.AsNoTracking()
            .OrderBy(l => l.AnswerReceivedOn != null).ThenByDescending(l => l.SentOn).ThenBy(l => l.Id)
            .Select(l => new Letter
            {
                Id = l.Id, Recipient = l.Recipient, Subject = l.Subject, SentOn = l.SentOn, AnswerExpected = l.AnswerExpected,
                AnswerDueOn = l.AnswerDueOn, AnswerReceivedOn = l.AnswerReceivedOn, FollowUpId = l.FollowUpId,
            })
            .ToListAsync();
        FollowUps = await db.FollowUps.AsNoTracking().Where(f => f.State == FollowUpState.Open || f.Id == Input.FollowUpId)
            .OrderBy(f => f.Title).ToListAsync();
    }
}

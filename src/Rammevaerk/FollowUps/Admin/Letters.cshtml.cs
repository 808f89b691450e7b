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
        public DateOnly? SentOn { get; set; }
        public bool AnswerExpected { get; set; } = true;
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
        var recipient = Input.Recipient?.Trim();
        var subject = Input.Subject?.Trim();
        if (string.IsNullOrEmpty(recipient)) ModelState.AddModelError("Input.Recipient", "Skriv, hvem brevet er sendt til.");
        else if (recipient.Length > 300) ModelState.AddModelError("Input.Recipient", "Modtageren må højst være 300 tegn.");
        if (string.IsNullOrEmpty(subject)) ModelState.AddModelError("Input.Subject", "Skriv brevets emne.");
        else if (subject.Length > Limits.Title) ModelState.AddModelError("Input.Subject", $"Emnet må højst være {Limits.Title} tegn.");
        if (Input.SentOn is null && !ModelState.ContainsKey("Input.SentOn")) ModelState.AddModelError("Input.SentOn", "Skriv, hvornår brevet blev sendt.");
        if (Input.AnswerDueOn is { } due && Input.SentOn is { } sent && due < sent)
            ModelState.AddModelError("Input.AnswerDueOn", "Svarfristen kan ikke ligge før brevet blev sendt.");
        if (Input.FollowUpId is int f && !await db.FollowUps.AnyAsync(x => x.Id == f)) ModelState.AddModelError("Input.FollowUpId", "Opfølgningen findes ikke.");
        if (Input.SourceItemId is int i && !await db.AgendaItems.AnyAsync(x => x.Id == i)) ModelState.AddModelError("Input.SourceItemId", "Punktet findes ikke.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var letter = new Letter
        {
            Recipient = recipient!, Subject = subject!, SentOn = Input.SentOn!.Value, AnswerExpected = Input.AnswerExpected,
            AnswerDueOn = Input.AnswerExpected ? Input.AnswerDueOn : null, FollowUpId = Input.FollowUpId, SourceItemId = Input.SourceItemId,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = User.Identity?.Name,
        };
        db.Letters.Add(letter);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Brevet \"{letter.Subject}\" er registreret.";
        return Redirect($"/sekretariat/opfoelgning/breve/{letter.Id}");
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

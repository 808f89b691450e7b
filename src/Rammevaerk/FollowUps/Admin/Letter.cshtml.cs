using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;

namespace Rammevaerk.FollowUps.Admin;

/// <summary>/sekretariat/opfoelgning/breve/{id}: one letter; register its answer as text and/or a pdf/docx file.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public sealed class LetterModel(AppDb db, TimeProvider clock) : PageModel
{
    /// <summary>Answers are letters, not reports: 10 MB is plenty.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public Letter Letter { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public LettersModel.LetterInput Input { get; set; } = new();
    public List<FollowUp> FollowUps { get; private set; } = [];

    [BindProperty] public DateOnly? ReceivedOn { get; set; }
    [BindProperty] public string? AnswerText { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ReceivedOn = Letter.AnswerReceivedOn;
        AnswerText = Letter.AnswerText;
        return Page();
    }

    /// <summary>Correct the letter: recipient, subject, when sent, the answer awaited and its follow-up.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int id, [Bind(Prefix = "Input")] LettersModel.LetterInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        ReceivedOn = Letter.AnswerReceivedOn;
        AnswerText = Letter.AnswerText;
        ModelState.Remove(nameof(ReceivedOn));
        ModelState.Remove(nameof(AnswerText));
        input.SourceItemId = Letter.SourceItemId;
        await LettersModel.ValidateAsync(input, db, ModelState);
        if (Letter.AnswerReceivedOn is { } received && input.SentOn is { } sent && received < sent)
            ModelState.AddModelError("Input.SentOn", $"Brevet kan ikke være sendt efter svaret kom ({received.ToString("d. MMMM yyyy", Danish.Culture)}).");
        if (!ModelState.IsValid) return Page();
        await using var tx = await db.Database.BeginTransactionAsync();
        Letter.Recipient = input.Recipient!.Trim();
        Letter.Subject = input.Subject!.Trim();
        Letter.SentOn = input.SentOn!.Value;
        Letter.AnswerExpected = input.AnswerExpected;
        Letter.AnswerDueOn = input.AnswerExpected ? input.AnswerDueOn : null;
        Letter.FollowUpId = input.FollowUpId;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"Brevet \"{Letter.Subject}\" er gemt.";
        return Redirect($"/sekretariat/opfoelgning/breve/{id}");
    }

    /// <summary>Take back an answer registered by mistake (text and file); the letter awaits its answer again.</summary>
    public async Task<IActionResult> OnPostRemoveAnswerAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Letter.AnswerReceivedOn = null;
        Letter.AnswerText = null;
        Letter.AnswerFile = null;
        Letter.AnswerFileName = null;
        Letter.AnswerContentType = null;
        await db.SaveChangesAsync();
        TempData["Message"] = "Svaret er fjernet; brevet afventer igen svar.";
        return Redirect($"/sekretariat/opfoelgning/breve/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        db.Letters.Remove(Letter);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Brevet \"{Letter.Subject}\" er slettet.";
        return Redirect("/sekretariat/opfoelgning/breve");
    }

    public async Task<IActionResult> OnGetFileAsync(int id)
    {
        var row = await db.Letters.Where(l => l.Id == id && l.AnswerFile != null)
            .Select(l => new { l.AnswerFile, l.AnswerFileName, l.AnswerContentType }).SingleOrDefaultAsync();
        if (row is null) return NotFound();
        return File(row.AnswerFile!, row.AnswerContentType ?? "application/octet-stream", Shared.FileNames.Clean(row.AnswerFileName));
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ReceivedOn is null && !ModelState.ContainsKey(nameof(ReceivedOn))) ModelState.AddModelError(nameof(ReceivedOn), "Skriv, hvornår svaret kom.");
        if (ReceivedOn is { } r && r < Letter.SentOn)
            ModelState.AddModelError(nameof(ReceivedOn), $"Svaret kan ikke være modtaget før brevet blev sendt ({Letter.SentOn.ToString("d. MMMM yyyy", Danish.Culture)}).");
        if (AnswerText?.Length > 20_000) ModelState.AddModelError(nameof(AnswerText), "Svaret må højst være 20.000 tegn; vedhæft det som fil i stedet.");
        byte[]? bytes = null;
        string? contentType = null;
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxBytes)
            {
                ModelState.AddModelError("file", $"Filen '{Path.GetFileName(file.FileName)}' fylder {Danish.FileSize(file.Length)}; grænsen er {Danish.FileSize(MaxBytes)}.");
            }
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                bytes = buffer.ToArray();
                var ext = Path.GetExtension(file.FileName);
                var result = AttachmentInspector.Inspect(file.FileName, bytes, MaxBytes);
                if (!result.Ok) ModelState.AddModelError("file", result.Error!);
                else if (result.Kind is not (AttachmentKind.Pdf or AttachmentKind.Docx))
                    ModelState.AddModelError("file", $"Svaret skal være en pdf- eller docx-fil, ikke {ext}.");
                contentType = result.ContentType;
            }
        }
        if (string.IsNullOrWhiteSpace(AnswerText) && bytes is null && Letter.AnswerFile is null && ModelState.IsValid)
            ModelState.AddModelError(nameof(AnswerText), "Skriv svaret, eller vedhæft det som fil.");
        if (!ModelState.IsValid) return Page();

        Letter.AnswerReceivedOn = ReceivedOn;
        Letter.AnswerText = string.IsNullOrWhiteSpace(AnswerText) ? null : AnswerText.Trim();
        if (bytes is not null)
        {
            Letter.AnswerFile = bytes;
            Letter.AnswerFileName = Path.GetFileName(file!.FileName);
            Letter.AnswerContentType = contentType;
        }
        await db.SaveChangesAsync();
        TempData["Message"] = "Svaret er registreret.";
        return Redirect($"/sekretariat/opfoelgning/breve/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        Today = DateOnly.FromDateTime(Danish.ToLocal(clock.GetUtcNow().UtcDateTime));
        var letter = await db.Letters.Include(l => l.FollowUp).Include(l => l.SourceItem).ThenInclude(i => i!.Meeting)
            .SingleOrDefaultAsync(l => l.Id == id);
        if (letter is null) return false;
        Letter = letter;
        Input = new LettersModel.LetterInput
        {
            Recipient = letter.Recipient, Subject = letter.Subject, SentOn = letter.SentOn, AnswerExpected = letter.AnswerExpected,
            AnswerDueOn = letter.AnswerDueOn, FollowUpId = letter.FollowUpId, SourceItemId = letter.SourceItemId,
        };
        FollowUps = await db.FollowUps.AsNoTracking().Where(f => f.State == FollowUpState.Open || f.Id == letter.FollowUpId)
            .OrderBy(f => f.Title).ToListAsync();
        return true;
    }
}

using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;

namespace Rammevaerk.Meetings.Import;

/// <summary>Upload page for archived minutes: a text file, a PDF or pasted text in either seed layout.</summary>
[RequestSizeLimit(MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 1024 * 1024)]
public sealed class UploadModel(AppDb db, MinutesImporter importer) : PageModel
{
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The longest pasted text: far more than any minutes (the longest seed is 70.000 characters).</summary>
    public const int MaxTextLength = 500_000;

    public sealed record BodyOption(int Id, string Name);

    public List<BodyOption> Bodies { get; private set; } = [];
    public ImportResult? Result { get; private set; }

    [BindProperty]
    public int? BodyId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        await LoadAsync();
        ModelState.Clear();
        string? text = null;
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxFileBytes)
            {
                ModelState.AddModelError("file", $"Filen '{Path.GetFileName(file.FileName)}' er for stor ({Shared.Danish.FileSize(file.Length)}); grænsen er {Shared.Danish.FileSize(MaxFileBytes)}.");
                return Page();
            }
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            text = DecodeText(ms.ToArray(), Path.GetFileName(file.FileName));
            if (text is null) return Page();
        }
        else if (Text?.Length > MaxTextLength)
        {
            ModelState.AddModelError(nameof(Text), $"Den indsatte tekst må højst være {MaxTextLength:N0} tegn (den er {Text.Length:N0}). Importér ét referat ad gangen.");
            return Page();
        }
        else if (!string.IsNullOrWhiteSpace(Text))
        {
            text = Text;
        }
        if (text is null)
        {
            ModelState.AddModelError("file", "Vælg en fil, eller indsæt referatets tekst i feltet.");
            return Page();
        }
        if (BodyId is int id && Bodies.All(b => b.Id != id))
        {
            ModelState.AddModelError(nameof(BodyId), "Det valgte udvalg findes ikke.");
            return Page();
        }

        try
        {
            Result = await importer.ImportAsync(text, BodyId, User.Identity?.Name);
        }
        catch (ImportRejectedException e)
        {
            ModelState.AddModelError("file", $"Referatet blev ikke importeret: {e.Message}");
            return Page();
        }
        return Page();
    }

    /// <summary>
    /// Minutes arrive as UTF-8 text (as the seeds are) or as a PDF, whose text is read in the layout of seed 000
    /// (<see cref="Publishing.Pdf.PdfText"/>); Office files are named and refused.
    /// </summary>
    private string? DecodeText(byte[] bytes, string name)
    {
        if (bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            try
            {
                var text = Publishing.Pdf.PdfText.Extract(bytes);
                if (!string.IsNullOrWhiteSpace(text)) return text;
                ModelState.AddModelError("file", $"PDF-filen '{name}' indeholder ingen tekst, der kan læses (den er måske scannet som billeder). Kopiér teksten ind i feltet herunder i stedet.");
            }
            catch (Publishing.Pdf.PdfTextException e)
            {
                ModelState.AddModelError("file", $"Filen '{name}' kan ikke læses: {e.Message} Gem PDF'en igen uden beskyttelse, eller kopiér teksten ind i feltet herunder.");
            }
            return null;
        }
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            ModelState.AddModelError("file", $"Filen '{name}' er en Office-fil. Importen læser teksten af et referat: gem det som PDF, eller kopiér teksten ind i en .txt-fil eller i feltet herunder.");
            return null;
        }
        if (bytes.Contains((byte)0))
        {
            ModelState.AddModelError("file", $"Filen '{name}' er ikke en tekstfil.");
            return null;
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            ModelState.AddModelError("file", $"Filen '{name}' er ikke gemt som UTF-8-tekst. Gem den igen med tegnsættet UTF-8.");
            return null;
        }
    }

    private async Task LoadAsync() =>
        Bodies = await db.Bodies.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new BodyOption(b.Id, b.Name)).ToListAsync();
}

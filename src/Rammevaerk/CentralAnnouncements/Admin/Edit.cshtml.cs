using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.CentralAnnouncements.Admin;

/// <summary>
/// One central announcement: its fields, its deadlines (a new deadline keeps the old ones as its history), the
/// region's representatives, the reports as files and the agenda items that concern it. Every handler is one user
/// action in one transaction; a refused action saves nothing.
/// </summary>
[RequestSizeLimit(60L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60L * 1024 * 1024)]
public sealed class EditModel(AppDb db, IConfiguration config, TimeProvider clock, IOptions<AttachmentOptions> attachmentOptions) : PageModel
{
    public sealed class DeadlineInput
    {
        public string? Deadline { get; set; }
        public string? Note { get; set; }
    }

    public sealed class RepresentativeInput
    {
        public string? Name { get; set; }
        public string? Organisation { get; set; }
        public string? Role { get; set; }
    }

    public CentralAnnouncement Announcement { get; private set; } = null!;
    public List<LinkedItem> Items { get; private set; } = [];
    public List<PickerMeeting> MeetingChoices { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public long MaxFileBytes => Math.Min(attachmentOptions.Value.MaxBytes, 25L * 1024 * 1024);

    public AnnouncementInput Input { get; set; } = new();
    public DeadlineInput NewDeadline { get; set; } = new();
    public RepresentativeInput NewRepresentative { get; set; } = new();
    public string? ChosenItem { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = AnnouncementInput.From(Announcement);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, [Bind(Prefix = nameof(Input))] AnnouncementInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        input.Validate(ModelState, nameof(Input), withDeadline: false);
        if (!ModelState.IsValid) return Page();
        await using var tx = await db.Database.BeginTransactionAsync();
        input.ApplyTo(Announcement);
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"Den centrale udmelding '{Announcement.Title}' er gemt.");
    }

    public async Task<IActionResult> OnPostAddDeadlineAsync(int id, [Bind(Prefix = nameof(NewDeadline))] DeadlineInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        NewDeadline = input;
        Input = AnnouncementInput.From(Announcement);
        const string prefix = nameof(NewDeadline);
        var deadline = AdminForms.ParseDate(input.Deadline);
        if (string.IsNullOrWhiteSpace(input.Deadline)) ModelState.AddModelError($"{prefix}.{nameof(input.Deadline)}", "Angiv den nye frist.");
        else if (deadline is null) ModelState.AddModelError($"{prefix}.{nameof(input.Deadline)}", "Den nye frist er ikke en gyldig dato. Skriv den som dd.mm.åååå.");
        else if (AnnouncementText.Current(Announcement) == deadline)
        {
            ModelState.AddModelError($"{prefix}.{nameof(input.Deadline)}", $"Fristen er allerede {AnnouncementText.Date(deadline.Value)}.");
        }
        if (input.Note?.Trim().Length > 1000) ModelState.AddModelError($"{prefix}.{nameof(input.Note)}", Danish.TooLong("Bemærkningen", 1000));
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync();
        var previous = AnnouncementText.Current(Announcement);
        Announcement.Deadlines.Add(new AnnouncementDeadline { Deadline = deadline!.Value, SetOn = Today, Note = AdminForms.Clean(input.Note) });
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done(previous is { } old
            ? $"Fristen er flyttet fra {AnnouncementText.Date(old)} til {AnnouncementText.Date(deadline.Value)}."
            : $"Fristen er sat til {AnnouncementText.Date(deadline.Value)}.");
    }

    public async Task<IActionResult> OnPostAddRepresentativeAsync(int id, [Bind(Prefix = nameof(NewRepresentative))] RepresentativeInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        NewRepresentative = input;
        Input = AnnouncementInput.From(Announcement);
        const string prefix = nameof(NewRepresentative);
        if (string.IsNullOrWhiteSpace(input.Name)) ModelState.AddModelError($"{prefix}.{nameof(input.Name)}", "Skriv repræsentantens navn.");
        else if (input.Name.Trim().Length > 200) ModelState.AddModelError($"{prefix}.{nameof(input.Name)}", "Navnet må højst være 200 tegn.");
        if (input.Organisation?.Trim().Length > 200) ModelState.AddModelError($"{prefix}.{nameof(input.Organisation)}", "Organisationen må højst være 200 tegn.");
        if (input.Role?.Trim().Length > 200) ModelState.AddModelError($"{prefix}.{nameof(input.Role)}", "Rollen må højst være 200 tegn.");
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync();
        Announcement.Representatives.Add(new AnnouncementRepresentative
        {
            Name = input.Name!.Trim(), Organisation = AdminForms.Clean(input.Organisation), Role = AdminForms.Clean(input.Role),
        });
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"{input.Name!.Trim()} er tilføjet som repræsentant.");
    }

    public async Task<IActionResult> OnPostRemoveRepresentativeAsync(int id, int representativeId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var r = Announcement.Representatives.SingleOrDefault(x => x.Id == representativeId);
        if (r is null) return this.RedirectWithError($"/sekretariat/centrale-udmeldinger/{id}", "Repræsentanten findes ikke (længere) på udmeldingen – den kan være fjernet allerede. Intet er ændret.");
        await using var tx = await db.Database.BeginTransactionAsync();
        Announcement.Representatives.Remove(r);
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"{r.Name} er fjernet som repræsentant.");
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = AnnouncementInput.From(Announcement);
        ModelState.Clear();
        byte[] bytes = [];
        if (file is null) ModelState.AddModelError("file", "Vælg en fil (pdf, docx eller xlsx) at uploade.");
        else if (file.Length == 0) ModelState.AddModelError("file", $"Filen '{file.FileName}' er tom.");
        else if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError("file", $"Filen '{Path.GetFileName(file.FileName)}' fylder {Danish.FileSize(file.Length)}; grænsen er {Danish.FileSize(MaxFileBytes)}.");
        }
        else
        {
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms);
            bytes = ms.ToArray();
            var check = AttachmentInspector.Inspect(file.FileName, bytes, MaxFileBytes);
            if (!check.Ok) ModelState.AddModelError("file", check.Error!);
            else if (check.Kind == AttachmentKind.Pptx)
            {
                ModelState.AddModelError("file", $"Filen '{Path.GetFileName(file.FileName)}' er en PowerPoint-fil. En afrapportering skal være pdf, docx eller xlsx.");
            }
        }
        if (!ModelState.IsValid) return Page();

        var name = Path.GetFileName(file!.FileName).Trim();
        if (name.Length > 300) name = name[..200] + Path.GetExtension(name);
        await using var tx = await db.Database.BeginTransactionAsync();
        Announcement.Files.Add(new AnnouncementFile
        {
            FileName = name, ContentType = AttachmentInspector.Allowed[Path.GetExtension(name)].ContentType, Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes, UploadedAt = clock.GetUtcNow().UtcDateTime,
        });
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"Filen '{name}' er uploadet.");
    }

    public async Task<IActionResult> OnPostRemoveFileAsync(int id, int fileId)
    {
        if (!await LoadAsync(id)) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync();
        var file = await db.Set<AnnouncementFile>().Where(f => f.AnnouncementId == id && f.Id == fileId).SingleOrDefaultAsync();
        if (file is null) return this.RedirectWithError($"/sekretariat/centrale-udmeldinger/{id}", "Filen findes ikke (længere) på udmeldingen – den kan være fjernet allerede. Intet er ændret.");
        db.Remove(file);
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"Filen '{file.FileName}' er fjernet.");
    }

    public async Task<IActionResult> OnPostLinkItemAsync(int id, string? chosenItem)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = AnnouncementInput.From(Announcement);
        ChosenItem = chosenItem;
        AgendaItem? item = null;
        if (string.IsNullOrWhiteSpace(chosenItem)) ModelState.AddModelError(nameof(ChosenItem), "Vælg et møde og et punkt.");
        else if (AdminForms.ParseId(chosenItem) is not int itemId || (item = await db.AgendaItems.SingleOrDefaultAsync(i => i.Id == itemId)) is null)
        {
            ModelState.AddModelError(nameof(ChosenItem), "Det valgte punkt findes ikke.");
        }
        else if (Announcement.Items.Any(l => l.AgendaItemId == item.Id))
        {
            ModelState.AddModelError(nameof(ChosenItem), $"Punkt {item.Number}, {item.Title}, er allerede knyttet til udmeldingen.");
        }
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync();
        Announcement.Items.Add(new AnnouncementItemLink { AgendaItemId = item!.Id });
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done($"Punkt {item.Number}, {item.Title}, er knyttet til udmeldingen.");
    }

    public async Task<IActionResult> OnPostUnlinkItemAsync(int id, int itemId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var link = Announcement.Items.SingleOrDefault(l => l.AgendaItemId == itemId);
        if (link is null) return this.RedirectWithError($"/sekretariat/centrale-udmeldinger/{id}", "Punktet er ikke (længere) knyttet til udmeldingen – det kan være fjernet allerede. Intet er ændret.");
        await using var tx = await db.Database.BeginTransactionAsync();
        Announcement.Items.Remove(link);
        Touch();
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Done("Punktet er fjernet fra udmeldingen.");
    }

    /// <summary>Deletes the announcement with its deadlines, representatives, files and item links (after a confirmation).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.AnnouncementFiles.Where(f => f.AnnouncementId == id).ExecuteDeleteAsync();
        db.CentralAnnouncements.Remove(Announcement);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Message"] = $"Den centrale udmelding '{Announcement.Title}' er slettet.";
        return Redirect("/sekretariat/centrale-udmeldinger");
    }

    private void Touch() => Announcement.UpdatedAt = clock.GetUtcNow().UtcDateTime;

    private IActionResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect($"/sekretariat/centrale-udmeldinger/{Announcement.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var region = AdminForms.Region(config);
        var a = await db.CentralAnnouncements.Where(x => x.Id == id && x.Region == region)
            .Include(x => x.Deadlines).Include(x => x.Representatives).Include(x => x.Items)
            .AsSplitQuery().SingleOrDefaultAsync();
        if (a is null) return false;
        Announcement = a;
        Today = AdminForms.Today(clock);
        // File contents stay in the database; the page lists names and sizes only.
        Files = await db.Set<AnnouncementFile>().AsNoTracking().Where(f => f.AnnouncementId == id)
            .OrderBy(f => f.UploadedAt).Select(f => new FileRow(f.Id, f.FileName, f.Size, f.UploadedAt)).ToListAsync();
        Items = await AnnouncementText.ItemsAsync(db, a.Items.Select(l => l.AgendaItemId).ToList(), publicOnly: false);
        MeetingChoices = await new AgendaPlacement(db).ItemChoicesAsync(a.Items.Select(l => l.AgendaItemId));
        return true;
    }

    public sealed record FileRow(int Id, string FileName, long Size, DateTime UploadedAt);
    public List<FileRow> Files { get; private set; } = [];
}

using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>
/// Edit one agenda item: number, title, closed, the sections in Markdown with a live preview, guests and
/// attachments. Two people saving the same item: the second save is refused and keeps their text.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ItemModel(AppDb db, MeetingLifecycle lifecycle, TimeProvider clock, IOptions<AttachmentOptions> attachmentOptions, Publication.AttachmentScans scans) : PageModel
{
    /// <summary>Room for the largest attachment plus the form around it; the attachment limit itself is checked with a clear message.</summary>
    private const long MaxRequestBytes = 200L * 1024 * 1024;

    public sealed class ItemInput
    {
        [Display(Name = "Nummer")]
        [Required(ErrorMessage = "Angiv punktets nummer.")]
        [Range(1, 999, ErrorMessage = "Nummeret skal være mellem {1} og {2}.")]
        public int? Number { get; set; }

        [Display(Name = "Titel")]
        [Required(ErrorMessage = "Skriv en titel på punktet.")]
        [MaxText(Limits.Title, "Titlen")]
        public string? Title { get; set; }

        public bool IsClosed { get; set; }

        [MaxText(Limits.Text, "Teksten")]
        public string? Intro { get; set; }

        [MaxText(Limits.Text, "Baggrund")]
        public string? Background { get; set; }

        [MaxText(Limits.Text, "Indstilling")]
        public string? Recommendation { get; set; }

        [MaxText(Limits.Text, "Sagsfremstilling")]
        public string? CasePresentation { get; set; }

        [MaxText(Limits.Text, "Beslutning")]
        public string? Decision { get; set; }

        public Guid Stamp { get; set; }

        /// <summary>The item's number when the form was shown: tells a change of the meeting's order from the user's own.</summary>
        public int? SeenNumber { get; set; }
    }

    public sealed record Section(string Field, string Label, string Hint);

    public static readonly Section[] Sections =
    [
        new(nameof(ItemInput.Intro), "Indledning og gæster", "Tekst før Baggrund, fx hvem der deltager under punktet."),
        new(nameof(ItemInput.Background), "Baggrund", ""),
        new(nameof(ItemInput.Recommendation), "Indstilling", "Fx \"Forretningsudvalget indstiller til Socialdirektørforum, at\" og punkter med \"- \"."),
        new(nameof(ItemInput.CasePresentation), "Sagsfremstilling", ""),
        new(nameof(ItemInput.Decision), "Beslutning", "Skrives på eller efter mødet. Det er referatets tekst: den bliver offentlig, når referatet udgives (og vises da først på punktet); indtil da ser kun sekretariatet den – og medlemmerne, når du sender udkastet til referat."),
    ];

    public AgendaItem Item { get; private set; } = null!;

    /// <summary>Capacity change notices bundled into this item (issue 5), so a withdrawn one is flagged where the text is edited.</summary>
    public List<CapacityNoticeLink> CapacityNotices { get; private set; } = [];

    public sealed record CapacityNoticeLink(int Id, Capacity.NoticeState State);
    public Meeting Meeting => Item.Meeting;
    public AgendaItem? Conflict { get; private set; }

    [BindProperty]
    public ItemInput Input { get; set; } = new();

    [BindProperty]
    public GuestInput Guest { get; set; } = new();

    public sealed class GuestInput
    {
        [MaxText(200, "Navnet")]
        public string? Name { get; set; }

        [MaxText(300, "Rollen")]
        public string? Role { get; set; }

        [MaxText(100, "Tidsrummet")]
        public string? TimeSlot { get; set; }
    }

    public long MaxAttachmentBytes => attachmentOptions.Value.MaxBytes;

    private string? UserName => User.Identity?.Name;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = FromItem(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Remove("Guest.Name");
        var number = Input.Number ?? 0;
        if (Input.Number is not null && Meeting.Items.Any(i => i.Id != Item.Id && i.Number == number))
        {
            var other = Meeting.Items.First(i => i.Id != Item.Id && i.Number == number);
            ModelState.AddModelError("Input.Number", $"Punkt nummer {number} findes allerede på mødet (\"{other.Title}\"). Vælg et andet nummer, eller flyt punkterne på mødesiden.");
        }
        if (Input.Title is not null && string.IsNullOrWhiteSpace(Input.Title)) ModelState.AddModelError("Input.Title", "Titlen må ikke være tom.");
        if (Input.Stamp != Item.ConcurrencyStamp) return Refuse();
        // Someone moved the items meanwhile: a number typed by this user cannot be trusted against the new order,
        // one left as it was simply follows the new order.
        var orderChanged = Input.SeenNumber is int seen && seen != Item.Number;
        if (orderChanged && Input.Number != Input.SeenNumber) return RefuseOrder();
        if (orderChanged)
        {
            ModelState.Remove("Input.Number");
            number = Item.Number;
        }
        if (!ModelState.IsValid) return Page();

        Item.Number = number;
        Item.Title = Input.Title!.Trim();
        Item.IsClosed = Input.IsClosed;
        Item.Intro = Clean(Input.Intro);
        Item.Background = Clean(Input.Background);
        Item.Recommendation = Clean(Input.Recommendation);
        Item.CasePresentation = Clean(Input.CasePresentation);
        Item.Decision = Clean(Input.Decision);
        Item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        Item.ConcurrencyStamp = Guid.NewGuid();
        db.Entry(Item).Property(i => i.ConcurrencyStamp).OriginalValue = Input.Stamp;
        try
        {
            await lifecycle.SaveItemChangeAsync(Meeting, UserName, $"Punkt {Item.Number} redigeret: {Item.Title}");
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            return Refuse();
        }
        TempData["Message"] = orderChanged
            ? $"Punkt {Item.Number} er gemt. Bemærk: mødets rækkefølge blev ændret, mens du redigerede, så punktet er nu nummer {Item.Number}."
            : $"Punkt {Item.Number} er gemt.";
        return Redirect($"/sekretariat/punkter/{Item.Id}");
    }

    /// <summary>Live preview of one section, rendered exactly as the public page will (htmx).</summary>
    [RepeatableSubmit("A preview saves nothing and is posted on every keystroke.")]
    public IActionResult OnPostPreview(string field)
    {
        var text = Request.Form[$"Input.{field}"].ToString();
        var html = Markdown.Render(text);
        return Content(string.IsNullOrEmpty(html) ? "<p class=\"muted\">(tom)</p>" : html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostAddGuestAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Guest.Name)) ModelState.AddModelError("Guest.Name", "Skriv gæstens navn.");
        if (Guest.Name?.Length > 200) ModelState.AddModelError("Guest.Name", "Navnet må højst være 200 tegn.");
        if (Guest.Role?.Length > 300) ModelState.AddModelError("Guest.Role", "Rollen må højst være 300 tegn.");
        if (Guest.TimeSlot?.Length > 100) ModelState.AddModelError("Guest.TimeSlot", "Tidsrummet må højst være 100 tegn.");
        if (!ModelState.IsValid)
        {
            Input = FromItem(Item);
            return Page();
        }
        Item.Guests.Add(new ItemGuest
        {
            Name = Guest.Name!.Trim(), Role = Clean(Guest.Role), TimeSlot = Clean(Guest.TimeSlot),
            SortOrder = Item.Guests.Count == 0 ? 0 : Item.Guests.Max(g => g.SortOrder) + 1,
        });
        Touch();
        await lifecycle.SaveItemChangeAsync(Meeting, UserName, $"Gæst tilføjet til punkt {Item.Number}");
        return Done($"{Guest.Name!.Trim()} er tilføjet som gæst.");
    }

    public async Task<IActionResult> OnPostRemoveGuestAsync(int id, int guestId)
    {
        if (!await LoadAsync(id)) return NotFound();
        var guest = Item.Guests.SingleOrDefault(g => g.Id == guestId);
        if (guest is null) return Gone("Gæsten er ikke på punktet (længere).");
        Item.Guests.Remove(guest);
        db.ItemGuests.Remove(guest);
        Touch();
        await lifecycle.SaveItemChangeAsync(Meeting, UserName, $"Gæst fjernet fra punkt {Item.Number}");
        return Done($"{guest.Name} er fjernet.");
    }

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        if (file is null)
        {
            ModelState.AddModelError("file", "Vælg en fil at vedhæfte.");
        }
        else if (file.Length == 0)
        {
            ModelState.AddModelError("file", $"Filen '{file.FileName}' er tom.");
        }
        else if (file.Length > MaxAttachmentBytes)
        {
            ModelState.AddModelError("file", $"Filen '{Path.GetFileName(file.FileName)}' fylder {Danish.FileSize(file.Length)}; grænsen er {Danish.FileSize(MaxAttachmentBytes)}.");
        }
        byte[] bytes = [];
        if (ModelState.IsValid)
        {
            using var ms = new MemoryStream();
            await file!.CopyToAsync(ms);
            bytes = ms.ToArray();
            var check = AttachmentInspector.Inspect(file.FileName, bytes, MaxAttachmentBytes);
            if (!check.Ok) ModelState.AddModelError("file", check.Error!);
        }
        if (!ModelState.IsValid)
        {
            Input = FromItem(Item);
            return Page();
        }

        var name = Path.GetFileName(file!.FileName).Trim();
        if (name.Length > 300) name = name[..200] + Path.GetExtension(name);
        var kind = AttachmentInspector.Allowed[Path.GetExtension(name)];
        var now = clock.GetUtcNow().UtcDateTime;
        // A file uploaded under the name of a missing (imported) attachment fills that entry in.
        var attachment = Item.Attachments.FirstOrDefault(a => a.IsMissing && a.FileName == name);
        if (attachment is null)
        {
            attachment = new Attachment { FileName = name, SortOrder = Item.Attachments.Count == 0 ? 0 : Item.Attachments.Max(a => a.SortOrder) + 1 };
            Item.Attachments.Add(attachment);
        }
        attachment.IsMissing = false;
        attachment.ContentType = kind.ContentType;
        attachment.Size = bytes.Length;
        attachment.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        attachment.AddedAt = now;
        attachment.Content = new AttachmentContent { Bytes = bytes };
        // Read once now, so that the check before publication has the text at hand.
        if (attachment.Id != 0) await db.AttachmentScans.Where(x => x.AttachmentId == attachment.Id).ExecuteDeleteAsync();
        attachment.Scan = scans.Scan(name, bytes);
        Touch();
        await lifecycle.SaveItemChangeAsync(Meeting, UserName, $"Bilag tilføjet til punkt {Item.Number}: {name}");
        return Done($"Bilaget '{name}' er vedhæftet.");
    }

    public async Task<IActionResult> OnPostMoveAttachmentAsync(int id, int attachmentId, int direction)
    {
        if (!await LoadAsync(id)) return NotFound();
        var ordered = Item.Attachments.OrderBy(a => a.SortOrder).ToList();
        var index = ordered.FindIndex(a => a.Id == attachmentId);
        if (index < 0) return Gone("Bilaget hører ikke (længere) til punktet.");
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= ordered.Count) return Done(null);
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++) ordered[i].SortOrder = i;
        Touch();
        await lifecycle.SaveItemChangeAsync(Meeting, UserName, $"Bilag flyttet på punkt {Item.Number}");
        return Done(null);
    }

    private IActionResult Refuse()
    {
        Conflict = Item;
        ModelState.AddModelError("", "Punktet er blevet gemt af en anden, mens du redigerede, så din ændring er ikke gemt. " +
                                     "Din tekst står stadig i felterne. Sammenlign med den gemte version nederst, ret til og gem igen.");
        // The next save deliberately builds on the version the user has now seen.
        Input.Stamp = Item.ConcurrencyStamp;
        return Page();
    }

    /// <summary>The meeting's order changed under a user who also changed this item's number.</summary>
    private IActionResult RefuseOrder()
    {
        ModelState.AddModelError("Input.Number", $"Mødets rækkefølge er blevet ændret af en anden, mens du redigerede: punktet er nu nummer {Item.Number}, " +
                                                 $"ikke {Input.SeenNumber}. Dit nye nummer er ikke gemt, og intet andet heller. Din tekst står stadig i felterne; " +
                                                 "kontrollér nummeret og gem igen.");
        Input.SeenNumber = Item.Number;
        return Page();
    }

    private void Touch()
    {
        Item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        Item.ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>An id that is not the item's (a page left open while it changed, or a tampered form): nothing is done.</summary>
    private IActionResult Gone(string what) =>
        this.RedirectWithError($"/sekretariat/punkter/{Item.Id}", $"{what} Intet er ændret. Siden er hentet igen, så du ser punktet, som det er nu.");

    private IActionResult Done(string? message)
    {
        if (message is not null) TempData["Message"] = message;
        return Redirect($"/sekretariat/punkter/{Item.Id}");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n").Trim();

    private static ItemInput FromItem(AgendaItem i) => new()
    {
        Number = i.Number, Title = i.Title, IsClosed = i.IsClosed, Intro = i.Intro, Background = i.Background,
        Recommendation = i.Recommendation, CasePresentation = i.CasePresentation, Decision = i.Decision, Stamp = i.ConcurrencyStamp,
        SeenNumber = i.Number,
    };

    private async Task<bool> LoadAsync(int id)
    {
        var item = await db.AgendaItems
            .Include(i => i.Meeting).ThenInclude(m => m.Items)
            .Include(i => i.Meeting).ThenInclude(m => m.Body)
            .Include(i => i.Guests)
            .Include(i => i.Attachments)
            .SingleOrDefaultAsync(i => i.Id == id);
        if (item is null) return false;
        Item = item;
        CapacityNotices = await db.CapacityNotices.AsNoTracking().Where(n => n.AgendaItemId == id).OrderBy(n => n.Id)
            .Select(n => new CapacityNoticeLink(n.Id, n.State)).ToListAsync();
        return true;
    }
}

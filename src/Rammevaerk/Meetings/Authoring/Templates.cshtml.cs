using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Meetings.Authoring;

/// <summary>The standard items new meetings start with (Godkendelse af referat, Orienteringer, Eventuelt …).</summary>
public sealed class TemplatesModel(AppDb db) : PageModel
{
    public sealed class TemplateInput
    {
        public int? Id { get; set; }

        [Required(ErrorMessage = "Skriv en titel på standardpunktet.")]
        [MaxText(Limits.Title, "Titlen")]
        public string? Title { get; set; }

        [MaxText(Limits.Text, "Baggrund")]
        public string? Background { get; set; }

        [MaxText(Limits.Text, "Indstilling")]
        public string? Recommendation { get; set; }

        public TemplatePosition Position { get; set; } = TemplatePosition.Last;

        [Range(0, 99, ErrorMessage = "Rækkefølgen skal være mellem {1} og {2}.")]
        public int SortOrder { get; set; }
    }

    public List<ItemTemplate> Templates { get; private set; } = [];

    /// <summary>The form being edited (an existing template, or a new one when Id is null).</summary>
    public TemplateInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int? rediger)
    {
        await LoadAsync();
        if (rediger is int id)
        {
            var t = Templates.SingleOrDefault(x => x.Id == id);
            if (t is null) return NotFound();
            Input = new TemplateInput { Id = t.Id, Title = t.Title, Background = t.Background, Recommendation = t.Recommendation, Position = t.Position, SortOrder = t.SortOrder };
        }
        else
        {
            Input.SortOrder = Templates.Count == 0 ? 0 : Templates.Max(x => x.SortOrder) + 1;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromForm] TemplateInput input)
    {
        Input = input;
        await LoadAsync();
        if (input.Title is not null && string.IsNullOrWhiteSpace(input.Title)) ModelState.AddModelError("Input.Title", "Titlen må ikke være tom.");
        if (!Enum.IsDefined(input.Position)) ModelState.AddModelError("Input.Position", "Vælg, om punktet skal stå først eller sidst.");
        var template = input.Id is int id ? Templates.SingleOrDefault(t => t.Id == id) : null;
        if (input.Id is not null && template is null) ModelState.AddModelError("", "Standardpunktet findes ikke længere.");
        if (!ModelState.IsValid) return Page();

        if (template is null)
        {
            template = new ItemTemplate { Title = "" };
            db.ItemTemplates.Add(template);
        }
        template.Title = input.Title!.Trim();
        template.Background = string.IsNullOrWhiteSpace(input.Background) ? null : input.Background.Replace("\r\n", "\n").Trim();
        template.Recommendation = string.IsNullOrWhiteSpace(input.Recommendation) ? null : input.Recommendation.Replace("\r\n", "\n").Trim();
        template.Position = input.Position;
        template.SortOrder = input.SortOrder;
        await db.SaveChangesAsync();
        TempData["Message"] = $"Standardpunktet \"{template.Title}\" er gemt.";
        return Redirect("/sekretariat/standardpunkter");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var template = await db.ItemTemplates.SingleOrDefaultAsync(t => t.Id == id);
        if (template is null) return this.RedirectWithError("/sekretariat/standardpunkter", "Standardpunktet findes ikke (længere) – det kan være slettet allerede. Intet er ændret.");
        db.ItemTemplates.Remove(template);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Standardpunktet \"{template.Title}\" er slettet. Møder, der allerede har punktet, beholder det.";
        return Redirect("/sekretariat/standardpunkter");
    }

    private async Task LoadAsync() =>
        Templates = await db.ItemTemplates.OrderBy(t => t.Position).ThenBy(t => t.SortOrder).ThenBy(t => t.Id).ToListAsync();
}

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Rammevaerk.Bodies.Admin;
using Rammevaerk.Data;

namespace Rammevaerk.CentralAnnouncements;

/// <summary>
/// The announcement's own fields as the form posts them (text, so a bad date gets a Danish message naming the field
/// instead of vanishing in model binding).
/// </summary>
public sealed class AnnouncementInput
{
    public const int TargetGroupLength = 300;
    public const int RequestLength = 20_000;
    public const int SteeringGroupLength = 1000;

    public string? Title { get; set; }
    public string? TargetGroup { get; set; }
    public string? Request { get; set; }
    public string? SteeringGroup { get; set; }
    public string? Status { get; set; }
    public string? AnnouncedOn { get; set; }
    /// <summary>Only when creating: the first deadline (optional).</summary>
    public string? Deadline { get; set; }

    public AnnouncementStatus? ParsedStatus { get; private set; }
    public DateOnly? ParsedAnnouncedOn { get; private set; }
    public DateOnly? ParsedDeadline { get; private set; }

    public static AnnouncementInput From(CentralAnnouncement a) => new()
    {
        Title = a.Title, TargetGroup = a.TargetGroup, Request = a.Request, SteeringGroup = a.SteeringGroup,
        Status = a.Status.ToString(), AnnouncedOn = a.AnnouncedOn is { } d ? AdminForms.DateValue(d) : null,
    };

    public void Validate(ModelStateDictionary state, string prefix, bool withDeadline)
    {
        void Add(string field, string message) => state.AddModelError($"{prefix}.{field}", message);
        if (string.IsNullOrWhiteSpace(Title)) Add(nameof(Title), "Skriv en titel.");
        else if (Title.Trim().Length > Limits.Title) Add(nameof(Title), $"Titlen må højst være {Limits.Title} tegn.");
        if (string.IsNullOrWhiteSpace(TargetGroup)) Add(nameof(TargetGroup), "Skriv målgruppen.");
        else if (TargetGroup.Trim().Length > TargetGroupLength) Add(nameof(TargetGroup), $"Målgruppen må højst være {TargetGroupLength} tegn.");
        if (Request?.Trim().Length > RequestLength) Add(nameof(Request), Shared.Danish.TooLong("Styrelsens anmodning", RequestLength));
        if (SteeringGroup?.Trim().Length > SteeringGroupLength) Add(nameof(SteeringGroup), Shared.Danish.TooLong("Styregruppen", SteeringGroupLength));
        ParsedStatus = Enum.GetValues<AnnouncementStatus>().Select(s => (AnnouncementStatus?)s).FirstOrDefault(s => s.ToString() == Status);
        if (ParsedStatus is null) Add(nameof(Status), "Vælg en status: udmeldt, under besvarelse, afrapporteret eller afsluttet.");
        if (!string.IsNullOrWhiteSpace(AnnouncedOn))
        {
            ParsedAnnouncedOn = AdminForms.ParseDate(AnnouncedOn);
            if (ParsedAnnouncedOn is null) Add(nameof(AnnouncedOn), "Udmeldt den er ikke en gyldig dato. Skriv den som dd.mm.åååå, eller lad feltet stå tomt.");
        }
        if (withDeadline && !string.IsNullOrWhiteSpace(Deadline))
        {
            ParsedDeadline = AdminForms.ParseDate(Deadline);
            if (ParsedDeadline is null) Add(nameof(Deadline), "Fristen er ikke en gyldig dato. Skriv den som dd.mm.åååå, eller lad feltet stå tomt.");
        }
    }

    public void ApplyTo(CentralAnnouncement a)
    {
        a.Title = Title!.Trim();
        a.TargetGroup = TargetGroup!.Trim();
        a.Request = AdminForms.Clean(Request);
        a.SteeringGroup = AdminForms.Clean(SteeringGroup);
        a.Status = ParsedStatus!.Value;
        a.AnnouncedOn = ParsedAnnouncedOn;
    }
}

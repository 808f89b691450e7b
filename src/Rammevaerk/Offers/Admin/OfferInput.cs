using Microsoft.AspNetCore.Mvc;
using System.ComponentModel.DataAnnotations;

namespace Rammevaerk.Offers.Admin;

/// <summary>The offer form's fields; names bind to "Input.*". Display names make the binder's messages Danish.</summary>
public sealed class OfferInput
{
    /// <summary>The offer's concurrency stamp when the form was opened.</summary>
    public Guid? Stamp { get; set; }
    /// <summary>After a refused save: the stamp of the version the editor has been shown and may overwrite.</summary>
    public Guid? SeenStamp { get; set; }
    public bool Overwrite { get; set; }

    [Display(Name = "Tilbuddets navn")] public string? Name { get; set; }
    /// <summary>"op:{id}", "kommune:{code}", "region" or "ny" (a new private operator).</summary>
    [Display(Name = "Driftsherre")] public string? Operator { get; set; }
    [Display(Name = "Ny privat driftsherres navn")] public string? NewOperatorName { get; set; }
    [Display(Name = "CVR-nr.")] public string? NewOperatorCvr { get; set; }
    [Display(Name = "Adresse")] public string? Address { get; set; }
    [Display(Name = "Postnr.")] public string? PostalCode { get; set; }
    [Display(Name = "By")] public string? City { get; set; }
    [Display(Name = "Tilbudsportalen-id")] public string? PortalId { get; set; }
    [Display(Name = "Status")] public OfferStatus Status { get; set; }
    [Display(Name = "Status fra")] public DateOnly? StatusSince { get; set; }
    [Display(Name = "Lukkedato")] public DateOnly? ClosingDate { get; set; }
    [Display(Name = "Tallene gælder for år")] public int? Year { get; set; }
    [Display(Name = "Begrundelse for ændringen")] public string? Reason { get; set; }
    public List<DepartmentInput> Departments { get; set; } = [];
    public List<BuyerInput> Buyers { get; set; } = [];
}

public sealed class DepartmentInput
{
    public int? Id { get; set; }
    [Display(Name = "Afdelingens navn")] public string? Name { get; set; }
    [Display(Name = "Afdelingsnr.")] public string? PortalKey { get; set; }
    public List<ServiceInput> Services { get; set; } = [];
}

public sealed class ServiceInput
{
    public int? Id { get; set; }
    [Display(Name = "Ydelse")] public string? Name { get; set; }
    [Display(Name = "Paragraf")] public List<string> LegalBases { get; set; } = [];
    [Display(Name = "Målgruppe")] public List<string> TargetGroups { get; set; } = [];
    [Display(Name = "Pladser")] public int? Places { get; set; }
    [Display(Name = "Takst (kr.)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? Rate { get; set; }
    [Display(Name = "Takstenhed")] public RateUnit? RateUnit { get; set; }
    [Display(Name = "Takstår")] public int? RateYear { get; set; }
    [Display(Name = "Serviceniveau (timer pr. borger pr. døgn)"), ModelBinder(typeof(Shared.DanishNumberBinder))] public decimal? ServiceLevelHours { get; set; }
    [Display(Name = "Omfattet af rammeaftalen")] public bool Covered { get; set; } = true;
    [Display(Name = "Begrundelse for takstændring")] public string? RateChangeReason { get; set; }
    [Display(Name = "Bemærkning")] public string? Comment { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && LegalBases.Count == 0 && TargetGroups.Count == 0 && Places is null && Rate is null
        && ServiceLevelHours is null && string.IsNullOrWhiteSpace(RateChangeReason) && string.IsNullOrWhiteSpace(Comment);
}

public sealed class BuyerInput
{
    [Display(Name = "Køberkommune")] public int? MunicipalityCode { get; set; }
    [Display(Name = "Antal borgere")] public int? Citizens { get; set; }
}

using Microsoft.AspNetCore.Identity;
using Rammevaerk.Bodies;

namespace Rammevaerk.Accounts;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>The municipality a municipality user reports for.</summary>
    public int? MunicipalityCode { get; set; }
    /// <summary>The operator (municipality or region) the user reports offers for; null for other users.</summary>
    public int? OperatorId { get; set; }
    /// <summary>The person a member user is; their memberships decide which closed items they read.</summary>
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
}

public static class Roles
{
    public const string Secretariat = "Sekretariat";
    public const string Member = "Medlem";
    public const string Municipality = "Kommune";

    public static readonly string[] All = [Secretariat, Member, Municipality];

    public static string DanishName(string role) => role switch
    {
        Secretariat => "Sekretariat",
        Member => "Medlem (direktør)",
        Municipality => "Kommunal medarbejder",
        _ => role,
    };
}

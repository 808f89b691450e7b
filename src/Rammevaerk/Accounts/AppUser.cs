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
    /// <summary>A disabled user cannot sign in, and their sessions ended when they were disabled.</summary>
    public DateTime? DisabledAt { get; set; }
    public string? DisabledBy { get; set; }
    /// <summary>
    /// A demo or test account whose password is printed (README, start-up): it signs in with that password alone,
    /// and only in the Development and Testing environments.
    /// </summary>
    public bool IsDemoAccount { get; set; }
    /// <summary>The last authenticator time step accepted: a code is good once (ASVS 5.0 V6.5.1).</summary>
    public long? LastTotpStep { get; set; }
    /// <summary>When the account was made (invited); null for accounts from before this was recorded.</summary>
    public DateTime? CreatedAt { get; set; }
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
        Municipality => "Driftsherre (kommune eller region)",
        _ => role,
    };
}

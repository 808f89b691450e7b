using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>Who a request comes from, as the access table tells users apart.</summary>
[Flags]
public enum Audience
{
    None = 0,
    Anonymous = 1,
    /// <summary>Medlem: a director who reads closed items of their bodies.</summary>
    Member = 2,
    /// <summary>Kommune role, for a municipality (as operator and buyer).</summary>
    Municipality = 4,
    /// <summary>Kommune role, for the region as operator.</summary>
    RegionOperator = 8,
    Secretariat = 16,

    Operators = Municipality | RegionOperator,
    SignedIn = Member | Operators | Secretariat,
    Everyone = Anonymous | SignedIn,
}

public static class Audiences
{
    /// <summary>Claim set at sign-in on operator users: the operator's <see cref="Offers.OperatorKind"/>.</summary>
    public const string OperatorKindClaim = "rv:operator-kind";

    /// <summary>The audiences of a user: one per role. A signed-in user without a role counts as the public.</summary>
    public static Audience Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Audience.Anonymous;
        var a = Audience.None;
        if (user.IsInRole(Roles.Secretariat)) a |= Audience.Secretariat;
        if (user.IsInRole(Roles.Member)) a |= Audience.Member;
        if (user.IsInRole(Roles.Municipality))
            a |= user.FindFirstValue(OperatorKindClaim) == nameof(Offers.OperatorKind.Region) ? Audience.RegionOperator : Audience.Municipality;
        return a == Audience.None ? Audience.Anonymous : a;
    }

    public static string Danish(Audience a) => a switch
    {
        Audience.Anonymous => "offentligheden (ikke logget ind)",
        Audience.Member => "medlem",
        Audience.Municipality => "kommune",
        Audience.RegionOperator => "regionen som driftsherre",
        Audience.Secretariat => "sekretariatet",
        _ => a.ToString(),
    };
}

/// <summary>
/// The one declared table of who may open what: every route of the app (Razor Pages and endpoints, by their route
/// template) and the audiences that may use it, for every HTTP method. <see cref="AccessTableMiddleware"/> enforces
/// it on every request, so authorization comes from here and nowhere else (no [Authorize] attributes, no folder
/// conventions); finer rules on the data itself (whose report, which body's closed items) stay in the handlers.
/// A route that is not in the table answers 403 to everyone, and the route-walking test names it.
/// </summary>
/// <remarks>To add a page: add its template (as in its <c>@page</c> directive) with the audiences that may open it.</remarks>
public static class AccessTable
{
    private const Audience Everyone = Audience.Everyone;
    private const Audience SignedIn = Audience.SignedIn;
    private const Audience Secretariat = Audience.Secretariat;
    private const Audience Operators = Audience.Operators;
    private const Audience OperatorsAndSecretariat = Audience.Operators | Audience.Secretariat;

    public static readonly IReadOnlyDictionary<string, Audience> Routes = new Dictionary<string, Audience>(StringComparer.OrdinalIgnoreCase)
    {
        // Publishing: the public site, its feeds, PDFs and open data.
        ["/"] = Everyone,
        ["/fejl/{code:int?}"] = Everyone,
        // Hosting: the load balancer's probes (Hosting/Probes), answered to anyone and never cached.
        ["/healthz/live"] = Everyone,
        ["/healthz/ready"] = Everyone,
        ["/udvalg/{slug?}"] = Everyone,
        ["/moeder/{id:int}"] = Everyone,
        ["/moeder/{id:int}/pdf"] = Everyone,
        ["/moeder/{id:int}/pdf/med-bilag"] = Everyone,
        ["/moeder/{id:int}/pdf/html"] = Secretariat,
        ["/bilag/{id:int}/{name?}"] = Everyone, // closed items' files: members of the body only (MeetingAccess)
        ["/moeder/{id:int}/udkast"] = Audience.Member | Secretariat, // draft minutes: members of the body only (DraftModel)
        ["/abonnement"] = Everyone,
        ["/abonnement/bekraeft/{token}"] = Everyone,
        ["/abonnement/afmeld/{token}"] = Everyone,
        ["/privatlivspolitik"] = Everyone,
        ["/soeg"] = Everyone,
        ["/feeds/kalender.ics"] = Everyone,
        ["/feeds/kalender/{slug}.ics"] = Everyone,
        ["/feeds/atom.xml"] = Everyone,
        ["/feeds/atom/{slug}.xml"] = Everyone,
        ["/oparl"] = Everyone,
        ["/oparl/{**rest}"] = Everyone,
        ["/oparl/v1.1/"] = Everyone,
        ["/oparl/v1.1/{**rest}"] = Everyone,
        ["/oparl/v1.1/system"] = Everyone,
        ["/oparl/v1.1/body"] = Everyone,
        ["/oparl/v1.1/body/{id:int}"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/organization"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/person"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/membership"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/meeting"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/agendaitem"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/file"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/location"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/paper"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/consultation"] = Everyone,
        ["/oparl/v1.1/body/{id:int}/legislativeterm"] = Everyone,
        ["/oparl/v1.1/organization/{id:int}"] = Everyone,
        ["/oparl/v1.1/organization/{id:int}/meeting"] = Everyone,
        ["/oparl/v1.1/person/{id:int}"] = Everyone,
        ["/oparl/v1.1/membership/{id:int}"] = Everyone,
        ["/oparl/v1.1/meeting/{id:int}"] = Everyone,
        ["/oparl/v1.1/agendaitem/{id:int}"] = Everyone,
        ["/oparl/v1.1/paper/{id:int}"] = Everyone,
        ["/oparl/v1.1/consultation/{id:int}"] = Everyone,
        ["/oparl/v1.1/consultation/udenfor/{id:int}"] = Everyone,
        ["/oparl/v1.1/file/{id:int}"] = Everyone,
        ["/oparl/v1.1/file/{id:int}/access"] = Everyone,
        ["/oparl/v1.1/location/{key}"] = Everyone,

        // Accounts: signing in is for everyone; a signed-in user manages their own account; the secretariat the users.
        ["/konto/log-ind"] = Everyone,
        ["/konto/log-ind/kode"] = Everyone,
        ["/konto/log-ind/opsaet"] = Everyone,
        ["/konto/log-ud"] = Everyone,
        ["/konto/ingen-adgang"] = Everyone,
        ["/konto/glemt-adgangskode"] = Everyone,
        ["/konto/ny-adgangskode"] = Everyone,
        ["/konto/laas-op"] = Everyone,
        ["/konto/invitation"] = Everyone,
        ["/konto/ekstern/retur"] = Everyone,
        ["/konto/ekstern/{provider}"] = Everyone,
        ["/konto"] = SignedIn,
        ["/konto/adgangskode"] = SignedIn,
        ["/konto/to-trin"] = SignedIn,
        ["/konto/sessioner"] = SignedIn,
        ["/notifikationer"] = SignedIn,
        ["/sekretariat/brugere"] = Secretariat,
        ["/sekretariat/brugere/{id}"] = Secretariat,
        
        ["/sekretariat/log-ind-indstillinger"] = Secretariat,
        ["/sekretariat/sikkerhedslog"] = Secretariat,
        ["/sekretariat/sikkerhedslog.xlsx"] = Secretariat,
        ["/sekretariat/udbakke"] = Secretariat,
        ["/sekretariat/udbakke/{id:int}"] = Secretariat,

        // Meetings: the secretariat's authoring and import.
        ["/sekretariat"] = Secretariat,
        ["/sekretariat/moeder/nyt"] = Secretariat,
        ["/sekretariat/moeder/{id:int}"] = Secretariat,
        ["/sekretariat/moeder/{id:int}/versioner/{version:int}"] = Secretariat,
        ["/sekretariat/punkter/{id:int}"] = Secretariat,
        ["/sekretariat/punkter/{id:int}/slet"] = Secretariat,
        ["/sekretariat/bilag/{id:int}/slet"] = Secretariat,
        ["/sekretariat/moeder/{id:int}/slet"] = Secretariat,
        ["/sekretariat/moeder/{id:int}/udgiv/{trin}"] = Secretariat,
        ["/sekretariat/moeder/{id:int}/udkast"] = Secretariat,
        ["/sekretariat/moeder/{id:int}/arbejdskopi"] = Secretariat,
        ["/sekretariat/moeder/{id:int}/tilbagetraek"] = Secretariat,
        ["/sekretariat/udgivelser/kontrol"] = Secretariat,
        ["/sekretariat/standardpunkter"] = Secretariat,
        ["/sekretariat/import"] = Secretariat,
        ["/sekretariat/import/{id:int}"] = Secretariat,
        ["/sekretariat/import/fil/{id:int}"] = Secretariat,
        ["/sekretariat/import/spoergsmaal"] = Secretariat,

        // Bodies, appointments, central announcements, annual cycle, follow-ups.
        ["/sekretariat/udvalg"] = Secretariat,
        ["/sekretariat/udvalg/{id:int}"] = Secretariat,
        ["/sekretariat/personer/{id:int}"] = Secretariat,
        ["/udpegninger"] = Everyone,
        ["/sekretariat/udpegninger"] = Secretariat,
        ["/sekretariat/udpegninger/{id:int}"] = Secretariat,
        ["/centrale-udmeldinger"] = Everyone,
        ["/centrale-udmeldinger/{id:int}"] = Everyone,
        ["/centrale-udmeldinger/fil/{id:int}/{name?}"] = Everyone,
        ["/sekretariat/centrale-udmeldinger"] = Secretariat,
        ["/sekretariat/centrale-udmeldinger/{id:int}"] = Secretariat,
        ["/sekretariat/aarshjul"] = Secretariat,
        ["/sekretariat/aarshjul/punkt/{id:int?}"] = Secretariat,
        ["/sekretariat/aarshjul/moedeplan"] = Secretariat,
        ["/sekretariat/opfoelgning"] = Secretariat,
        ["/sekretariat/opfoelgning/ny"] = Secretariat,
        ["/sekretariat/opfoelgning/{id:int}"] = Secretariat,
        ["/sekretariat/opfoelgning/dagsorden/{id:int}"] = Secretariat,
        ["/sekretariat/opfoelgning/breve"] = Secretariat,
        ["/sekretariat/opfoelgning/breve/{id:int}"] = Secretariat,

        // Offers: the public register and the secretariat's maintenance.
        ["/tilbud"] = Everyone,
        ["/tilbud/{id:int}"] = Everyone,
        ["/tilbud/tilbudsliste-{year:int}.xlsx"] = Everyone,
        ["/tilbud/udvikling"] = Everyone,
        ["/tilbud/udvikling.xlsx"] = Everyone,
        ["/tilbud/kapacitet"] = Everyone,
        ["/sekretariat/tilbud"] = Secretariat,
        ["/sekretariat/tilbud/lister"] = Secretariat,
        ["/sekretariat/tilbud/{key}"] = Secretariat,
        ["/sekretariat/tilbud/{id:int}/historik"] = Secretariat,

        // Reporting: operators report their own; the secretariat runs the rounds (and reads every report).
        ["/indberetning"] = OperatorsAndSecretariat,
        ["/indberetning/rapport/{id:int}"] = OperatorsAndSecretariat,
        ["/indberetning/belaegning"] = Operators,
        ["/sekretariat/indberetning"] = Secretariat,
        ["/sekretariat/indberetning/{year:int}"] = Secretariat,
        ["/sekretariat/indberetning/rapport/{id:int}"] = Secretariat,
        ["/sekretariat/belaegning"] = Secretariat,

        // Capacity change notices and early warnings: operators file; other operators and the secretariat read.
        ["/kapacitetsaendringer"] = Everyone,
        ["/kapacitet"] = OperatorsAndSecretariat,
        ["/kapacitet/ny"] = Operators,
        ["/kapacitet/{id:int}"] = OperatorsAndSecretariat,
        ["/kapacitet/{id:int}/bilag/{attachmentId:int}"] = OperatorsAndSecretariat,
        ["/sekretariat/sager"] = Secretariat,
        ["/sekretariat/sager/{id:int}"] = Secretariat,
        ["/sekretariat/kapacitet"] = Secretariat,
        ["/sekretariat/kapacitet/{id:int}"] = Secretariat,
        ["/early-warning"] = OperatorsAndSecretariat,
        ["/early-warning/ny"] = Operators,
        ["/early-warning/{id:int}"] = OperatorsAndSecretariat,
        ["/sekretariat/early-warning"] = Secretariat,
        ["/sekretariat/early-warning/{year:int}"] = Secretariat,
        ["/sekretariat/early-warning/{year:int}/opsamling.xlsx"] = Secretariat,

        // Needs surveys: municipalities answer (the region does not); results are public.
        ["/behovsanalyser"] = Everyone,
        ["/behovsanalyser/{id:int}"] = Everyone,
        ["/behovsanalyser/{id:int}/excel"] = Everyone,
        ["/behovsanalyse"] = Audience.Municipality,
        ["/behovsanalyse/{id:int}"] = Audience.Municipality,
        ["/sekretariat/behovsanalyser"] = Secretariat,
        ["/sekretariat/behovsanalyser/ny"] = Secretariat,
        ["/sekretariat/behovsanalyser/{id:int}"] = Secretariat,
        ["/sekretariat/behovsanalyser/{id:int}/rediger"] = Secretariat,
        ["/sekretariat/behovsanalyser/{id:int}/excel"] = Secretariat,

        // Economics and statistics: decided figures are public; the secretariat calculates.
        ["/oekonomi"] = Everyone,
        ["/oekonomi/{id:int}/{format}"] = Everyone,
        ["/oekonomi/beregning/{id:int}/{format}"] = Everyone,
        ["/sekretariat/befolkning"] = Secretariat,
        ["/sekretariat/oekonomi"] = Secretariat,
        ["/sekretariat/oekonomi/pl-indeks"] = Secretariat,
        ["/sekretariat/oekonomi/{key}"] = Secretariat,
        ["/sekretariat/oekonomi/{id:int}/{format}"] = Secretariat,
        ["/sekretariat/oekonomi/beregning/{id:int}/{format}"] = Secretariat,
        ["/sekretariat/oekonomi/budget/{key}"] = Secretariat,
        ["/sekretariat/oekonomi/takst/{key}"] = Secretariat,
        ["/sekretariat/oekonomi/scenarier/{key}"] = Secretariat,
        ["/sekretariat/oekonomi/garanti/{key}"] = Secretariat,
        ["/sekretariat/oekonomi/fremskrevet-betaling/{key}"] = Secretariat,
        ["/statistik"] = Everyone,
        ["/statistik/{id:int}"] = Everyone,
        ["/statistik/{id:int}/{format}"] = Everyone,
        ["/sekretariat/statistik"] = Secretariat,
        ["/sekretariat/statistik/{key}"] = Secretariat,
        ["/sekretariat/statistik/{id:int}/{format}"] = Secretariat,
    };

    /// <summary>The table's key of an endpoint: its route template with one leading slash.</summary>
    public static string? KeyOf(Endpoint endpoint) =>
        endpoint is RouteEndpoint route ? "/" + (route.RoutePattern.RawText ?? "").TrimStart('/') : null;

    /// <summary>The audiences that may use the route, or null when the table has no row for it.</summary>
    public static Audience? For(string key) => Routes.TryGetValue(key, out var a) ? a : null;

    public static bool Allows(Audience allowed, Audience user) => (allowed & user) != Audience.None;
}

/// <summary>
/// Enforces <see cref="AccessTable"/>: an anonymous reader of a route that is not public is asked to sign in; a
/// signed-in user outside the route's audiences gets 403 (the access-denied page) and an entry in the security
/// log. Runs after authentication, before the endpoint.
/// </summary>
public sealed class AccessTableMiddleware(RequestDelegate next, ILogger<AccessTableMiddleware> log)
{
    public async Task InvokeAsync(HttpContext ctx, AuditLog audit)
    {
        if (ctx.GetEndpoint() is { } endpoint && AccessTable.KeyOf(endpoint) is { } key)
        {
            var user = Audiences.Of(ctx.User);
            var allowed = AccessTable.For(key);
            if (allowed is null) log.LogError("The route {Route} has no row in the access table (Accounts/AccessTable.cs): refused to everyone.", key);
            if (allowed is not Audience a || !AccessTable.Allows(a, user))
            {
                if (user == Audience.Anonymous && ctx.User.Identity?.IsAuthenticated != true)
                {
                    await ctx.ChallengeAsync();
                    return;
                }
                await audit.RecordAsync(SecurityEvents.RefusedRole,
                    $"{key} er for {(allowed is Audience b ? Describe(b) : "ingen (ruten mangler i adgangstabellen)")}; brugeren er {Describe(user)}.", ctx);
                await ctx.ForbidAsync();
                return;
            }
        }
        await next(ctx);
    }

    private static string Describe(Audience a) =>
        a == Audience.Everyone ? "alle"
        : string.Join(", ", new[] { Audience.Anonymous, Audience.Member, Audience.Municipality, Audience.RegionOperator, Audience.Secretariat }
            .Where(x => (a & x) != 0).Select(Audiences.Danish));
}

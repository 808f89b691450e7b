using Microsoft.Extensions.Options;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Accounts;

/// <summary>
/// The e-mails that carry account links, written to the outbox in the caller's transaction. The links hold a
/// single-use token (<see cref="AccountTokens"/>); nothing in them tells more than the person already knows.
/// </summary>
public sealed class AccountMails(Notifier notifier, IOptions<AccountSettings> options, TimeProvider clock)
{
    public const string InvitationTopic = "Invitation til Rammeværk";
    public const string ResetTopic = "Ny adgangskode til Rammeværk";
    public const string UnlockTopic = "Lås log ind op i Rammeværk";

    public Task InvitationAsync(AppUser user, string token, string role, string? where, string invitedBy, CancellationToken ct = default)
    {
        var link = notifier.AbsoluteLink("/konto/invitation?token=" + Uri.EscapeDataString(token));
        var expires = clock.GetUtcNow().UtcDateTime.AddDays(options.Value.InvitationDays);
        var body = $"""
            {Greeting(user)}

            Fælleskommunalt Socialsekretariat har oprettet dig som bruger i Rammeværk: {Roles.DanishName(role).ToLower(Danish.Culture)}{(where is null ? "" : $" for {where}")}.

            Åbn linket for at vælge, hvordan du logger ind – med din organisations log ind eller med en adgangskode:
            {link}

            Linket virker én gang og udløber {Danish.DateAndTime(expires)}. Har du ikke ventet denne invitation, kan du se bort fra den.

            Venlig hilsen
            Fælleskommunalt Socialsekretariat

            Beskeden er sendt automatisk fra Rammeværk på vegne af {invitedBy}.
            """;
        return notifier.EmailAsync(user.Email!, user.DisplayName, "Invitation til Rammeværk", body, InvitationTopic, ct);
    }

    public Task PasswordResetAsync(AppUser user, string token, bool bySecretariat, CancellationToken ct = default)
    {
        var link = notifier.AbsoluteLink("/konto/ny-adgangskode?token=" + Uri.EscapeDataString(token));
        var minutes = options.Value.PasswordResetMinutes;
        var (why, otherwise) = bySecretariat
            ? ("Sekretariatet har nulstillet din adgangskode til Rammeværk. Den gamle virker ikke længere, og du er logget ud alle steder.",
               "Kontakt sekretariatet, hvis du ikke ved, hvorfor adgangskoden er nulstillet.")
            : ("Du (eller nogen, der kender din e-mailadresse) har bedt om en ny adgangskode til Rammeværk.",
               "Har du ikke bedt om det, kan du se bort fra beskeden: din adgangskode er ikke ændret.");
        var body = $"""
            {Greeting(user)}

            {why}

            Vælg en ny adgangskode her:
            {link}

            Linket virker én gang og udløber om {minutes} minutter. {otherwise}

            Venlig hilsen
            Fælleskommunalt Socialsekretariat
            """;
        return notifier.EmailAsync(user.Email!, user.DisplayName, "Ny adgangskode til Rammeværk", body, ResetTopic, ct);
    }

    /// <summary>For a user who may not use a password (their role signs in through a provider) and asked for a reset.</summary>
    public Task NoPasswordAsync(AppUser user, IEnumerable<string> providers, CancellationToken ct = default)
    {
        var body = $"""
            {Greeting(user)}

            Der er bedt om en ny adgangskode til Rammeværk for din e-mailadresse. Din bruger logger ikke ind med en adgangskode, men med {string.Join(" eller ", providers)} – brug knappen på siden Log ind.

            Har du ikke bedt om det, kan du se bort fra beskeden.

            Venlig hilsen
            Fælleskommunalt Socialsekretariat
            """;
        return notifier.EmailAsync(user.Email!, user.DisplayName, "Log ind i Rammeværk", body, ResetTopic, ct);
    }

    public Task UnlockAsync(AppUser user, string token, CancellationToken ct = default)
    {
        var link = notifier.AbsoluteLink("/konto/laas-op?token=" + Uri.EscapeDataString(token));
        var body = $"""
            {Greeting(user)}

            Log ind med din e-mailadresse er midlertidigt spærret efter flere forkerte forsøg. Med linket her kan du logge ind alligevel – med din adgangskode som sædvanligt:
            {link}

            Linket virker én gang og udløber om {options.Value.UnlockMinutes} minutter. Var det ikke dig, der prøvede at logge ind, så prøver en anden måske at gætte din adgangskode: skift den gerne, når du er logget ind, og sig det til sekretariatet.

            Venlig hilsen
            Fælleskommunalt Socialsekretariat
            """;
        return notifier.EmailAsync(user.Email!, user.DisplayName, "Lås log ind op i Rammeværk", body, UnlockTopic, ct);
    }

    private static string Greeting(AppUser user) => string.IsNullOrWhiteSpace(user.DisplayName) ? "Hej," : $"Kære {user.DisplayName},";
}

using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Data;
using Rammevaerk.Notifications;
using Rammevaerk.Shared;

namespace Rammevaerk.Publishing.Subscriptions;

/// <summary>
/// Public subscriptions to a body's agendas and minutes by e-mail, without an account: double opt-in (nothing is
/// sent but the confirmation until the link in it is followed), one-click unsubscribe in every mail (also as
/// List-Unsubscribe for mail programs, RFC 8058). The page never says whether an address is already subscribed, and a
/// confirmation goes to the same address and body at most once per <see cref="ResendAfter"/>, so the form cannot be
/// used to flood someone's mailbox.
/// </summary>
public sealed class SubscriptionService(AppDb db, Notifier notifier, TimeProvider clock)
{
    /// <summary>An unconfirmed request is deleted after this long.</summary>
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromDays(7);

    /// <summary>A confirmation e-mail to the same address and body is not sent again sooner than this.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(15);

    public const int EmailLength = 256;

    public static string ConfirmLink(string root, string token) => $"{root}/abonnement/bekraeft/{token}";

    public static string UnsubscribeLink(string root, string token) => $"{root}/abonnement/afmeld/{token}";

    /// <summary>The address as stored (trimmed, lower case), or a Danish message saying what is wrong with it.</summary>
    public static (string? Email, string? Error) Normalise(string? input)
    {
        var email = input?.Trim();
        if (string.IsNullOrEmpty(email)) return (null, "Skriv din e-mailadresse.");
        if (email.Length > EmailLength) return (null, $"E-mailadressen må højst være {EmailLength} tegn.");
        if (!new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace))
            return (null, "E-mailadressen er ikke gyldig. Skriv den som navn@eksempel.dk.");
        return (email.ToLowerInvariant(), null);
    }

    /// <summary>
    /// Records the request for each body and sends one e-mail with a confirmation link per body not yet confirmed.
    /// Returns how many bodies the e-mail asks to confirm (0 when nothing was sent, which the page does not reveal).
    /// </summary>
    public async Task<int> SubscribeAsync(string email, IReadOnlyCollection<int> bodyIds, string root, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DeleteExpiredAsync(ct);
        var bodies = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new { b.Id, b.Name }).ToListAsync(ct);
        var existing = await db.Subscriptions.Where(s => s.Email == email && bodyIds.Contains(s.BodyId)).ToListAsync(ct);
        var links = new List<(string Body, string Link)>();
        foreach (var body in bodies)
        {
            var s = existing.FirstOrDefault(x => x.BodyId == body.Id);
            if (s is { ConfirmedAt: not null }) continue;
            if (s is not null && s.ConfirmationSentAt > now - ResendAfter) continue;
            if (s is null)
            {
                s = new Subscription { Email = email, BodyId = body.Id, Token = NewToken(), CreatedAt = now };
                db.Subscriptions.Add(s);
            }
            s.ConfirmationSentAt = now;
            links.Add((body.Name, ConfirmLink(root, s.Token)));
        }
        if (links.Count > 0)
        {
            var list = string.Join("\n", links.Select(l => $"- {l.Body}: {l.Link}"));
            var body = "Hej,\n\nNogen (forhåbentlig dig) har bedt om at få en e-mail, når der udgives dagsordener og referater fra " +
                       $"{(links.Count == 1 ? links[0].Body : "disse udvalg")} i Rammeværk.\n\n" +
                       $"Bekræft abonnementet ved at åbne linket{(links.Count == 1 ? "" : "ene")}:\n{list}\n\n" +
                       $"Linkene virker i {ConfirmWithin.Days} dage. Har du ikke bedt om det, så gør ingenting: så sender vi ikke mere.\n\n" +
                       "Venlig hilsen\nFælleskommunalt Socialsekretariat\n";
            await notifier.EmailAsync(email, null, "Bekræft dit abonnement på dagsordener og referater", body, "Bekræftelse af abonnement", ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return links.Count;
    }

    /// <summary>The subscription a link's token names, with its body; null for an unknown or expired token.</summary>
    public async Task<Subscription?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        var s = await db.Subscriptions.Include(x => x.Body).SingleOrDefaultAsync(x => x.Token == token, ct);
        if (s is { ConfirmedAt: null } && s.CreatedAt < clock.GetUtcNow().UtcDateTime - ConfirmWithin) return null;
        return s;
    }

    public async Task<Subscription?> ConfirmAsync(string? token, CancellationToken ct = default)
    {
        var s = await FindAsync(token, ct);
        if (s is null) return null;
        s.ConfirmedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <summary>Deletes the subscription (the address is not kept). Returns the body's name, or null for an unknown token.</summary>
    public async Task<string?> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        var s = await FindAsync(token, ct);
        if (s is null) return null;
        db.Subscriptions.Remove(s);
        await db.SaveChangesAsync(ct);
        return s.Body.Name;
    }

    private Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var limit = clock.GetUtcNow().UtcDateTime - ConfirmWithin;
        return db.Subscriptions.Where(s => s.ConfirmedAt == null && s.CreatedAt < limit).ExecuteDeleteAsync(ct);
    }

    /// <summary>32 random bytes, URL-safe base64 without padding.</summary>
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;

namespace Rammevaerk.Notifications;

/// <summary>Who is told: users by id, every user of an operator, of a municipality, or of a role.</summary>
public abstract record Recipients
{
    private Recipients() { }

    public static Recipients Users(IEnumerable<string> userIds) => new UserIds([.. userIds.Distinct()]);
    public static Recipients OfOperator(int operatorId) => new OperatorUsers(operatorId);
    public static Recipients OfMunicipality(int municipalityCode) => new MunicipalityUsers(municipalityCode);
    public static Recipients InRole(string role) => new RoleUsers(role);

    public sealed record UserIds(IReadOnlyList<string> Ids) : Recipients;
    public sealed record OperatorUsers(int OperatorId) : Recipients;
    public sealed record MunicipalityUsers(int MunicipalityCode) : Recipients;
    public sealed record RoleUsers(string Role) : Recipients;
}

/// <summary>
/// Tells users about something: one in-app <see cref="Notification"/> per user and one e-mail in the outbox per
/// user with an e-mail address.
/// </summary>
/// <remarks>
/// The notifier only <em>adds</em> to the request's <see cref="AppDb"/>; it never saves. The caller saves in its
/// own transaction, so the notifications and e-mails exist exactly when the action that caused them was committed
/// (the transactional outbox). <see cref="OutboxSender"/> delivers the e-mails later, when a mail server is set up.
/// Links are app-relative paths ("/indberetning/2026"); the e-mail carries the absolute link on the site's address
/// (<see cref="Hosting.SiteAddress"/>: <c>Rammevaerk:PublicBaseUrl</c>, else the request's or the server's own).
/// </remarks>
public sealed class Notifier(AppDb db, Hosting.SiteAddress site, TimeProvider clock)
{
    public const int TextLength = 1000;
    public const int SubjectLength = 300;
    public const int LinkLength = 500;

    /// <summary>Notifies the users named by id (unknown ids are skipped). Returns how many users were notified.</summary>
    public Task<int> NotifyUsersAsync(IEnumerable<string> userIds, string subject, string text, string? link, string? topic, CancellationToken ct = default) =>
        NotifyAsync(Recipients.Users(userIds), subject, text, link, topic, ct);

    /// <summary>Notifies every user reporting for the operator (<see cref="AppUser.OperatorId"/>).</summary>
    public Task<int> NotifyOperatorAsync(int operatorId, string subject, string text, string? link, string? topic, CancellationToken ct = default) =>
        NotifyAsync(Recipients.OfOperator(operatorId), subject, text, link, topic, ct);

    /// <summary>Notifies every user of the municipality (<see cref="AppUser.MunicipalityCode"/>).</summary>
    public Task<int> NotifyMunicipalityAsync(int municipalityCode, string subject, string text, string? link, string? topic, CancellationToken ct = default) =>
        NotifyAsync(Recipients.OfMunicipality(municipalityCode), subject, text, link, topic, ct);

    /// <summary>Notifies every user in a role, e.g. <see cref="Roles.Secretariat"/>.</summary>
    public Task<int> NotifyRoleAsync(string role, string subject, string text, string? link, string? topic, CancellationToken ct = default) =>
        NotifyAsync(Recipients.InRole(role), subject, text, link, topic, ct);

    /// <summary>
    /// Adds a notification (<paramref name="text"/>, <paramref name="link"/>) per recipient and an e-mail
    /// (<paramref name="subject"/>, the text and the absolute link) per recipient with an e-mail address.
    /// <paramref name="topic"/> labels the e-mails on the outbox page ("Påmindelse om indberetning 2026").
    /// Nothing is saved: call SaveChanges in the action's transaction. Returns how many users were notified.
    /// </summary>
    /// <exception cref="ArgumentException">The link is not an app-relative path.</exception>
    public async Task<int> NotifyAsync(Recipients recipients, string subject, string text, string? link, string? topic, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        CheckLink(link);

        var users = await UsersOf(recipients)
            .Select(u => new { u.Id, u.Email, Name = u.DisplayName ?? u.UserName })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var u in users)
        {
            db.Notifications.Add(new Notification { UserId = u.Id, Text = Cut(text.Trim(), TextLength), Link = link, CreatedAt = now });
            if (!string.IsNullOrWhiteSpace(u.Email))
                Add(u.Email, u.Name, subject, EmailBody(u.Name, text, link), topic, now);
        }
        return users.Count;
    }

    /// <summary>Adds one e-mail to the outbox (not saved; the caller saves).</summary>
    public Task EmailAsync(string to, string? toName, string subject, string body, string? topic, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Add(to.Trim(), toName, subject, body, topic, clock.GetUtcNow().UtcDateTime);
        return Task.CompletedTask;
    }

    /// <summary>The absolute URL of an app-relative path (<see cref="Hosting.SiteAddress"/>).</summary>
    public string AbsoluteLink(string path) => site.Absolute(path);

    /// <summary>True for a path inside the app: starts with one "/", not "//" or "/\" (which browsers treat as another host).</summary>
    public static bool IsAppPath(string? link) =>
        link is { Length: > 0 } && link[0] == '/' && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'));

    private static void CheckLink(string? link)
    {
        if (link is null) return;
        if (!IsAppPath(link)) throw new ArgumentException($"A notification link must be an app-relative path, not '{link}'.", nameof(link));
        if (link.Length > LinkLength) throw new ArgumentException($"A notification link may be at most {LinkLength} characters.", nameof(link));
    }

    private IQueryable<AppUser> UsersOf(Recipients recipients) => recipients switch
    {
        Recipients.UserIds r => db.Users.Where(u => r.Ids.Contains(u.Id)),
        Recipients.OperatorUsers r => db.Users.Where(u => u.OperatorId == r.OperatorId),
        Recipients.MunicipalityUsers r => db.Users.Where(u => u.MunicipalityCode == r.MunicipalityCode),
        Recipients.RoleUsers r => db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == r.Role))),
        _ => throw new ArgumentOutOfRangeException(nameof(recipients)),
    };

    private string EmailBody(string? name, string text, string? link)
    {
        var body = new StringBuilder();
        body.Append(string.IsNullOrWhiteSpace(name) ? "Hej" : $"Kære {name}").Append(",\n\n");
        body.Append(text.Trim()).Append("\n\n");
        if (link is not null) body.Append("Se mere: ").Append(AbsoluteLink(link)).Append("\n\n");
        body.Append("Venlig hilsen\nFælleskommunalt Socialsekretariat\n\n");
        body.Append("Beskeden er sendt automatisk fra Rammeværk. Du kan også se den under Notifikationer, når du er logget ind.\n");
        return body.ToString();
    }

    private void Add(string to, string? toName, string subject, string body, string? topic, DateTime now) =>
        db.Outbox.Add(new OutboxMessage
        {
            To = Cut(to, 256), ToName = toName is null ? null : Cut(toName, 200),
            Subject = Cut(subject.Trim(), SubjectLength), Body = body,
            Topic = topic is null ? null : Cut(topic, 200), CreatedAt = now,
        });

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

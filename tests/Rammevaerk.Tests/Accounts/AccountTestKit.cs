using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Accounts;

/// <summary>What the account tests share: users made for one test, links read from the outbox, signing out.</summary>
internal static partial class AccountTestKit
{
    public const string Password = "en-lang-adgangskode-til-test";

    /// <summary>
    /// A new user with a password. <paramref name="demo"/> users sign in with the password alone (as the test
    /// accounts do); others meet the real second-factor rules.
    /// </summary>
    public static async Task<string> CreateUserAsync(AppFactory app, string role, bool demo = true, int? operatorId = null, string? personName = null, bool withPassword = true)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.dk";
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test " + role, IsDemoAccount = demo,
            MunicipalityCode = role == Roles.Municipality && operatorId is null ? TestAccounts.MunicipalityCode : null,
            OperatorId = operatorId,
            PersonId = role == Roles.Member ? await db.Persons.Where(p => p.Name == (personName ?? TestAccounts.MemberPersonName)).Select(p => (int?)p.Id).FirstAsync() : null,
        };
        var created = withPassword ? await users.CreateAsync(user, Password) : await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    public static async Task<string> UserIdAsync(AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The app path of the newest link to <paramref name="path"/> in an e-mail to <paramref name="email"/>, or null.</summary>
    public static async Task<string?> LatestLinkAsync(AppFactory app, string email, string path)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var bodies = await db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).Select(m => m.Body).ToListAsync();
        return bodies.Select(b => Link().Match(b)).Where(m => m.Success && m.Value.StartsWith(path, StringComparison.Ordinal)).Select(m => m.Value).FirstOrDefault();
    }

    public static async Task<int> MailCountAsync(AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Outbox.CountAsync(m => m.To == email);
    }

    /// <summary>Signs out through the header's form (POST /konto/log-ud with the page's antiforgery token).</summary>
    public static async Task SignOutAsync(HttpClient client)
    {
        using var response = await client.PostFormAsync("/konto", new Dictionary<string, string>(), "/konto/log-ud");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>True when the client is signed in: /notifikationer opens instead of sending it to sign in.</summary>
    public static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/notifikationer");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The entries of the security log with this action for this user (as actor or in the detail), newest first.</summary>
    public static async Task<List<Rammevaerk.Notifications.AuditEntry>> LogAsync(AppFactory app, string action, string who)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().AuditLog
            .Where(e => e.Action == action && ((e.UserName != null && e.UserName == who) || (e.Detail != null && e.Detail.Contains(who))))
            .OrderByDescending(e => e.Id).ToListAsync();
    }

    /// <summary>
    /// Posts the secretariat's sign-in settings: passwords allowed for every role but <paramref name="passwordsOff"/>,
    /// roles taken from <paramref name="rolesFrom"/>, the own code required for <paramref name="codeFor"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInSettingsAsync(
        HttpClient secretariat, string[]? passwordsOff = null, string[]? rolesFrom = null, string[]? codeFor = null)
    {
        var page = await secretariat.GetDocumentAsync("/sekretariat/log-ind-indstillinger");
        var fields = new List<KeyValuePair<string, string>> { new(Browserless.AntiforgeryField, page.AntiforgeryToken()) };
        fields.AddRange(Roles.All.Except(passwordsOff ?? []).Select(r => new KeyValuePair<string, string>("password", r)));
        fields.AddRange((rolesFrom ?? []).Select(p => new KeyValuePair<string, string>("roles", p)));
        fields.AddRange((codeFor ?? []).Select(p => new KeyValuePair<string, string>("code", p)));
        return await secretariat.PostAsync("/sekretariat/log-ind-indstillinger", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex(@"/konto/[a-z\-]+\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex Link();
}

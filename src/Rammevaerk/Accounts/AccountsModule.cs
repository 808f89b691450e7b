using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Rammevaerk.Data;

namespace Rammevaerk.Accounts;

/// <summary>
/// Accounts: Identity with OWASP ASVS 5.0 level 2 password rules; server-side sessions; sign-in by password or by
/// OpenID Connect providers from the settings, with a second factor where needed (<see cref="SignInFlow"/>);
/// invitations, resets and unlocks by single-use links; growing delays and rate limits against guessing; the
/// access table every route is checked against (<see cref="AccessTable"/>); the security log's retention.
/// </summary>
public static class AccountsModule
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    /// <summary>Rate-limiting policy of the sign-in forms (per IP; per address is counted in the handler).</summary>
    public const string SignInLimit = "sign-in";
    /// <summary>Rate-limiting policy of the forms that send links or set a password from one.</summary>
    public const string LinkLimit = "account-links";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AccountSettings>().Bind(config.GetSection(AccountSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountSettings>, AccountSettingsValidator>();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                // ASVS 5.0 V6.2: at least 8 characters, no composition rules, long passphrases allowed,
                // checked against common passwords (CommonPasswordValidator).
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Failed attempts are counted per typed address by SignInGuard (growing delays, unlock by e-mail),
                // not by Identity's fixed lock-out, which only existing accounts would show.
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddUserStore<AppUserStore>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<DanishIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();

        var absolute = TimeSpan.FromHours(config.GetValue($"{AccountSettings.Section}:AbsoluteHours", 10));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/konto/log-ind";
            o.LogoutPath = "/konto/log-ud";
            o.AccessDeniedPath = "/konto/ingen-adgang";
            o.Cookie.Name = "rammevaerk.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The server-side session decides (idle and absolute); the cookie itself never outlives the absolute limit.
            o.ExpireTimeSpan = absolute;
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = SessionStore.ValidateAsync;
        });
        services.AddExternalProviders(config);

        services.AddScoped<SessionStore>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<AccountTokens>();
        services.AddScoped<AccountMails>();
        services.AddScoped<SignInFlow>();
        services.AddScoped<TwoFactor>();
        services.AddScoped<SignInRules>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<AccountRateLimits>();
        services.AddHostedService<AccountsHousekeeping>();
        services.Configure<MvcOptions>(o => o.Filters.Add<RecordNonPublicExports>());
        services.AddScoped<RecordNonPublicExports>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask; // the status code page (/fejl/429) writes the Danish page
            };
            o.AddPolicy(SignInLimit, http => PerIp(http, s => s.SignInPerIpPerMinute));
            o.AddPolicy(LinkLimit, http => PerIp(http, s => s.LinksPerIpPerMinute));
        });
        return services;
    }

    /// <summary>After authentication: the access table on every route, then the rate limits of the account forms.</summary>
    public static IApplicationBuilder UseAccounts(this IApplicationBuilder app) =>
        app.UseMiddleware<AccessTableMiddleware>().UseRateLimiter();

    /// <summary>One fixed window per client address for posts; reading the forms is never limited.</summary>
    private static RateLimitPartition<string> PerIp(HttpContext http, Func<RateLimitSettings, int> limit)
    {
        if (!HttpMethods.IsPost(http.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
        var permits = limit(http.RequestServices.GetRequiredService<IOptions<AccountSettings>>().Value.RateLimits);
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{ip}|{permits}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });
    }
}

/// <summary>
/// The per-address limit of the sign-in form, in ASP.NET Core's rate limiter: the address is only known once the
/// form is read, so the handler asks (<see cref="TryAcquire"/>). Per node, like the per-IP limit; the lock-out
/// (<see cref="SignInGuard"/>) is in the database and holds across nodes.
/// </summary>
public sealed class AccountRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> perAccount;

    public AccountRateLimits(IOptions<AccountSettings> options)
    {
        var permits = options.Value.RateLimits.SignInPerAccountPerMinute;
        perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));
    }

    public bool TryAcquire(string email)
    {
        using var lease = perAccount.AttemptAcquire(SignInGuard.AddressKey(email));
        return lease.IsAcquired;
    }

    public void Dispose() => perAccount.Dispose();
}

/// <summary>Rejects passwords found in a list of commonly used passwords, and passwords that are too long.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>
    /// Words of this system and its domain (ASVS 5.0 V6.1.2, V6.2.11): a password that is one of them, with or without
    /// digits and signs around it, is refused, as is one built on the user's own e-mail name.
    /// </summary>
    public static readonly string[] ContextWords =
    [
        "rammevaerk", "rammeværk", "rammeaftale", "socialsekretariat", "socialsekretariatet", "sekretariat", "sekretariatet",
        "socialdirektoerforum", "socialdirektørforum", "forretningsudvalget", "syddanmark", "regionsyddanmark", "kommune",
        "driftsherre", "indberetning", "tilbudsliste", "socialdirektoer", "socialdirektør", "adgangskode", "password",
    ];

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    /// <summary>True when the password's letters alone are a context word or the user's e-mail name ("Rammevaerk2026!").</summary>
    public static bool IsContextWord(string password, string? email)
    {
        var letters = new string(password.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        if (letters.Length == 0) return false;
        if (ContextWords.Contains(letters, StringComparer.Ordinal)) return true;
        var name = email?.Split('@')[0].ToLowerInvariant();
        var nameLetters = name is null ? "" : new string(name.Where(char.IsLetter).ToArray());
        return nameLetters.Length >= 4 && letters == nameLetters;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        if (password.Length > AccountsModule.MaxPasswordLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Adgangskoden må højst være {AccountsModule.MaxPasswordLength} tegn.",
            }));
        }
        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordCommon",
                Description = "Adgangskoden er for almindelig – den findes på listen over ofte brugte adgangskoder. Vælg gerne en længere sætning.",
            }));
        }
        if (IsContextWord(password, user.Email))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContext",
                Description = "Adgangskoden er for let at gætte – den bygger på dit navn, Rammeværk eller et ord fra sekretariatets arbejde. Vælg gerne en sætning.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Rammevaerk.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        }
        return set;
    }
}

public sealed class DanishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Adgangskoden skal være mindst {length} tegn." };
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"E-mailadressen {email} er allerede i brug." };
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Brugernavnet {userName} er allerede i brug." };
    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"E-mailadressen '{email}' er ikke gyldig." };
    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"Brugernavnet '{userName}' er ikke gyldigt." };
    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Forkert adgangskode." };
    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Brugeren er ændret af en anden imens. Prøv igen." };
    public override IdentityError LoginAlreadyAssociated() =>
        new() { Code = nameof(LoginAlreadyAssociated), Description = "Denne konto hos udbyderen er allerede knyttet til en anden bruger." };
    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Der opstod en fejl." };
}

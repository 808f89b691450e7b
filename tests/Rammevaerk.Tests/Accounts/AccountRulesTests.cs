using System.Security.Claims;
using Rammevaerk.Accounts;

namespace Rammevaerk.Tests.Accounts;

/// <summary>The pure rules of accounts: delays, Entra's issuer, the settings' checks, return addresses, audiences.</summary>
public sealed class AccountRulesTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(500, 60)]
    public void Failures_grow_into_doubling_delays_up_to_the_ceiling(int failures, int? minutes)
    {
        Assert.Equal(minutes is int m ? TimeSpan.FromMinutes(m) : null, LockoutSchedule.Delay(failures, freeAttempts: 5, maxMinutes: 60));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/tenant-a/v2.0", "tenant-a", true)]
    [InlineData("https://login.microsoftonline.com/TENANT-A/v2.0", "tenant-a", true)]
    [InlineData("https://login.microsoftonline.com/tenant-b/v2.0", "tenant-b", false)] // not on the list
    [InlineData("https://login.microsoftonline.com/tenant-b/v2.0", "tenant-a", false)] // issuer and tid disagree
    [InlineData("https://evil.example/tenant-a/v2.0", "tenant-a", false)]
    [InlineData("https://login.microsoftonline.com/tenant-a/v2.0", null, false)]
    public void Entra_multi_tenant_issuer_must_be_an_allowed_tenants_own(string issuer, string? tid, bool valid)
    {
        Assert.Equal(valid, EntraIssuer.IsValid(issuer, tid, ["tenant-a", "tenant-c"]));
    }

    [Fact]
    public void The_settings_refuse_an_open_multi_tenant_provider_a_secretariat_role_map_and_half_a_provider()
    {
        var settings = new AccountSettings
        {
            IdleMinutes = 0,
            Providers =
            {
                ["alle"] = new ProviderSettings { EntraTenantId = "organizations", ClientId = "x" },
                ["roller"] = new ProviderSettings { Authority = "https://idp.example.dk", ClientId = "x", RoleClaim = "roles", RoleMap = { ["admins"] = Roles.Secretariat } },
                ["halv"] = new ProviderSettings { Authority = "https://idp.example.dk" },
                ["Store Bogstaver"] = new ProviderSettings { Authority = "https://idp.example.dk", ClientId = "x" },
            },
        };

        var result = new AccountSettingsValidator().Validate(null, settings);

        Assert.True(result.Failed);
        var text = string.Join('\n', result.Failures!);
        Assert.Contains("Accounts:IdleMinutes must be at least 1", text);
        Assert.Contains("Accounts:Providers:alle: a multi-tenant Entra ID provider needs AllowedTenantIds", text);
        Assert.Contains("Accounts:Providers:roller:RoleMap:admins: the secretariat's role is never given by a provider", text);
        Assert.Contains("Accounts:Providers:halv:ClientId is required", text);
        Assert.Contains("Accounts:Providers:Store Bogstaver: the name may hold only", text);
    }

    [Fact]
    public void A_single_tenant_Entra_provider_allows_its_own_tenant_and_the_defaults_are_sensible()
    {
        var p = new ProviderSettings { EntraTenantId = "1111-2222", ClientId = "x" };
        var s = new AccountSettings();

        Assert.Equal("https://login.microsoftonline.com/1111-2222/v2.0", p.EffectiveAuthority);
        Assert.Equal(["1111-2222"], p.Tenants);
        Assert.Equal(["mfa"], p.EffectiveMfaValues);
        Assert.Equal((30, 10), (s.IdleMinutes, s.AbsoluteHours));
        Assert.True(new AccountSettingsValidator().Validate(null, s).Succeeded);
    }

    [Theory]
    [InlineData("/moeder/12", "/moeder/12")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/konto/log-ind", "/")]
    [InlineData(null, "/")]
    public void Only_local_return_addresses_are_followed(string? returnUrl, string expected)
    {
        Assert.Equal(expected, SignInFlow.SafeReturn(returnUrl));
    }

    [Fact]
    public void A_user_of_the_region_as_operator_is_told_apart_from_a_municipality_user()
    {
        static ClaimsPrincipal User(params Claim[] claims) => new(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role));

        Assert.Equal(Audience.Anonymous, Audiences.Of(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Equal(Audience.RegionOperator, Audiences.Of(User(new Claim(ClaimTypes.Role, Roles.Municipality), new Claim(Audiences.OperatorKindClaim, "Region"))));
        Assert.Equal(Audience.Municipality, Audiences.Of(User(new Claim(ClaimTypes.Role, Roles.Municipality), new Claim(Audiences.OperatorKindClaim, "Municipality"))));
        Assert.Equal(Audience.Member | Audience.Secretariat, Audiences.Of(User(new Claim(ClaimTypes.Role, Roles.Member), new Claim(ClaimTypes.Role, Roles.Secretariat))));
        Assert.Equal(Audience.Anonymous, Audiences.Of(User(new Claim(ClaimTypes.Name, "uden-rolle"))));
    }

    [Theory]
    [InlineData("Rammevaerk2026!", "anna@kommune.dk", true)]
    [InlineData("syddanmark", "anna@kommune.dk", true)]
    [InlineData("anna.hansen#1", "anna.hansen@kommune.dk", true)]
    [InlineData("anna hansens lange sætning", "anna.hansen@kommune.dk", false)]
    [InlineData("direktoer-demo-2026", "direktoer@demo.rammevaerk.dk", false)]
    [InlineData("12345678", "anna@kommune.dk", false)]
    public void Passwords_built_on_the_systems_words_or_the_users_own_name_are_refused(string password, string email, bool refused)
    {
        Assert.Equal(refused, CommonPasswordValidator.IsContextWord(password, email));
    }

    [Theory]
    [InlineData("abcde-12345", "ABCDE12345")]
    [InlineData(" ABCDE 12345 ", "ABCDE12345")]
    public void Recovery_codes_are_read_in_any_case_with_or_without_the_dash(string typed, string normalized)
    {
        Assert.Equal(normalized, AppUserStore.NormalizeCode(typed));
    }
}

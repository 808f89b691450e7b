using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Accounts;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Accounts;

/// <summary>OWASP ASVS 5.0 level 2 password rules and lock-out, which the framework's defaults do not give.</summary>
public abstract class PasswordAndLockoutTests(AppFactory app)
{
    private async Task<IdentityResult> CreateAsync(string email, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CreateAsync(new AppUser { UserName = email, Email = email }, password);
    }

    [Theory]
    [InlineData("kort", "mindst 8 tegn")]
    [InlineData("password1", "for almindelig")]
    [InlineData("Qwertyuiop", "for almindelig")]
    [InlineData("velkommen123", "for almindelig")]
    public async Task Short_or_common_passwords_are_refused_in_Danish(string password, string message)
    {
        var result = await CreateAsync($"{Guid.NewGuid():N}@test.dk", password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.Contains(message));
    }

    [Theory]
    [InlineData("alleslags")] // 9 lower-case letters: no composition rules
    [InlineData("en lang sætning om møder i Middelfart, der er nem at huske og svær at gætte")]
    public async Task Long_passphrases_without_character_classes_are_accepted(string password)
    {
        var result = await CreateAsync($"{Guid.NewGuid():N}@test.dk", password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Password_over_256_characters_is_refused()
    {
        var result = await CreateAsync($"{Guid.NewGuid():N}@test.dk", new string('m', 257) + "x");

        Assert.True(result.Errors.Any(e => e.Description.Contains("højst være 256 tegn")), string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        var email = $"{Guid.NewGuid():N}@test.dk";
        Assert.True((await CreateAsync(email, "rigtig-adgangskode-til-test")).Succeeded);
        var client = app.CreateAnonymousClient();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await AppFactory.SubmitSignInAsync(client, email, "forkert-adgangskode");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var right = await AppFactory.SubmitSignInAsync(client, email, "rigtig-adgangskode-til-test");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("midlertidigt spærret", (await right.ReadDocumentAsync()).Text());
    }
}

public sealed class PasswordAndLockoutTestsOnSqlite(SqliteAppFactory app) : PasswordAndLockoutTests(app), IClassFixture<SqliteAppFactory>;

public sealed class PasswordAndLockoutTestsOnPostgres(PostgresAppFactory app) : PasswordAndLockoutTests(app), IClassFixture<PostgresAppFactory>;

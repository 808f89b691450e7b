using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Data;
using Rammevaerk.Demo;
using Rammevaerk.Meetings.Import;

namespace Rammevaerk;

/// <summary>
/// Administration from the command line: <c>dotnet run --project src/Rammevaerk -- COMMAND</c>.
/// </summary>
internal static class Commands
{
    private const string Usage = """
        Kommandoer:
          migrate                                   opdaterer databasen til nyeste skema
          create-secretariat --email E --name NAVN  opretter en sekretariatskonto; adgangskoden læses fra
                                                    RAMMEVAERK_PASSWORD eller fra standard input
          reset-two-factor --email E                slår en brugers to-trinsbekræftelse fra og logger brugeren ud
                                                    (mistet telefon, når ingen i sekretariatet kan gøre det)
          import-minutes FIL [--body UDVALG]        importerer et referat (PDF-tekst eller webside-tekst)
          load-demo-data                            indlæser referencedata og demodata
        """;

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=')) return false;
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await sp.GetRequiredService<AppDb>().Database.MigrateAsync();
                    Console.WriteLine("Databasen er opdateret.");
                    break;
                case "create-secretariat":
                    await CreateSecretariatAsync(sp, args);
                    break;
                case "reset-two-factor":
                    await ResetTwoFactorAsync(sp, args);
                    break;
                case "import-minutes":
                    await ImportMinutesAsync(sp, args);
                    break;
                case "load-demo-data":
                    await sp.GetRequiredService<DemoData>().LoadAsync();
                    Console.WriteLine("Demodata er indlæst.");
                    break;
                default:
                    Console.Error.WriteLine($"Ukendt kommando '{args[0]}'.\n{Usage}");
                    Environment.ExitCode = 2;
                    break;
            }
        }
        catch (CommandException e)
        {
            Console.Error.WriteLine(e.Message);
            Environment.ExitCode = 1;
        }
        return true;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task CreateSecretariatAsync(IServiceProvider sp, string[] args)
    {
        var email = Option(args, "--email") ?? throw new CommandException("Angiv --email.");
        var name = Option(args, "--name") ?? email;
        var password = Environment.GetEnvironmentVariable("RAMMEVAERK_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            Console.Write("Adgangskode: ");
            password = Console.ReadLine();
        }
        if (string.IsNullOrEmpty(password)) throw new CommandException("Ingen adgangskode angivet.");

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Secretariat)) await roles.CreateAsync(new IdentityRole(Roles.Secretariat));
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new CommandException("Kontoen blev ikke oprettet: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Secretariat);
        Console.WriteLine($"Sekretariatskontoen {email} er oprettet.");
    }

    private static async Task ResetTwoFactorAsync(IServiceProvider sp, string[] args)
    {
        var email = Option(args, "--email") ?? throw new CommandException("Angiv --email.");
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new CommandException($"Der er ingen bruger med e-mailadressen {email}.");
        var db = sp.GetRequiredService<AppDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await sp.GetRequiredService<TwoFactor>().DisableAsync(user);
        var ended = await sp.GetRequiredService<SessionStore>().EndAllAsync(user.Id, SessionEnd.TwoFactorChanged, "kommandolinje");
        db.AuditLog.Add(new Notifications.AuditEntry
        {
            At = DateTime.UtcNow, UserName = "kommandolinje", Action = Notifications.SecurityEvents.TwoFactorChanged,
            Detail = $"{email}: to-trinsbekræftelse nulstillet fra kommandolinjen; {ended} sessioner afsluttet",
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Console.WriteLine($"To-trinsbekræftelsen for {email} er slået fra. Kræver rollen den, sætter brugeren en ny app op ved næste log ind.");
    }

    private static async Task ImportMinutesAsync(IServiceProvider sp, string[] args)
    {
        if (args.Length < 2) throw new CommandException("Angiv filen: import-minutes FIL [--body UDVALG].");
        var path = args[1];
        if (!File.Exists(path)) throw new CommandException($"Filen '{path}' findes ikke.");
        int? bodyId = null;
        if (Option(args, "--body") is { } bodyName)
        {
            var db = sp.GetRequiredService<AppDb>();
            var bodies = await db.Bodies.ToListAsync();
            bodyId = bodies.FirstOrDefault(b => string.Equals(b.Name, bodyName, StringComparison.CurrentCultureIgnoreCase)
                                                || string.Equals(b.ShortName, bodyName, StringComparison.CurrentCultureIgnoreCase)
                                                || b.Slug == bodyName)?.Id
                     ?? throw new CommandException($"Udvalget '{bodyName}' findes ikke.");
        }
        try
        {
            var result = await sp.GetRequiredService<MinutesImporter>().ImportAsync(await File.ReadAllTextAsync(path), bodyId, "kommandolinje");
            Console.WriteLine($"{(result.Created ? "Oprettet" : "Opdateret")}: møde {result.MeetingId} med {result.Parsed.Items.Count} punkter.");
            foreach (var n in result.Parsed.Notes)
            {
                Console.WriteLine($"  - {(n.ItemNumber is int i ? $"Punkt {i}: " : "")}{n.Message}");
            }
        }
        catch (ImportRejectedException e)
        {
            throw new CommandException(e.Message);
        }
    }

    private sealed class CommandException(string message) : Exception(message);
}

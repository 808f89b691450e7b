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
          import-minutes STI... [--body UDVALG] [--apply] [--replace [--replace-shortening]]
                                                    viser, hvad import af referater (PDF, .html, .txt; en fil,
                                                    en mappe eller en zip-fil) vil gøre; --apply skriver nye
                                                    møder og nye punkter, --replace erstatter også ændrede punkter,
                                                    men ikke punkter, hvor en tekst bliver meget kortere, uden
                                                    --replace-shortening
          load-demo-data                            indlæser referencedata og demodata
        """;

    private static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    /// <summary>
    /// A command's console output is its Danish report. EF Core's own log lines (the migration warning about PRAGMA
    /// outside a transaction on SQLite, the failed probe for the migrations table on a fresh PostgreSQL, logged as an
    /// Error although the migration then succeeds) would be mixed into it and read as failures; a command reports
    /// its own failures (and an unexpected one still ends the command with its exception).
    /// </summary>
    public static void QuietLogging(ILoggingBuilder logging, string[] args)
    {
        if (!IsCommand(args)) return;
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
    }

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (!IsCommand(args)) return false;
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        try
        {
            var database = sp.GetRequiredService<AppDb>().Database;
            // As the web app does: Development brings its own database up to date, elsewhere that is the migrate command's job.
            if (args[0] != "migrate" && app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment()))
                await database.MigrateAsync();
            if (args[0] != "migrate" && (await database.GetPendingMigrationsAsync()).Any())
                throw new CommandException("Databasen er ikke oprettet eller ikke opdateret til denne version. Kør først kommandoen migrate "
                    + "(og kontrollér ConnectionStrings__Default og ASPNETCORE_ENVIRONMENT, så det er den rigtige database).");
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
                    await ImportMinutesAsync(sp, args, Console.Out);
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
            At = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, UserName = "kommandolinje", Action = Notifications.SecurityEvents.TwoFactorChanged,
            Detail = $"{email}: to-trinsbekræftelse nulstillet fra kommandolinjen; {ended} sessioner afsluttet",
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Console.WriteLine($"To-trinsbekræftelsen for {email} er slået fra. Kræver rollen den, sætter brugeren en ny app op ved næste log ind.");
    }

    /// <summary>
    /// Imports archived minutes. A dry run by default: it reports per file what would happen and writes nothing.
    /// <c>--apply</c> creates new meetings (and bodies the texts name, saying so) and adds new items to meetings that
    /// exist; changed items are replaced only with <c>--replace</c>. Items missing from a text are never removed.
    /// </summary>
    internal static async Task ImportMinutesAsync(IServiceProvider sp, string[] args, TextWriter? output = null)
    {
        var console = output ?? Console.Out;
        string[] flags = ["--apply", "--replace", "--replace-shortening"];
        var paths = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--body") { i++; continue; }
            if (flags.Contains(args[i])) continue;
            if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new CommandException($"Ukendt tilvalg '{args[i]}'.");
            paths.Add(args[i]);
        }
        if (paths.Count == 0) throw new CommandException("Angiv filen eller mappen: import-minutes STI... [--body UDVALG] [--apply] [--replace].");
        bool apply = args.Contains("--apply"), replace = args.Contains("--replace"), replaceShortening = args.Contains("--replace-shortening");
        if (replace && !apply) throw new CommandException("--replace skriver og kræver derfor også --apply.");
        if (replaceShortening && !replace) throw new CommandException("--replace-shortening gælder kun sammen med --replace (og --apply).");
        var db = sp.GetRequiredService<AppDb>();
        int? bodyId = null;
        if (Option(args, "--body") is { } bodyName)
        {
            var bodies = await db.Bodies.ToListAsync();
            bodyId = bodies.FirstOrDefault(b => string.Equals(b.Name, bodyName, StringComparison.CurrentCultureIgnoreCase)
                                                || string.Equals(b.ShortName, bodyName, StringComparison.CurrentCultureIgnoreCase)
                                                || b.Slug == bodyName)?.Id
                     ?? throw new CommandException($"Udvalget '{bodyName}' findes ikke.");
        }

        var entries = new List<UploadEntry>();
        var refused = new List<RefusedEntry>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    Add(file, Path.GetRelativePath(path, file));
            }
            else if (File.Exists(path))
            {
                Add(path, Path.GetFileName(path));
            }
            else
            {
                throw new CommandException($"Filen eller mappen '{path}' findes ikke.");
            }
        }
        void Add(string file, string shown)
        {
            var info = new FileInfo(file);
            if (info.Length > SourceFiles.MaxFileBytes && !file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(new RefusedEntry(shown, $"Filen fylder {Shared.Danish.FileSize(info.Length)}; grænsen er {Shared.Danish.FileSize(SourceFiles.MaxFileBytes)}."));
                return;
            }
            var (files, bad) = SourceFiles.Expand(shown, File.ReadAllBytes(file));
            entries.AddRange(files);
            refused.AddRange(bad);
        }

        var importer = sp.GetRequiredService<MinutesImporter>();
        var today = DateOnly.FromDateTime(Shared.Danish.ToLocal(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        console.WriteLine(apply ? "Import (skriver):" : "Prøvekørsel – intet skrives. Brug --apply for at importere (og --replace for også at erstatte ændrede punkter).");
        int accepted = 0, refusedCount = refused.Count, waiting = 0;
        var seen = new Dictionary<string, string>();
        foreach (var entry in entries)
        {
            console.WriteLine($"\n{entry.Name}");
            string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entry.Bytes));
            if (seen.TryGetValue(hash, out var twin))
            {
                console.WriteLine($"  Dublet: samme fil som {twin}; springes over.");
                continue;
            }
            seen[hash] = entry.Name;
            try
            {
                var doc = SourceFiles.Read(entry.Name, entry.Bytes);
                var parsed = await importer.ParseAsync(doc.Text);
                var plan = await importer.PlanAsync(parsed, bodyId);
                console.WriteLine($"  {parsed.Title} – {plan.BodyName ?? "udvalg ukendt"} – {ImportReports.When(parsed)}");
                console.WriteLine($"  Format: {ImportReports.LayoutName(parsed.Layout)}; {parsed.Items.Count} punkter ({parsed.Items.Count(i => !i.NoSourceText)} med tekst)" +
                                  $"{(parsed.ListedCount > 0 ? $", {parsed.ListedCount} i kildens punktliste" : ", ingen punktliste i kilden")}; " +
                                  $"{parsed.Lines.OnMeeting} af {parsed.Lines.NonBlankLines + doc.PreDropped.Count} kildelinjer på mødet, " +
                                  $"{parsed.Lines.Dropped.Count + doc.PreDropped.Count} stykker sidefyld udeladt.");
                foreach (var g in parsed.Lines.Dropped.Concat(doc.PreDropped).GroupBy(d => d.Kind))
                    console.WriteLine($"    udeladt {g.Key}: {g.Count()}");
                foreach (var q in parsed.Questions)
                    console.WriteLine($"  ? {ImportReports.QuestionKindName(q.Kind)}{(q.ItemNumber is int n ? $", punkt {n}" : "")}: {q.Text}");
                if (plan.BodyId is null)
                    console.WriteLine(apply ? $"  Udvalget \"{plan.BodyName}\" findes ikke og oprettes under tekstens navn."
                                            : $"  Udvalget \"{plan.BodyName}\" findes ikke; det oprettes under tekstens navn med --apply.");
                if (!plan.IsNew)
                {
                    console.WriteLine($"  Mødet findes allerede (møde {plan.ExistingMeetingId}). Sammenligning:");
                    foreach (var d in plan.Differences)
                        console.WriteLine($"    {d.Number}. {d.Title}: {ImportComparison.Danish(d.Change)}{(d.Describe() is { Length: > 0 } what ? $" ({what})" : "")}");
                }
                if (plan.BodyName is null && plan.BodyId is null)
                {
                    console.WriteLine("  Ikke importeret: teksten nævner ikke udvalget; angiv --body.");
                    waiting++;
                    continue;
                }
                // A change that shortens a section is more likely a cut-off text than an edit: replaced only when asked.
                var shortening = plan.Differences.Where(d => d.Change == ItemChange.Changed && d.Shortens).Select(d => d.Number).ToList();
                var replacing = plan.ChangedNumbers.Where(n => replaceShortening || !shortening.Contains(n)).ToList();
                var take = plan.IsNew ? parsed.Items.Select(i => i.Number).ToHashSet()
                    : replace ? plan.NewNumbers.Concat(replacing).ToHashSet() : plan.NewNumbers.ToHashSet();
                if (!plan.IsNew && plan.Identical)
                {
                    console.WriteLine("  Uændret: mødet har allerede samme indhold.");
                    continue;
                }
                if (!plan.IsNew && shortening.Count > 0 && !replaceShortening)
                    console.WriteLine($"  {Points(shortening)} ville blive kortere; {(shortening.Count == 1 ? "det" : "de")} erstattes kun med --replace --replace-shortening.");
                if (!apply)
                {
                    console.WriteLine(plan.IsNew ? NewMeetingOutcome(parsed, today)
                        : $"  Vil tilføje {plan.NewNumbers.Count} nye punkter; {plan.ChangedNumbers.Count} ændrede punkter erstattes kun med --replace.");
                    accepted++;
                    continue;
                }
                if (!plan.IsNew && take.Count == 0)
                {
                    console.WriteLine("  Intet skrevet: ingen nye punkter, og ingen ændrede punkter skal erstattes.");
                    continue;
                }
                var applied = await importer.ApplyAsync(plan, take, "kommandolinje", createBody: true, entry.Name, null);
                db.ChangeTracker.Clear();
                if (applied.BodyCreated is { } created) console.WriteLine($"  Udvalget \"{created}\" er oprettet.");
                console.WriteLine(applied.Created
                    ? $"  Oprettet: møde {applied.MeetingId} med {parsed.Items.Count} punkter{(applied.Published ? ", offentliggjort" : ", ikke offentliggjort før spørgsmålene er besvaret")}."
                    : $"  Opdateret: møde {applied.MeetingId}: {applied.Added} punkter tilføjet, {applied.Replaced} erstattet (ny version).");
                accepted++;
            }
            catch (ImportRejectedException e)
            {
                db.ChangeTracker.Clear();
                console.WriteLine($"  Afvist: {e.Message}");
                refusedCount++;
            }
        }
        foreach (var r in refused) console.WriteLine($"\n{r.Name}\n  Afvist: {r.Reason}");
        console.WriteLine($"\n{entries.Count + refused.Count} filer: {accepted} {(apply ? "importeret" : "kan importeres")}, {refusedCount} afvist, {waiting} venter på et udvalg.");
    }

    private static string Points(IReadOnlyList<int> numbers) =>
        (numbers.Count == 1 ? "Punkt " : "Punkterne ") + string.Join(", ", numbers);

    /// <summary>What --apply would do with a new meeting: the same hold-backs as the importer (CPR numbers, open questions).</summary>
    private static string NewMeetingOutcome(ParsedMinutes parsed, DateOnly today)
    {
        if (ImportCprCheck.Places(parsed, today).Count > 0)
            return "  Vil blive oprettet, men holdt tilbage (ikke offentliggjort): teksten indeholder CPR-numre, som skal fjernes først.";
        if (parsed.Questions.Any(q => q.Blocks))
            return "  Vil blive oprettet, men ikke offentliggjort før spørgsmålene er besvaret.";
        return "  Vil blive oprettet og offentliggjort.";
    }

    internal sealed class CommandException(string message) : Exception(message);
}

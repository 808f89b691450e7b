using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rammevaerk.Accounts;
using Rammevaerk.Bodies;
using Rammevaerk.Data;
using Rammevaerk.Meetings;
using Rammevaerk.Meetings.Import;
using Rammevaerk.Municipalities;
using Rammevaerk.Shared;

namespace Rammevaerk.Demo;

/// <summary>
/// Reference data every installation needs (municipalities, standard item templates) and the demo content a
/// newcomer sees on first run: the bodies, people from the seeds, both seed minutes, an upcoming draft and a
/// published agenda with a closed item. Demo accounts are created in Development only. Idempotent.
/// </summary>
public sealed class DemoData(
    AppDb db,
    IConfiguration config,
    IWebHostEnvironment env,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    MinutesImporter importer,
    MeetingLifecycle lifecycle,
    DemoOffers offers,
    DemoReporting reporting,
    AccountTokens tokens,
    AccountMails mails,
    TimeProvider clock,
    ILogger<DemoData> log)
{
    public static readonly (string Email, string Password, string Role, string Name)[] DemoAccounts =
    [
        ("sekretariat@demo.rammevaerk.dk", "sekretariat-demo-2026", Roles.Secretariat, "Sekretariatet (demo)"),
        ("direktoer@demo.rammevaerk.dk", "direktoer-demo-2026", Roles.Member, "Mogens Bak Hansen (demo)"),
        ("kommune@demo.rammevaerk.dk", "kommune-demo-2026", Roles.Municipality, "Varde Kommune (demo)"),
        ("region@demo.rammevaerk.dk", "region-demo-2026", Roles.Municipality, "Region Syddanmark (demo)"),
    ];

    /// <summary>A member invited but not yet signed in: the users page shows a pending invitation.</summary>
    public const string InvitedDemoEmail = "grethe.nielsen@demo.rammevaerk.dk";

    public string Region => Hosting.SiteOptions.Of(config).Region;

    /// <summary>
    /// What every installation needs, demo or not: roles, municipalities with population, standard item templates,
    /// the maintained lists of legal bases and target groups, and the region's operators (its municipalities and the
    /// region itself).
    /// </summary>
    public async Task LoadReferenceDataAsync(CancellationToken ct = default)
    {
        var shared = SharedFolder.Locate(config, env.ContentRootPath);
        if (shared is null) log.LogWarning("The shared/ folder was not found: municipalities and seed minutes are not loaded. Set Rammevaerk:SharedPath.");
        await EnsureRolesAsync();
        if (shared is not null) await LoadMunicipalitiesAsync(Path.Combine(shared, "data", "municipalities.csv"), ct);
        await LoadTemplatesAsync(ct);
        await Offers.ReferenceLists.EnsureAsync(db, ct);
        await DemoOffers.EnsureOperatorsAsync(db, Region, ct);
    }

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var shared = SharedFolder.Locate(config, env.ContentRootPath);
        await LoadReferenceDataAsync(ct);
        await LoadBodiesAndPeopleAsync(ct);
        if (env.IsDevelopment()) await LoadAccountsAsync();
        if (shared is not null) await LoadSeedMinutesAsync(Path.Combine(shared, "seeds"), ct);
        if (shared is not null) await LoadAllocationsAsync(ct);
        if (shared is not null) await new DemoEconomics(db, Region, clock).LoadAsync(ct);
        if (shared is not null) await offers.LoadAsync(Region, ct);
        if (shared is not null) await reporting.LoadAsync(Region, ct);
        if (shared is not null) await new DemoCapacity(db, Region).LoadAsync(ct);
        if (shared is not null) await new DemoEarlyWarnings(db, Region).LoadAsync(ct);
        await LoadUpcomingMeetingsAsync(ct);
        if (shared is not null) await new DemoStatistics(db, clock).LoadAsync(ct);
        if (shared is not null) await new DemoThreads(db, clock).LoadAsync(ct);
        if (shared is not null) await new DemoSurveys(db, Region).LoadAsync(ct);
        if (shared is not null) await new DemoAnnouncements(db, Region, clock).LoadAsync(ct);
        if (shared is not null) await new DemoCases(db, lifecycle, clock).LoadAsync(ct);
    }

    public void PrintAccounts(TextWriter output)
    {
        output.WriteLine("Demo-konti (kun i Development; de logger ind med adgangskoden alene, uden to-trinsbekræftelse):");
        foreach (var a in DemoAccounts) output.WriteLine($"  {(a.Role == Roles.Municipality ? "Driftsherre: " + a.Name.Replace(" (demo)", "") : Roles.DanishName(a.Role)),-36} {a.Email,-34} {a.Password}");
        output.WriteLine("Andre konti skal bruge to-trinsbekræftelse, hvis de har sekretariatets rolle (se /konto/to-trin).");
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private async Task LoadMunicipalitiesAsync(string csvPath, CancellationToken ct)
    {
        if (await db.Municipalities.AnyAsync(ct) || !File.Exists(csvPath)) return;
        db.Municipalities.AddRange(MunicipalityCsv.Parse(await File.ReadAllTextAsync(csvPath, ct)));
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadTemplatesAsync(CancellationToken ct)
    {
        if (await db.ItemTemplates.AnyAsync(ct)) return;
        db.ItemTemplates.AddRange(
            new ItemTemplate
            {
                Title = "Godkendelse af referat", Position = TemplatePosition.First, SortOrder = 0,
                Background = "Vedhæftet som bilag er referat fra sidste møde.",
                Recommendation = "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- godkende referatet fra sidste møde",
            },
            new ItemTemplate
            {
                Title = "Orienteringer", Position = TemplatePosition.Last, SortOrder = 1,
                Recommendation = "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- tage orienteringerne til efterretning.",
            },
            new ItemTemplate { Title = "Eventuelt", Position = TemplatePosition.Last, SortOrder = 2 });
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadBodiesAndPeopleAsync(CancellationToken ct)
    {
        if (await db.Bodies.AnyAsync(ct)) return;
        var sdf = new Body
        {
            Name = "Socialdirektørforum", ShortName = "SDF", Slug = "socialdirektoerforum", Kind = BodyKind.Forum, SortOrder = 0,
            Description = "De 22 syddanske kommuners socialdirektører og Region Syddanmark. Forummet følger rammeaftalen og styringsaftalen og indstiller til K22 og KKR Syddanmark.",
        };
        var fu = new Body
        {
            Name = "Forretningsudvalget", ShortName = "FU", Slug = "forretningsudvalget", Kind = BodyKind.ExecutiveCommittee, SortOrder = 1,
            Description = "Forbereder sagerne til Socialdirektørforum.",
        };
        var econ = new Body
        {
            Name = "Økonomisk arbejdsgruppe", Slug = "oekonomisk-arbejdsgruppe", Kind = BodyKind.WorkingGroup, SortOrder = 2,
            Description = "Udarbejder notater om takster, rente, overhead og finansiering til Socialdirektørforum.",
        };
        var strat = new Body
        {
            Name = "Strategisk arbejdsgruppe", Slug = "strategisk-arbejdsgruppe", Kind = BodyKind.WorkingGroup, SortOrder = 3,
            Description = "Understøtter Socialdirektørforum i arbejdet med udviklingsstrategien.",
        };
        db.Bodies.AddRange(sdf, fu, econ, strat);

        var codes = await db.Municipalities.ToDictionaryAsync(m => m.Name, m => m.Code, ct);
        int? Code(string name) => codes.TryGetValue(name, out var c) ? c : null;
        Person P(string name, string? title, string? municipality) =>
            new() { Name = name, JobTitle = title, MunicipalityCode = municipality is null ? null : Code(municipality) };

        var mogens = P("Mogens Bak Hansen", "Social- og sundhedsdirektør", "Nordfyns");
        var claus = P("Claus Fjeldgaard", null, "Varde");
        var grethe = P("Grethe H. Nielsen", null, "Tønder");
        var siggie = P("Siggie W. Kristoffersen", null, null);
        var lise = P("Lise Willer", null, null);
        var mette = P("Mette Heidemann", null, null);
        var else_ = P("Else Zippor", null, null);
        var torben = P("Torben Krone", null, null);
        db.Persons.AddRange(mogens, claus, grethe, siggie, lise, mette, else_, torben);

        Membership M(Person p, Body b, MembershipRole r, DateOnly from, DateOnly? to = null) =>
            new() { Person = p, Body = b, Role = r, From = from, To = to };
        var start = new DateOnly(2023, 1, 1);
        db.Memberships.AddRange(
            M(mogens, sdf, MembershipRole.Member, start), M(mogens, fu, MembershipRole.Member, start),
            M(claus, sdf, MembershipRole.Member, start, new DateOnly(2025, 5, 31)),
            M(grethe, sdf, MembershipRole.Member, start), M(siggie, sdf, MembershipRole.Member, start),
            M(lise, sdf, MembershipRole.Member, start), M(mette, sdf, MembershipRole.Member, start),
            M(else_, sdf, MembershipRole.Member, start),
            M(torben, econ, MembershipRole.Chair, start, new DateOnly(2025, 6, 27)));
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadAccountsAsync()
    {
        var mogensId = await db.Persons.Where(p => p.Name == "Mogens Bak Hansen").Select(p => (int?)p.Id).FirstOrDefaultAsync();
        var varde = await db.Municipalities.Where(m => m.Name == "Varde").Select(m => (int?)m.Code).FirstOrDefaultAsync();
        var region = await db.Operators.Where(o => o.Region == Region && o.Kind == Offers.OperatorKind.Region).Select(o => (int?)o.Id).FirstOrDefaultAsync();
        foreach (var (email, password, role, name) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                // Accounts made before demo accounts were marked: their printed password is all they need, here only.
                if (!existing.IsDemoAccount)
                {
                    existing.IsDemoAccount = true;
                    await users.UpdateAsync(existing);
                }
                continue;
            }
            var forRegion = email.StartsWith("region@", StringComparison.Ordinal);
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, IsDemoAccount = true,
                PersonId = role == Roles.Member ? mogensId : null,
                MunicipalityCode = role == Roles.Municipality && !forRegion ? varde : null,
                OperatorId = forRegion ? region : null,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
        await LoadInvitationAsync();
    }

    /// <summary>Grethe H. Nielsen (Tønder, Socialdirektørforum in seed 001) invited as a member, not yet signed in.</summary>
    private async Task LoadInvitationAsync()
    {
        if (await users.FindByEmailAsync(InvitedDemoEmail) is not null) return;
        var grethe = await db.Persons.Where(p => p.Name == "Grethe H. Nielsen").Select(p => (int?)p.Id).FirstOrDefaultAsync();
        if (grethe is null) return;
        var user = new AppUser { UserName = InvitedDemoEmail, Email = InvitedDemoEmail, DisplayName = "Grethe H. Nielsen", PersonId = grethe, CreatedAt = clock.GetUtcNow().UtcDateTime };
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!(await users.CreateAsync(user)).Succeeded) return;
        await users.AddToRoleAsync(user, Roles.Member);
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.Invitation, TimeSpan.FromDays(7), "sekretariat@demo.rammevaerk.dk");
        await mails.InvitationAsync(user, token, Roles.Member, null, "sekretariat@demo.rammevaerk.dk");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private async Task LoadSeedMinutesAsync(string seeds, CancellationToken ct)
    {
        if (!Directory.Exists(seeds)) return;
        foreach (var file in Directory.GetFiles(seeds, "*.txt").Order())
        {
            var text = await File.ReadAllTextAsync(file, ct);
            var parsed = MinutesParser.Parse(text);
            var slug = await db.Bodies.Where(b => b.Name == parsed.BodyName).Select(b => b.Slug).FirstOrDefaultAsync(ct);
            if (slug is null || parsed.StartsLocal is null) continue;
            var key = MinutesImporter.KeyFor(slug, parsed.StartsLocal.Value);
            if (await db.Meetings.AnyAsync(m => m.ImportKey == key, ct)) continue;
            await importer.ImportAsync(text, null, "demo", ct);
        }
        await CorrectSeedTableAsync(ct);
    }

    /// <summary>
    /// Seed 001's Tabel 2 reaches the import one cell a line with most empty cells dropped, so the importer keeps it as
    /// lines and asks. The demo shows it as the secretariat would correct it: a table, each row's numbers from 2017 on
    /// (the municipalities that left the cooperation early only have early years). Which years the short rows cover is
    /// not in the published text, so this layout is illustrative. The correction is a new version of the meeting.
    /// </summary>
    private async Task CorrectSeedTableAsync(CancellationToken ct)
    {
        var item = await db.AgendaItems.Include(i => i.Meeting)
            .FirstOrDefaultAsync(i => i.Meeting.ImportKey == "socialdirektoerforum/2025-06-27T09:00" && i.Number == 12 && i.HasFlattenedTable, ct);
        if (item?.CasePresentation is not { } text) return;
        var blocks = text.Split("\n\n").ToList();
        int caption = blocks.FindIndex(b => b.StartsWith("Tabel 2.", StringComparison.Ordinal));
        if (caption < 0) return;
        int end = blocks.FindIndex(caption + 1, b => b.StartsWith("Anm", StringComparison.Ordinal));
        if (end < 0) return;
        var cells = blocks.GetRange(caption + 1, end - caption - 1);
        const int width = 9;
        var rows = new List<List<string>> { cells.Take(width).ToList() };
        foreach (var cell in cells.Skip(width))
        {
            if (!FlattenedTables.IsNumber(cell)) rows.Add([cell]);
            else rows[^1].Add(cell);
        }
        if (rows.Any(r => r.Count > width)) return;
        string Row(IEnumerable<string> r) => "| " + string.Join(" | ", r) + " |";
        var table = new List<string> { Row(rows[0]), Row(Enumerable.Repeat("---", width)) };
        table.AddRange(rows.Skip(1).Select(r => Row(r.Concat(Enumerable.Repeat("", width - r.Count)))));
        blocks.RemoveRange(caption + 1, end - caption - 1);
        blocks.Insert(caption + 1, string.Join("\n", table));
        item.CasePresentation = string.Join("\n\n", blocks);
        item.HasFlattenedTable = false;
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var q in await db.ImportQuestions.Where(q => q.MeetingId == item.MeetingId && q.ItemNumber == 12 && q.Kind == QuestionKind.Table && q.ResolvedAt == null).ToListAsync(ct))
        {
            q.ResolvedAt = now;
            q.ResolvedBy = "demo";
            q.Answer = "Tabellen er rettet i punktet";
        }
        await lifecycle.SaveChangeAsync(item.Meeting, "demo", "Tabel 2 i punkt 12 rettet af sekretariatet");
    }

    /// <summary>
    /// The two allocations of the 27 June 2025 meeting as decided calculations, linked to items 11 and 12 (the
    /// imported text of those items is the archive and is left as it is).
    /// </summary>
    private async Task LoadAllocationsAsync(CancellationToken ct)
    {
        const string fee = "Sekretariatets finansiering 2026";
        const string drugs = "Anonym stofmisbrugsbehandling – fordeling af 869.500 kr.";
        var existing = await db.Allocations.Select(a => a.Name).ToListAsync(ct);
        var region = await db.Municipalities.Where(m => m.Region == Region).ToListAsync(ct);
        if (region.Count == 0) return;
        var meeting = await db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00")
            .Select(m => new { m.StartsAt, Items = m.Items.Select(i => new { i.Id, i.Number }).ToList() }).FirstOrDefaultAsync(ct);
        int? Item(int number) => meeting?.Items.FirstOrDefault(i => i.Number == number)?.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var decidedAt = meeting?.StartsAt ?? now;

        Economics.Allocation Make(string name, string description, Economics.AllocationMode mode, decimal amount, int year, IEnumerable<Municipality> who, int? item) => new()
        {
            Name = name, Description = description, Mode = mode, Amount = amount, ReferenceYear = year,
            Rounding = Economics.Calculations.Rounding.WholeKroner, State = Economics.AllocationState.Decided,
            DecidedAt = decidedAt, DecidedItemId = item, CreatedAt = now, UpdatedAt = now,
            Participants = who.Select(m => new Economics.AllocationParticipant { MunicipalityCode = m.Code }).ToList(),
        };

        if (!existing.Contains(fee))
        {
            db.Allocations.Add(Make(fee,
                "Kommunernes betaling for Fælleskommunalt Socialsekretariat i 2026: 2,0 kr. pr. indbygger for de 22 kommuner efter befolkningen 1. januar 2025.",
                Economics.AllocationMode.PerCitizen, 2.0m, 2025, region, Item(11)));
        }
        if (!existing.Contains(drugs))
        {
            string[] left = ["Aabenraa", "Tønder", "Sønderborg", "Haderslev"];
            db.Allocations.Add(Make(drugs,
                "Udgiftsbudgettet for den anonyme stofmisbrugsbehandling fordelt efter befolkningen i 2020 mellem de 18 kommuner, der stadig deltager (ikke Aabenraa, Tønder, Sønderborg og Haderslev).",
                Economics.AllocationMode.Total, 869_500m, 2020, region.Where(m => !left.Contains(m.Name)), Item(12)));
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task LoadUpcomingMeetingsAsync(CancellationToken ct)
    {
        if (await db.Meetings.AnyAsync(m => m.ImportKey == null, ct)) return;
        var sdf = await db.Bodies.SingleAsync(b => b.Slug == "socialdirektoerforum", ct);
        var fu = await db.Bodies.SingleAsync(b => b.Slug == "forretningsudvalget", ct);
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime Local(int y, int mo, int d, int h, int mi = 0) => Danish.ToUtc(new DateTime(y, mo, d, h, mi, 0));

        var fuMeeting = new Meeting
        {
            Body = fu, Title = "Møde i Forretningsudvalget", Location = "Mødelokale 1, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)",
            StartsAt = Local(2026, 11, 30, 13), EndsAt = Local(2026, 11, 30, 15), CreatedAt = now,
            Items =
            [
                new AgendaItem
                {
                    Number = 1, Title = "Godkendelse af referat", UpdatedAt = now,
                    Background = "Vedhæftet som bilag er referat fra sidste møde i Forretningsudvalget.",
                    Recommendation = "Det indstilles, at Forretningsudvalget\n\n- godkender referatet.",
                },
                new AgendaItem
                {
                    Number = 2, Title = "Forberedelse af Socialdirektørforum den 11. december 2026", UpdatedAt = now,
                    Background = "Forretningsudvalget forbereder dagsordenen til Socialdirektørforums møde den 11. december 2026.",
                    Recommendation = "Det indstilles, at Forretningsudvalget\n\n- godkender udkastet til dagsorden\n- udpeger oplægsholdere til punkt 2",
                },
                new AgendaItem
                {
                    Number = 3, Title = "Personalesag i sekretariatet", IsClosed = true, UpdatedAt = now,
                    Background = "Lukket punkt: drøftelse af en konkret personalesag i Fælleskommunalt Socialsekretariat.",
                    Recommendation = "Det indstilles, at Forretningsudvalget\n\n- drøfter sagen.",
                    Attachments = [DemoPdf("Notat om personalesag.pdf", "Fortroligt notat", now)],
                },
                new AgendaItem { Number = 4, Title = "Eventuelt", UpdatedAt = now },
            ],
        };
        fuMeeting.Items[1].Attachments.Add(DemoPdf("Udkast til dagsorden Socialdirektørforum 11. december 2026.pdf", "Udkast til dagsorden", now));
        db.Meetings.Add(fuMeeting);
        await db.SaveChangesAsync(ct);
        await lifecycle.PublishAgendaAsync(fuMeeting, "demo");
        await DraftMinutesAsync(fuMeeting, now, ct);

        db.Meetings.Add(new Meeting
        {
            Body = sdf, Title = "Møde i Socialdirektørforum", Location = "Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)",
            StartsAt = Local(2026, 12, 11, 9), EndsAt = Local(2026, 12, 11, 12), CreatedAt = now,
            Items =
            [
                new AgendaItem
                {
                    Number = 1, Title = "Godkendelse af referat", UpdatedAt = now,
                    Background = "Vedhæftet som bilag er referat fra sidste møde.",
                    Recommendation = "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- godkende referatet fra sidste møde",
                },
                new AgendaItem
                {
                    Number = 2, Title = "Proces for den kommende rammeaftale 2027-2028", UpdatedAt = now,
                    Background = "Drøftelsen af, hvordan samlede sager om ændringer i kapacitet skal håndteres, blev på mødet den 27. juni 2025 udskudt til arbejdet med den kommende rammeaftale.",
                    Recommendation = "Det indstilles, at Socialdirektørforum\n\n- drøfter processen for den kommende rammeaftale\n- beslutter, hvordan sager om ændringer i kapacitet fremover samles",
                },
                new AgendaItem { Number = 3, Title = "Orienteringer", UpdatedAt = now, Recommendation = "Forretningsudvalget indstiller til Socialdirektørforum, at\n\n- tage orienteringerne til efterretning." },
                new AgendaItem { Number = 4, Title = "Eventuelt", UpdatedAt = now },
            ],
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The Forretningsudvalget meeting has been held and its agenda is out: the secretariat has written the draft
    /// decisions (the public still sees the agenda without them) and sent them to the members, one of whom has commented.
    /// A newcomer sees both sides: /moeder/{id} as the public, /moeder/{id}/udkast as a member, the working copy as the
    /// secretariat.
    /// </summary>
    private async Task DraftMinutesAsync(Meeting meeting, DateTime now, CancellationToken ct)
    {
        string[] decisions =
        [
            "Referatet blev godkendt.",
            "Forretningsudvalget godkendte udkastet til dagsorden for Socialdirektørforums møde den 11. december 2026. Sekretariatet aftaler oplæg til punkt 2 med Varde Kommune.",
            "Forretningsudvalget drøftede sagen. Drøftelsen er fortrolig.",
            "Intet.",
        ];
        foreach (var (item, decision) in meeting.Items.OrderBy(i => i.Number).Zip(decisions)) item.Decision = decision;
        await lifecycle.SaveChangeAsync(meeting, "demo", "Udkast til beslutninger");

        var view = await MeetingView.LoadAsync(db, meeting.Id, ct);
        if (view is null) return;
        var member = await db.Users.Where(u => u.Email == "direktoer@demo.rammevaerk.dk").Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        var draft = new Meetings.Publication.DraftMinutes
        {
            MeetingId = meeting.Id, Round = 1, SentAt = now, SentBy = "demo", Recipients = member is null ? 0 : 1,
            Message = "Her er udkastet til referat. Send gerne bemærkninger inden fredag.",
            SnapshotJson = MeetingLifecycle.WriteSnapshot(view),
        };
        if (member is not null)
        {
            draft.Comments.Add(new Meetings.Publication.DraftComment
            {
                MeetingId = meeting.Id, ItemId = meeting.Items.Single(i => i.Number == 2).Id, ItemNumber = 2, UserId = member.Id,
                AuthorName = member.DisplayName ?? "Mogens Bak Hansen", CreatedAt = now,
                Text = "Skriv gerne, at Varde Kommune også har sagt ja til at holde oplæg om fremtidssikringen af Lunden.",
            });
        }
        db.DraftMinutes.Add(draft);
        await db.SaveChangesAsync(ct);
    }

    private static Attachment DemoPdf(string name, string title, DateTime now)
    {
        var bytes = MinimalPdf.Create(title);
        return new Attachment
        {
            FileName = name, ContentType = "application/pdf", Size = bytes.Length, AddedAt = now,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            Content = new AttachmentContent { Bytes = bytes },
        };
    }
}

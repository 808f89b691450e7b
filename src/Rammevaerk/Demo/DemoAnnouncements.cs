using Microsoft.EntityFrameworkCore;
using Rammevaerk.Appointments;
using Rammevaerk.CentralAnnouncements;
using Rammevaerk.Data;

namespace Rammevaerk.Demo;

/// <summary>
/// The central announcements and the appointment the seed minutes describe: the announcement on citizens with
/// intellectual disability and a sentence (seed 000 item 4; seed 001 items 13 and 14), the one on pregnant women with
/// harmful substance use (seed 001 item 18), and the region's seat in Dialogforum mellem Ankestyrelsen og kommunerne
/// (seed 001 item 20). Linked to the imported seed meetings' items, found by title. Idempotent (by title and forum).
/// </summary>
public sealed class DemoAnnouncements(AppDb db, string region, TimeProvider clock)
{
    public const string DisabilityTitle = "Borgere med udviklingshæmning og dom med behov for anbringelse i sikret afdeling";
    public const string PregnantTitle = "Døgnbehandlingsindsats til udsatte gravide med skadeligt rusmiddelbrug";
    public const string Dialogforum = "Dialogforum mellem Ankestyrelsen og kommunerne";

    private const string March2024 = "socialdirektoerforum/2024-03-22T09:00";
    private const string June2025 = "socialdirektoerforum/2025-06-27T09:00";

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var items = await db.AgendaItems.AsNoTracking()
            .Where(i => i.Meeting.ImportKey == March2024 || i.Meeting.ImportKey == June2025)
            .Select(i => new { i.Id, i.Title, i.Number, i.Meeting.ImportKey }).ToListAsync(ct);
        List<int> Find(string importKey, params string[] words) => items
            .Where(i => i.ImportKey == importKey && words.All(w => i.Title.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(i => i.Number).Select(i => i.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;

        var existing = await db.CentralAnnouncements.Where(a => a.Region == region).Select(a => a.Title).ToListAsync(ct);
        if (!existing.Contains(DisabilityTitle))
        {
            var links = Find(March2024, "udviklingshæmning og dom").Concat(Find(June2025, "udviklingshæmning og dom")).Distinct();
            db.CentralAnnouncements.Add(new CentralAnnouncement
            {
                Region = region, Title = DisabilityTitle, CreatedAt = now, UpdatedAt = now,
                TargetGroup = "Borgere med udviklingshæmning og dom med behov for anbringelse i sikret afdeling (lov om social service § 13 b)",
                Request = "Social- og Boligstyrelsen har den 22. november 2023 anmodet landets kommunalbestyrelser om at foretage en fornyet behandling af deres tilrettelæggelse og organisering af indsatsen til borgere med udviklingshæmning og dom med behov for anbringelse i sikret afdeling, jf. lov om social service § 13 b.\n"
                    + "Styrelsen anmoder kommunerne om at præsentere en koordineret løsning for de 98 kommuner for etablering af et sikret tilbud/afdeling i Vestdanmark.\n"
                    + "I februar 2025 sendte styrelsen opfølgende spørgsmål til afrapporteringen; en fælles besvarelse blev udarbejdet i marts 2025 og godkendt i styregruppen.",
                SteeringGroup = "Styregruppen består af repræsentanter fra de fem administrative styregrupper; Lise Willer deltager fra Syddanmark. Styregruppe og arbejdsgruppe sekretariatsbetjenes af rammeaftalesekretariaterne. Styregruppen fortsætter i første omgang 2025 ud.",
                Status = AnnouncementStatus.ReportSubmitted,
                AnnouncedOn = new DateOnly(2023, 11, 22),
                Deadlines =
                [
                    new AnnouncementDeadline { Deadline = new DateOnly(2024, 6, 1), SetOn = new DateOnly(2023, 11, 22), Note = "Oprindelig frist" },
                    new AnnouncementDeadline { Deadline = new DateOnly(2024, 12, 31), Note = "Kommunernes anmodning om udskydelse af fristen er imødekommet" },
                ],
                Representatives =
                [
                    new AnnouncementRepresentative { Name = "Lise Willer", Role = "Medlem af styregruppen fra Syddanmark" },
                    new AnnouncementRepresentative { Name = "Tommy Neesgård", Organisation = "Vejle Kommune", Role = "Leder af de 2 gårde; bidragyder til besvarelsen" },
                    new AnnouncementRepresentative { Name = "Maiken Skalborg Schmidt", Organisation = "Esbjerg Kommune", Role = "Myndighedschef; bidragyder til besvarelsen" },
                ],
                Items = links.Select(id => new AnnouncementItemLink { AgendaItemId = id }).ToList(),
            });
        }
        if (!existing.Contains(PregnantTitle))
        {
            db.CentralAnnouncements.Add(new CentralAnnouncement
            {
                Region = region, Title = PregnantTitle, CreatedAt = now, UpdatedAt = now,
                TargetGroup = "Udsatte gravide med skadeligt rusmiddelbrug og behov for døgnbehandlingsindsats",
                Request = "Styrelsen udsendte i maj 2024 en fornyet behandling af den centrale udmelding (første gang 2019, opdateret 2022) og bad kommunerne koordinere og konkretisere et løsningsforslag for tilbudsstrukturen til målgruppen i den enkelte region.\n"
                    + "Afrapporteringen blev behandlet i de fem KKR-områder i april 2025, godkendt i kommunerne og sendt til Social- og Boligstyrelsen.",
                SteeringGroup = "Administrativ styregruppe og arbejdsgruppe på tværs af de fem KKR-områder.",
                Status = AnnouncementStatus.ReportSubmitted,
                Items = Find(June2025, "gravide").Select(id => new AnnouncementItemLink { AgendaItemId = id }).ToList(),
            });
        }

        if (!await db.Appointments.AnyAsync(a => a.Region == region && a.Forum == Dialogforum, ct))
        {
            var decided = Find(June2025, "Dialogforum").FirstOrDefault() is var id and > 0 ? id : (int?)null;
            var persons = await db.Persons.Where(p => p.Name == "Mogens Bak Hansen" || p.Name == "Claus Fjeldgaard")
                .ToDictionaryAsync(p => p.Name, p => p.Id, ct);
            int? Person(string name) => persons.TryGetValue(name, out var pid) ? pid : null;
            // The seeds do not say since when Claus Fjeldgaard and Anna Mette Lund were appointed; 1 January 2023
            // is illustrative (as for the demo memberships). The change is the Forretningsudvalg decision of 10 June 2025.
            var start = new DateOnly(2023, 1, 1);
            var change = new DateOnly(2025, 6, 10);
            Appointment A(string name, string? org, AppointmentRole role, DateOnly from, DateOnly? to, int? item, string? note) => new()
            {
                Region = region, Forum = Dialogforum, PersonName = name, PersonId = Person(name), Organisation = org, Role = role,
                From = from, To = to, DecidedItemId = item, Note = note, CreatedAt = now, UpdatedAt = now,
            };
            db.Appointments.AddRange(
                A("Claus Fjeldgaard", "Varde Kommune", AppointmentRole.Member, start, change.AddDays(-1), null,
                    "Fratrådt sin stilling i Varde Kommune."),
                A("Mogens Bak Hansen", "Nordfyns Kommune", AppointmentRole.Member, change, null, decided,
                    "Social- og sundhedsdirektør i Nordfyns Kommune; valgt som ny repræsentant for KKR Syddanmark på Forretningsudvalgets møde 10. juni 2025."),
                A("Anna Mette Lund", null, AppointmentRole.Substitute, start, null, null,
                    "Ønsker at fratræde suppleantposten, hvis der kan findes en anden kandidat."),
                A("Forretningsudvalgets øvrige medlemmer", "Forretningsudvalget", AppointmentRole.Substitute, change, null, decided,
                    "Fungerer som suppleanter, hvis Mogens Bak Hansen ikke kan deltage i et kommende møde."));
        }
        await db.SaveChangesAsync(ct);
    }
}

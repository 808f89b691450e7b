using Microsoft.EntityFrameworkCore;
using Rammevaerk.Capacity;
using Rammevaerk.Data;

namespace Rammevaerk.Demo;

/// <summary>
/// Seed 001 item 6's capacity change notices with every figure and their texts as the minutes give them: Vejen's new
/// children's home (BL § 43), Faaborg-Midtfyn closing Bofællesskabet på Lunden's 8 § 107 places (85 % own use), and
/// Billund's two notices (Skibet: 4 § 84 places converted to § 107 at 2.422 kr. per day and 8,4 hours; Bofællesskab 3
/// på Sydtoften: 5 § 105/85 places closed). All were put on item 6 of the 27 June 2025 meeting, where the forum chose
/// neither a hearing nor a statement. They are marked applied: the demo register already shows their effect.
/// Idempotent: runs while no demo notice exists.
/// </summary>
public sealed class DemoCapacity(AppDb db, string region)
{
    public const string Creator = "demo";
    public const string Decision = "Socialdirektørforum ønskede ikke at komme med udtalelser eller høringer til de nævnte sager.";

    private const string VejenReason = "Vejen Kommune har i dag ikke egne pladser til denne målgruppe og oplever et stigende behov, som har medført et øget antal anbringelser på private opholdssteder uden for kommunen. Kommunen ønsker med det nye tilbud at sikre lokal forankring, som kan understøtte netværk, skoleforløb og sammenhæng i børnenes liv. Samtidig forventes tiltaget at bidrage til en faglig og økonomisk styrket indsats på området, blandt andet ved at modvirke stigende priser på private institutioner.";
    private const string VejenConsequences = "Vejen Kommune forventer ikke umiddelbart at sælge pladser til andre kommuner, men vurderer, at etableringen kan skabe bedre balance mellem udbud og efterspørgsel i regionen og dermed potentielt påvirke prisudviklingen i nedadgående retning. Serviceniveauet forventes at blive styrket i takt med det lokale tilbud.";
    private const string VejenProcess = "Det er op til Socialdirektørforum at vurderer, om de vil afgive en fælleskommunal udtalelse i forbindelse med denne ændring.. Orienteringen skal sendes til alle kommuner i Region Syddanmark samt eventuelle andre brugerkommuner.";
    private const string LundenIntro = "Faaborg-Midtfyn Kommune har besluttet at igangsætte en proces med henblik på at lukke de 8 midlertidige botilbudspladser efter §107 på Bofællesskabet på Lunden. Beslutningen blev godkendt af kommunens Socialudvalg i april 2025. Lukningen skal endeligt godkendes af Kommunalbestyrelsen i august 2025. I henhold til rammeaftalens bilag 4 skal Socialdirektørforum vurderer om de ønsker at lave en høring.";
    private const string LundenPlaces = "8 midlertidige botilbudspladser til unge med betydeligt eller varigt nedsat funktionsniveau, som i en overgangsperiode får støtte til at blive afklaret i forhold til permanent bolig.";
    private const string LundenReason = "Lukningen skyldes vigende belægning på de midlertidige botilbudspladser. Kommunen vurderer, at kapaciteten i øvrige botilbud til samme målgruppe er tilstrækkelig, og at der ikke forventes knaphed. De nuværende beboere vil, hvis lukningen godkendes, kunne visiteres til nye tilbud inden udgangen af 2025.";
    private const string LundenConsequences = "Da Faaborg-Midtfyn Kommune selv har anvendt størstedelen af pladserne (85 %), forventes kun få andre kommuner at blive berørt. Der forventes ikke at opstå øgede økonomiske udgifter eller ændringer i serviceniveau for samarbejdskommunerne.";
    private const string LundenProcess = "Socialdirektørforum skal vurdere, om der skal gennemføres en fælleskommunal høring af forslaget om lukning af pladserne, jf. rammeaftalens bilag 4. Det anbefales, at direktørerne drøfter behovet for en fælles høringsproces og træffer beslutning herom. Orienteringen skal sendes til alle kommuner i Region Syddanmark samt eventuelle andre brugerkommuner.";
    private const string BillundIntro = "Billund Kommune har igangsat to parallelle initiativer på det socialpsykiatriske område for voksne borgere med psykiske og sociale problemstillinger. For det første planlægges oprettelsen af 4 midlertidige pladser efter Serviceloven § 107 ved omkonvertering af eksisterende pladser i akut- og aflastningstilbuddet “Skibet” (§ 84). For det andet ønsker kommunen at nedlægge Bofællesskab 3 på Sydtoften, et tilbud godkendt efter almenboligloven § 105 og serviceloven § 85, som retter sig mod unge med udviklingshæmning og et midlertidigt behov for støtte.";
    private const string SkibetChange = "Oprettelse af 4 § 107 pladser på Skibet: For at imødekomme et stigende behov for midlertidige socialpsykiatriske pladser, vil Billund Kommune omkonvertere 4 eksisterende § 84 pladser til § 107 pladser på samme matrikel. Dette forventes gennemført senest 1. september 2025.";
    private const string SydtoftenChange = "Lukning af Bofællesskab 3: Kommunen ønsker at nedlægge de 5 § 105/85 pladser i bofællesskabet, da den nuværende juridiske ramme og døgndækning ikke matcher de unges reelle behov. Visitationsretten til boligerne bevares, så boligerne fortsat kan anvendes som almindeligt bofællesskab med individuel støtte efter serviceloven. Nedlæggelsen forventes også gennemført senest 1. september 2025.";
    private const string SkibetReason = "Billund Kommune køber i dag eksterne midlertidige pladser til borgere med socialpsykiatriske problemstillinger, hvilket begrænser borgernes tilknytning til netværk og hjemkommune. Oprettelsen af egne § 107 pladser skal derfor styrke lokal kapacitet og kvalitet i tilbuddet.";
    private const string SydtoftenReason = "Bofællesskab 3 matcher ikke længere målgruppens behov for støtte, som typisk er tidsbegrænset og ikke kræver døgnbemanding. En nedlæggelse og omdannelse af boligerne til almindeligt bofællesskab vurderes derfor hensigtsmæssig.";
    private const string CapacityConsequence = "Kapacitetsmæssigt skabes 4 nye § 107 pladser, mens 5 § 105/85 pladser nedlægges.";
    private const string SkibetConsequence = "Billund Kommune forventer selv at kunne udnytte kapaciteten på de nye § 107 pladser, med et serviceniveau på 8,4 timer pr. borger pr. døgn og en døgntakst på 2.422 kr. ekskl. individuelle tillæg.";
    private const string SydtoftenConsequence = "Lukningen af Bofællesskab 3 medfører ingen økonomiske konsekvenser, idet visitationsretten fastholdes, og borgerne tilbydes tilsvarende støtte efter serviceloven.";
    private const string NoExternalBuyers = "Ingen eksterne kommuner benytter aktuelt Bofællesskab 3, og den overvejende del af Skibets pladser anvendes af Billund Kommune selv.";
    private const string BillundProcess = "I henhold til bilag 4 i Rammeaftalen 2023-2024 er det muligt at sagen vedr. lukning af pladser sendes til høring i Socialdirektørforum. Derudover er det muligt at sagen vedr. oprettelser af nye plader leder til en udtalelse i Socialdirektørforum. Det er op til direktørerne at vurdere, om de ønsker at lave en høring eller en udtalelse. Uanset orienteres alle kommuner i Region Syddanmark samt eventuelle andre brugerkommuner om ændringerne.";
    private const string VejenTiming = "Det nye børn- og ungehjem forventes etableret medio 2025.";
    private const string LundenTiming = "Lukningen planlægges at træde i kraft pr. 31. december 2025.";

    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (await db.CapacityNotices.AnyAsync(n => n.CreatedBy == Creator, ct)) return;
        var operators = await db.Operators.Where(o => o.Region == region && o.MunicipalityCode != null)
            .Join(db.Municipalities, o => o.MunicipalityCode, m => m.Code, (o, m) => new { o.Id, m.Name }).ToListAsync(ct);
        int? Operator(string municipality) => operators.FirstOrDefault(o => o.Name == municipality)?.Id;
        if (Operator("Vejen") is not int vejen || Operator("Faaborg-Midtfyn") is not int fmk || Operator("Billund") is not int billund) return;

        var services = (await db.Offers.Where(o => o.OperatorId == fmk || o.OperatorId == billund)
                .Include(o => o.Departments).ThenInclude(d => d.Services).AsNoTracking().ToListAsync(ct))
            .SelectMany(o => o.Departments.SelectMany(d => d.Services.Select(s => new { OfferId = o.Id, Offer = o.Name, s.Id, s.Name })))
            .ToList();
        (int? OfferId, int? ServiceId) Service(string offer, string service)
        {
            var s = services.FirstOrDefault(x => x.Offer == offer && x.Name == service);
            return (s?.OfferId ?? services.FirstOrDefault(x => x.Offer == offer)?.OfferId, s?.Id);
        }

        var meeting = await db.Meetings.Where(m => m.ImportKey == "socialdirektoerforum/2025-06-27T09:00")
            .Select(m => new { m.StartsAt, Items = m.Items.Select(i => new { i.Id, i.Number, i.Decision }).ToList() }).FirstOrDefaultAsync(ct);
        var item6 = meeting?.Items.FirstOrDefault(i => i.Number == 6)?.Id;
        // The decision is written once, in the minutes: item 6's Beslutning, registered on each notice.
        var decisionText = meeting?.Items.FirstOrDefault(i => i.Number == 6)?.Decision ?? Decision;
        var decidedAt = meeting?.StartsAt ?? new DateTime(2025, 6, 27, 7, 0, 0, DateTimeKind.Utc);

        CapacityNotice Make(int op, CapacityChangeKind kind, DateTime submitted, DateOnly effective, string? target, string reason, string consequences, string process, params CapacityNoticeLine[] lines)
        {
            var applied = effective.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
            return new CapacityNotice
            {
                OperatorId = op, Kind = kind, TargetGroupText = target, Reason = reason, Consequences = consequences, Process = process,
                EffectiveDate = effective, State = NoticeState.Decided, CreatedAt = submitted, CreatedBy = Creator, UpdatedAt = decidedAt,
                SubmittedAt = submitted, SubmittedBy = Creator, AgendaItemId = item6, Response = ForumResponse.Neither,
                DecisionText = decisionText, ResponseRecordedAt = decidedAt, AppliedAt = applied,
                Lines = lines.Select((l, i) => { l.SortOrder = i; return l; }).ToList(),
            };
        }

        var vejenNotice = Make(vejen, CapacityChangeKind.Opening, new DateTime(2025, 5, 22, 8, 0, 0, DateTimeKind.Utc), new DateOnly(2025, 7, 1),
            "Børn og unge, som i dag anbringes på private opholdssteder uden for kommunen",
            VejenReason, VejenConsequences, VejenProcess + "\n\nTidspunkt for ændringen: " + VejenTiming,
            new CapacityNoticeLine { ServiceName = "Døgnophold på børn- og ungehjem", LegalBasesAfter = "BL § 43", PlacesBefore = 0, PlacesAfter = 0 });
        vejenNotice.NewOfferName = "Børn- og ungehjem";

        var lunden = Service("Bofællesskabet på Lunden", "Midlertidigt botilbud for unge");
        var lundenNotice = Make(fmk, CapacityChangeKind.Closing, new DateTime(2025, 5, 6, 8, 0, 0, DateTimeKind.Utc), new DateOnly(2025, 12, 31),
            "Unge med betydeligt eller varigt nedsat funktionsniveau, som i en overgangsperiode får støtte til at blive afklaret i forhold til permanent bolig",
            LundenReason, LundenConsequences,
            LundenIntro + "\n\nBofællesskabet på Lunden består af to separate tilbud, begge drevet af Faaborg-Midtfyn Kommune: " + LundenPlaces
                + " Desuden 16 aflastningspladser til børn, unge og voksne med varigt nedsat funktionsniveau, som ikke berøres.\n\n" + LundenProcess
                + "\n\nTidspunkt for ændringen: " + LundenTiming,
            new CapacityNoticeLine
            {
                ServiceId = lunden.ServiceId, ServiceName = "Midlertidigt botilbud for unge", LegalBasesBefore = "SEL § 107", LegalBasesAfter = "SEL § 107",
                TargetGroups = "Udviklingshæmning", PlacesBefore = 8, PlacesAfter = 0,
            });
        lundenNotice.OfferId = lunden.OfferId;
        lundenNotice.OwnUsePercent = 85m;

        var skibet = Service("Skibet", "Akut- og aflastningspladser");
        var skibetNotice = Make(billund, CapacityChangeKind.Conversion, new DateTime(2025, 5, 28, 8, 0, 0, DateTimeKind.Utc), new DateOnly(2025, 9, 1),
            "Voksne borgere med psykiske og sociale problemstillinger (socialpsykiatri)",
            BillundIntro + "\n\n" + SkibetChange + "\n\n" + SkibetReason,
            CapacityConsequence + "\n\n" + SkibetConsequence + "\n\n" + NoExternalBuyers,
            BillundProcess,
            new CapacityNoticeLine
            {
                ServiceId = skibet.ServiceId, ServiceName = "Akut- og aflastningspladser", LegalBasesBefore = "SEL § 84", LegalBasesAfter = "SEL § 107",
                TargetGroups = "Sindslidelse", PlacesBefore = 4, PlacesAfter = 4, RateAfter = 2422m, RateUnitAfter = Offers.RateUnit.PerDay, ServiceLevelHoursAfter = 8.4m,
            });
        skibetNotice.OfferId = skibet.OfferId;

        var sydtoften = Service("Bofællesskab 3 på Sydtoften", "Bolig for unge med udviklingshæmning");
        var sydtoftenNotice = Make(billund, CapacityChangeKind.Closing, new DateTime(2025, 5, 28, 8, 5, 0, DateTimeKind.Utc), new DateOnly(2025, 9, 1),
            "Unge med udviklingshæmning og et midlertidigt behov for støtte",
            BillundIntro + "\n\n" + SydtoftenChange + "\n\n" + SydtoftenReason,
            CapacityConsequence + "\n\n" + SydtoftenConsequence + "\n\n" + NoExternalBuyers,
            BillundProcess,
            new CapacityNoticeLine
            {
                ServiceId = sydtoften.ServiceId, ServiceName = "Bolig for unge med udviklingshæmning", LegalBasesBefore = "ABL § 105, SEL § 85", LegalBasesAfter = "ABL § 105, SEL § 85",
                TargetGroups = "Udviklingshæmning", PlacesBefore = 5, PlacesAfter = 0,
            });
        sydtoftenNotice.OfferId = sydtoften.OfferId;

        db.CapacityNotices.AddRange(vejenNotice, lundenNotice, skibetNotice, sydtoftenNotice);
        await db.SaveChangesAsync(ct);
    }
}

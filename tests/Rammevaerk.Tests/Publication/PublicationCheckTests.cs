using Rammevaerk.Meetings.Import;
using Rammevaerk.Meetings.Publication;
using Rammevaerk.Shared;

namespace Rammevaerk.Tests.Publication;

/// <summary>
/// The check before publication, rule by rule, from a table of real-looking true and false positives (issue 12's
/// "bad input"), and on both seeds, whose two real date errors it must find and nothing else of the kind.
/// </summary>
public class PublicationCheckTests
{
    /// <summary>22 March 2024 (seed 000), ended; "now" is long after.</summary>
    private static readonly DateTime MeetingStart = Danish.ToUtc(new DateTime(2024, 3, 22, 9, 0, 0));
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private static CheckMeeting Meeting(string? background = null, string? decision = null, string title = "Botilbudskapacitet",
        IReadOnlyList<CheckAttachment>? attachments = null, bool closed = false, DateTime? start = null, DateTime? end = null) =>
        new(1, "Møde i Socialdirektørforum", "Byrådssalen, Middelfart Rådhus", start ?? MeetingStart, end ?? (start ?? MeetingStart).AddHours(3),
        [
            new CheckItem(10, 4, title, closed, null, background, null, null, decision, [], attachments ?? []),
        ]);

    private static IReadOnlyList<Finding> Run(CheckMeeting m, PublicationStep step = PublicationStep.Minutes) => PublicationCheck.Run(m, step, Now);

    private static CheckAttachment Read(int id, string name, byte[] bytes)
    {
        var r = AttachmentReader.Read(name, bytes);
        return new CheckAttachment(id, name, false, r.Readability, r.Text);
    }

    // --- CPR numbers: block ------------------------------------------------------------------------------------------

    public static TheoryData<string> CprInText => new()
    {
        "Borgeren, cpr-nr. 010190-1234, er visiteret.",
        "Borgeren (cpr 010190\u00A01234) er visiteret.",
        "Borgeren med cpr 010190.1234 er visiteret.",
        "Borgeren med personnummer 0101901234 er visiteret.",
        "| Borger | Cpr |\n|---|---|\n| J. Hansen | 010190-1234 |",
        "Se [010190-1234](https://www.example.dk/sag) for detaljer.",
        "Escaped i Markdown: 010190\\-1234.",
        "Erstatningspersonnummer 610190-1234.",
    };

    [Theory]
    [MemberData(nameof(CprInText))]
    public void A_cpr_number_in_a_section_blocks_publication_and_is_shown_masked(string text)
    {
        var finding = Assert.Single(Run(Meeting(background: text, decision: "Godkendt.")), f => f.Kind == FindingKind.CprNumber);

        Assert.Equal(FindingSeverity.Blocks, finding.Severity);
        Assert.Equal(CheckField.Background, finding.Place.Field);
        // As written (a substitute number's day plus 60 too), so the secretariat finds it in the text; never in full.
        Assert.Contains(text.Contains("610190") ? "610190-xxxx" : "010190-xxxx", finding.Message);
        Assert.DoesNotContain("1234", finding.Message + finding.Excerpt);
        Assert.Equal("/sekretariat/punkter/10#Input_Background", finding.Place.EditLink(1));
    }

    [Fact]
    public void A_cpr_number_in_an_item_title_a_decision_or_a_closed_item_blocks_too()
    {
        Assert.Contains(Run(Meeting(title: "Klage fra 010190-1234", decision: "Godkendt.")), f => f.Kind == FindingKind.CprNumber && f.Place.Field == CheckField.ItemTitle);
        Assert.Contains(Run(Meeting(decision: "Borgeren 010190-1234 visiteres.")), f => f.Kind == FindingKind.CprNumber && f.Place.Field == CheckField.Decision);
        Assert.Contains(Run(Meeting(background: "Sag om 010190-1234", closed: true)), f => f.Kind == FindingKind.CprNumber && f.Severity == FindingSeverity.Blocks);
    }

    [Fact]
    public void The_agenda_does_not_check_the_decisions_it_does_not_publish()
    {
        var findings = Run(Meeting(decision: "Udkast: borgeren 010190-1234."), PublicationStep.Agenda);

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.CprNumber);
    }

    public static TheoryData<string, Func<byte[]>> CprInAttachments => new()
    {
        { "notat.pdf", () => TestFiles.PdfWithLines("Notat om borgeren", "cpr-nr. 010190-1234") },
        { "split.pdf", () => TestFiles.PdfWithLines("Borgerens personnummer er 010190-", "1234 ifoelge journalen") },
        { "header.docx", () => TestFiles.DocxWithHeader("Notat uden personnumre i teksten.", "Sag vedr. 010190-1234") },
        { "liste.xlsx", () => TestFiles.Xlsx("Navn", "J. Hansen", "010190-1234") },
        { "slides.pptx", () => TestFiles.Pptx("Borger 010190-1234 visiteret") },
    };

    [Theory]
    [MemberData(nameof(CprInAttachments))]
    public void A_cpr_number_in_an_attachment_blocks_however_it_is_stored(string name, Func<byte[]> file)
    {
        var findings = Run(Meeting(decision: "Godkendt.", attachments: [Read(7, name, file())]));

        var finding = Assert.Single(findings, f => f.Kind == FindingKind.CprNumber);
        Assert.Equal(CheckField.AttachmentText, finding.Place.Field);
        Assert.Equal("/sekretariat/punkter/10#bilag-7", finding.Place.EditLink(1));
    }

    [Theory]
    [InlineData("Sag 010190-1234.pdf")]
    [InlineData("Sag_0101901234.pdf")]
    [InlineData("Journal_010190_1234.pdf")]
    public void A_cpr_number_in_an_attachments_file_name_blocks(string name)
    {
        var findings = Run(Meeting(decision: "Godkendt.", attachments: [new CheckAttachment(7, name, true, AttachmentReadability.NotRead, null)]));

        var finding = Assert.Single(findings, f => f.Kind == FindingKind.CprNumber);
        Assert.Equal(CheckField.AttachmentName, finding.Place.Field);
    }

    public static TheoryData<string> NotCpr => new()
    {
        "Fakturanummer 123456-7890 er betalt.",
        "Ring på 70 10 12 34 eller +45 20304050.",
        "Døgntaksten er 2.422 kr. pr. døgn.",
        "Budgettet er 869.500 kr. og 1.299.724 kr. i alt.",
        "Journalnummer 2025-0101-1234.",
        "P-nummer 1003388394.",
        "Mødet holdes 13.12.2024 kl. 09:00.",
    };

    [Theory]
    [MemberData(nameof(NotCpr))]
    public void Numbers_that_only_look_like_cpr_numbers_are_not_flagged(string text)
    {
        Assert.DoesNotContain(Run(Meeting(background: text, decision: "Godkendt.")), f => f.Kind == FindingKind.CprNumber);
    }

    // --- Process rules: block ---------------------------------------------------------------------------------------

    [Fact]
    public void Minutes_of_a_meeting_that_has_not_ended_are_blocked()
    {
        var findings = PublicationCheck.Run(Meeting(decision: "Godkendt.", start: Now.AddHours(-1), end: Now.AddHours(2)), PublicationStep.Minutes, Now);

        Assert.Contains(findings, f => f.Kind == FindingKind.MeetingNotEnded && f.Severity == FindingSeverity.Blocks);
        Assert.DoesNotContain(PublicationCheck.Run(Meeting(start: Now.AddHours(-1), end: Now.AddHours(2)), PublicationStep.Agenda, Now), f => f.Kind == FindingKind.MeetingNotEnded);
    }

    [Fact]
    public void Minutes_with_an_open_item_without_decision_are_blocked_a_closed_one_is_not()
    {
        Assert.Contains(Run(Meeting()), f => f.Kind == FindingKind.MissingDecision && f.Message == "Punkt 4 (Botilbudskapacitet) mangler en beslutning.");
        Assert.DoesNotContain(Run(Meeting(closed: true)), f => f.Kind == FindingKind.MissingDecision);
        Assert.DoesNotContain(Run(Meeting(), PublicationStep.Agenda), f => f.Kind == FindingKind.MissingDecision);
    }

    // --- Dates after the meeting spoken of as past: warn -------------------------------------------------------------

    public static TheoryData<string, string> PastDatesAfterTheMeeting => new()
    {
        { "Vedhæftet som bilag er referat fra sidste møde Socialdirektørforum den 13. december 2024", "13. december 2024" },
        { "Forretningsudvalget indstiller, at godkende referatet fra den 13. december 2024", "13. december 2024" },
        { "Referatet fra sidste møde den 13/12-2024 blev godkendt.", "13/12-2024" },
        { "Referatet fra mødet den 13.12.24 blev godkendt.", "13.12.24" },
        { "Sagen blev drøftet på mødet den 13. dec. 2024.", "13. dec. 2024" },
        { "Problematikken fremlagt af Tønder Kommune den 13. december 2024 foregik i brevet.", "13. december 2024" },
        { "Mødet den 13-12-2024 blev afholdt i Vejle.", "13-12-2024" },
    };

    [Theory]
    [MemberData(nameof(PastDatesAfterTheMeeting))]
    public void A_date_after_the_meeting_spoken_of_as_past_warns(string text, string written)
    {
        var finding = Assert.Single(Run(Meeting(background: text, decision: "Godkendt.")), f => f.Kind == FindingKind.PastDateAfterMeeting);

        Assert.Equal(FindingSeverity.Warns, finding.Severity);
        Assert.Contains($"«{written}»", finding.Message);
        Assert.Contains("22. marts 2024", finding.Message);
    }

    public static TheoryData<string> DatesThatAreFine => new()
    {
        "Årsrapporten behandles på møde i K22 den 20. august 2025 og i KKR den 3. september i 2025.",
        "Kommunerne skal præsentere en fælles løsning den 31. december 2024.",
        "Deadline var oprindeligt sat til den 1. juni 2024.",
        "Lukningen planlægges at træde i kraft pr. 31. december 2025.",
        "Dette forventes gennemført senest 1. september 2025.",
        "Referatet fra sidste møde den 13. december 2023 blev godkendt.",
        "Gæsterne deltager kl. 9.30-10.30 og kl. 10.30-11.30.",
        "Målgruppe 3 visiteres til det regionale tilbud fra 1. juli 2026.",
        "Næste møde afholdes den 13. december 2024.",
        "Forretningsudvalget godkendte udkastet til dagsorden for Socialdirektørforums møde den 11. december 2024.",
        "Sekretariatet sendte invitationen ud i marts, og temadagen er den 13. december 2024.",
    };

    [Theory]
    [MemberData(nameof(DatesThatAreFine))]
    public void Planned_dates_and_dates_before_the_meeting_do_not_warn(string text)
    {
        Assert.DoesNotContain(Run(Meeting(background: text, decision: "Godkendt.")), f => f.Kind == FindingKind.PastDateAfterMeeting);
    }

    [Fact]
    public void Dates_are_found_however_Danish_writes_them()
    {
        var dates = DanishDates.Find("den 13. december 2024, 13/12-2024, 13.12.24, 13. dec. 2024, 13-12-2024, 2024-12-13 og 1.1.2024").Select(d => d.Date).ToList();

        Assert.Equal(6, dates.Count(d => d == new DateOnly(2024, 12, 13)));
        Assert.Contains(new DateOnly(2024, 1, 1), dates);
        Assert.Empty(DanishDates.Find("kl. 9.30-10.30, 31.02.2024, 2.422 kr. og 0101901234"));
    }

    // --- Empty headings, unreadable attachments, links: warn ---------------------------------------------------------

    [Theory]
    [InlineData("### Kolding Kommune\n\n### Vedr. Tinghøj\n\nTeksten.", "Kolding Kommune")]
    [InlineData("Indledning.\n\n### Status", "Status")]
    public void An_empty_section_heading_warns(string markdown, string heading)
    {
        var finding = Assert.Single(Run(Meeting(background: markdown, decision: "Godkendt.")), f => f.Kind == FindingKind.EmptyHeading);
        Assert.Contains($"«{heading}»", finding.Message);
    }

    [Theory]
    [InlineData("### Status\n\nTeksten.")]
    [InlineData("### Status\n#### Kolding\nTeksten.")]
    public void A_heading_with_text_under_it_does_not_warn(string markdown)
    {
        Assert.DoesNotContain(Run(Meeting(background: markdown, decision: "Godkendt.")), f => f.Kind == FindingKind.EmptyHeading);
    }

    [Fact]
    public void A_scanned_or_unreadable_attachment_warns_that_it_is_not_accessible()
    {
        var scanned = Read(1, "scannet.pdf", Rammevaerk.Demo.MinimalPdf.Create(""));
        var broken = Read(2, "ødelagt.pdf", Pdf.PdfReading.CorruptPdf());
        Assert.Equal(AttachmentReadability.NoText, scanned.Readability);
        Assert.Equal(AttachmentReadability.Unreadable, broken.Readability);

        var findings = Run(Meeting(decision: "Godkendt.", attachments: [scanned, broken])).Where(f => f.Kind == FindingKind.UnreadableAttachment).ToList();

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingSeverity.Warns, f.Severity));
        Assert.Contains("skærmlæsere", findings[0].Message);
    }

    public static TheoryData<string> NonPublicAddresses => new()
    {
        "Se [sagen](file:///C:/Sager/notat.docx).",
        @"Filen ligger på \\fileserver\social\notat.docx.",
        "Se http://localhost:5080/moeder/3.",
        "Se http://10.0.0.5/intranet/sag.",
        "Se <https://192.168.1.20/dokumenter>.",
        "Se [intranettet](http://intranet/socialsekretariat).",
        "Se https://sharepoint.kommune.local/sites/social.",
    };

    [Theory]
    [MemberData(nameof(NonPublicAddresses))]
    public void A_link_to_a_non_public_address_warns(string text)
    {
        var finding = Assert.Single(Run(Meeting(background: text, decision: "Godkendt.")), f => f.Kind == FindingKind.NonPublicLink);
        Assert.Equal(FindingSeverity.Warns, finding.Severity);
    }

    [Theory]
    [InlineData("Se [KL](https://www.kl.dk) og www.retsinformation.dk/eli/lta/2023/1487.")]
    [InlineData("Se <https://www.socialstyrelsen.dk/tilbudsportalen>.")]
    [InlineData("Se [mødesiden](/moeder/3) og mailto:sekretariat@example.dk.")]
    public void Public_and_relative_links_do_not_warn(string text)
    {
        Assert.DoesNotContain(Run(Meeting(background: text, decision: "Godkendt.")), f => f.Kind == FindingKind.NonPublicLink);
    }

    // --- The seeds ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("000", "13. december 2024", 2)]
    [InlineData("001", "13. december 2025", 1)]
    public void The_seeds_real_date_errors_are_found_and_nothing_else_of_the_kind(string seed, string written, int count)
    {
        var parsed = MinutesParser.Parse(SeedFiles.Read(seed));
        var meeting = new CheckMeeting(1, parsed.Title, parsed.Place, Danish.ToUtc(parsed.StartsLocal!.Value), null,
            parsed.Items.Select(i => new CheckItem(i.Number, i.Number, i.Title, false, i.Intro, i.Background, i.Recommendation, i.CasePresentation, i.Decision, [],
                i.AttachmentNames.Select((n, k) => new CheckAttachment(i.Number * 100 + k, n, true, AttachmentReadability.NotRead, null)).ToList())).ToList());

        var findings = PublicationCheck.Run(meeting, PublicationStep.Minutes, Now, archive: true);

        var dates = findings.Where(f => f.Kind == FindingKind.PastDateAfterMeeting).ToList();
        Assert.Equal(count, dates.Count);
        Assert.All(dates, d => Assert.Contains($"«{written}»", d.Message));
        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.CprNumber);
        Assert.DoesNotContain(findings, f => f.Kind is FindingKind.MissingDecision or FindingKind.MeetingNotEnded);
    }
}

using Rammevaerk.Offers;
using Rammevaerk.Reporting;
using Rammevaerk.Reporting.Validation;

namespace Rammevaerk.Tests.Reporting;

/// <summary>
/// The validation of an operator's report, one rule at a time. Every message must let a municipal clerk find the
/// mistake: it names the offer, the service (for a service's field) and the field.
/// </summary>
public sealed class ReportValidatorTests
{
    private const string OfferName = "Bostedet Lunden";
    private const string ServiceName = "Længerevarende botilbud";
    /// <summary>How a service's messages begin: the offer and the service.</summary>
    private const string ServicePrefix = OfferName + ", " + ServiceName + ": ";

    private static readonly OfferSnapshot LastYearOffer = new()
    {
        OfferId = 1, Name = OfferName, Status = OfferStatus.Active, Year = 2026,
        Departments =
        [
            new DepartmentSnapshot
            {
                DepartmentId = 5, Name = "Botilbud",
                Services = [new ServiceSnapshot { ServiceId = 11, Name = ServiceName, Places = 8, Rate = 2000m, RateUnit = RateUnit.PerDay, RateYear = 2026 }],
            },
        ],
    };

    private static ValidationContext Context(decimal threshold = 10m) => new(
        ReferenceLists.LegalBases.ToDictionary(l => l.Code, l => l.Scope, StringComparer.OrdinalIgnoreCase),
        ReferenceLists.TargetGroups.ToDictionary(t => t.Name, t => t.Scope, StringComparer.OrdinalIgnoreCase),
        new Dictionary<int, string> { [573] = "Varde", [530] = "Billund", [630] = "Vejle" },
        2027, threshold,
        new Dictionary<int, OfferSnapshot> { [1] = LastYearOffer });

    /// <summary>A report of one offer that passes every rule: the starting point each test breaks in one place.</summary>
    private static OfferSnapshot Valid() => new()
    {
        OfferId = 1, Name = OfferName, Address = "Lundenvej 1", PostalCode = "6800", City = "Varde", PortalId = "4711",
        Status = OfferStatus.Active, StatusSince = new DateOnly(2015, 1, 1), Year = 2027,
        Departments =
        [
            new DepartmentSnapshot
            {
                DepartmentId = 5, PortalKey = "4711-1", Name = "Botilbud",
                Services =
                [
                    new ServiceSnapshot
                    {
                        ServiceId = 11, Name = ServiceName, LegalBases = ["SEL § 108"], TargetGroups = ["Udviklingshæmning"],
                        Places = 8, Rate = 2050m, RateUnit = RateUnit.PerDay, RateYear = 2027, ServiceLevelHours = 8m, CoveredByAgreement = true,
                    },
                ],
            },
        ],
        Buyers = [new BuyerSnapshot { MunicipalityCode = 573, Citizens = 5 }],
    };

    /// <summary>The valid offer with its one service changed.</summary>
    private static OfferSnapshot WithService(Func<ServiceSnapshot, ServiceSnapshot> change, OfferStatus status = OfferStatus.Active)
    {
        var o = Valid();
        return o with
        {
            Status = status,
            ClosingDate = status == OfferStatus.Active ? null : new DateOnly(2027, 6, 30),
            Departments = [o.Departments[0] with { Services = [change(o.Departments[0].Services[0])] }],
        };
    }

    private static List<ReportIssue> Validate(params OfferSnapshot[] offers) => ReportValidator.Validate(offers, Context());

    private static ReportIssue Single(IEnumerable<ReportIssue> issues, ReportField field, IssueSeverity severity = IssueSeverity.Error)
    {
        var matching = issues.Where(i => i.Field == field && i.Severity == severity).ToList();
        Assert.True(matching.Count == 1, $"Expected one {severity} on {field}, found: {string.Join(" | ", issues.Select(i => $"{i.Severity} {i.Field}: {i.Message}"))}");
        return matching[0];
    }

    /// <summary>A service's error: one issue on the field, naming the offer and the service, pointing at the service.</summary>
    private static ReportIssue ServiceError(OfferSnapshot offer, ReportField field, string contains)
    {
        var issues = Validate(offer);
        var issue = Single(issues, field);
        Assert.StartsWith(ServicePrefix, issue.Message);
        Assert.Contains(contains, issue.Message);
        Assert.Equal((0, 0, 0), (issue.OfferIndex, issue.DepartmentIndex, issue.ServiceIndex));
        Assert.True(issue.Blocks);
        return issue;
    }

    [Fact]
    public void The_valid_report_has_no_issues()
    {
        Assert.Empty(Validate(Valid()));
    }

    // --- The offer -------------------------------------------------------------------------------------------

    [Fact]
    public void Missing_offer_name_is_an_error_naming_the_offer_by_its_number()
    {
        var issue = Single(Validate(Valid(), Valid() with { OfferId = 2, Name = " ", PortalId = "4712" }), ReportField.Name);
        Assert.Equal("Tilbud nr. 2: Tilbuddets navn mangler.", issue.Message);
        Assert.Equal(1, issue.OfferIndex);
        Assert.Equal("Tilbuddets navn", issue.FieldName);
    }

    [Fact]
    public void Duplicate_offer_names_are_an_error_on_the_second_naming_the_first()
    {
        var issue = Single(Validate(Valid(), Valid() with { OfferId = null, Name = "bostedet lunden", PortalId = "4712" }), ReportField.Name);
        Assert.Equal(1, issue.OfferIndex);
        Assert.Equal("bostedet lunden: Tilbuddet er indberettet to gange (også som tilbud nr. 1). Slå de to sammen, eller giv dem hver sit navn.", issue.Message);
    }

    [Fact]
    public void The_same_register_offer_twice_is_an_error()
    {
        var issue = Single(Validate(Valid(), Valid() with { Name = "Lunden 2", PortalId = "4712" }), ReportField.Offer);
        Assert.Contains("Lunden 2: Samme tilbud (id 1) står to gange", issue.Message);
    }

    [Fact]
    public void Duplicate_Tilbudsportalen_ids_are_an_error_naming_both_offers()
    {
        var issue = Single(Validate(Valid(), Valid() with { OfferId = 2, Name = "Skovbrynet", PortalId = " 4711 " }), ReportField.PortalId);
        Assert.Equal(1, issue.OfferIndex);
        Assert.Equal("Skovbrynet: Tilbudsportalen-id 4711 bruges også af tilbud nr. 1 (Bostedet Lunden). Et tilbud må kun indberettes én gang.", issue.Message);
        Assert.Equal("Tilbudsportalen-id", issue.FieldName);
    }

    [Theory]
    [InlineData("68OO")]
    [InlineData("680")]
    [InlineData("68000")]
    public void A_postal_code_that_is_not_four_digits_is_an_error(string code)
    {
        var issue = Single(Validate(Valid() with { PostalCode = code }), ReportField.PostalCode);
        Assert.Equal($"Bostedet Lunden: Postnummeret skal være fire cifre – der står '{code}'.", issue.Message);
    }

    [Theory]
    [InlineData(OfferStatus.Closing, "under lukning")]
    [InlineData(OfferStatus.Closed, "lukket")]
    public void A_closing_or_closed_offer_without_closing_date_is_an_error(OfferStatus status, string word)
    {
        var issue = Single(Validate(Valid() with { Status = status }), ReportField.ClosingDate);
        Assert.Equal($"Bostedet Lunden: Et tilbud, der er {word}, skal have en lukkedato.", issue.Message);
        Assert.Equal("Lukkedato", issue.FieldName);
    }

    [Fact]
    public void An_active_offer_with_a_closing_date_is_an_error()
    {
        var issue = Single(Validate(Valid() with { ClosingDate = new DateOnly(2027, 3, 1) }), ReportField.ClosingDate);
        Assert.StartsWith("Bostedet Lunden: Et aktivt tilbud kan ikke have en lukkedato.", issue.Message);
    }

    [Fact]
    public void A_closing_date_before_status_since_is_an_error_with_Danish_dates()
    {
        var offer = Valid() with { Status = OfferStatus.Closing, StatusSince = new DateOnly(2027, 2, 1), ClosingDate = new DateOnly(2027, 1, 15) };
        var issue = Single(Validate(offer), ReportField.ClosingDate);
        Assert.Equal("Bostedet Lunden: Lukkedatoen (15. januar 2027) ligger før 'Status fra' (1. februar 2027).", issue.Message);
    }

    [Fact]
    public void An_offer_without_services_is_an_error_unless_closed()
    {
        var issue = Single(Validate(Valid() with { Departments = [] }), ReportField.Department);
        Assert.StartsWith("Bostedet Lunden: Tilbuddet har ingen ydelser.", issue.Message);

        Assert.Empty(Validate(Valid() with { Departments = [], Status = OfferStatus.Closed, ClosingDate = new DateOnly(2026, 12, 31) }));
    }

    // --- Legal bases and target groups ------------------------------------------------------------------------

    [Fact]
    public void Missing_legal_basis_is_an_error_naming_offer_service_and_field()
    {
        var issue = ServiceError(WithService(s => s with { LegalBases = [] }), ReportField.LegalBases, "Paragraf mangler.");
        Assert.Equal("Paragraf", issue.FieldName);
    }

    [Fact]
    public void Unknown_legal_basis_is_an_error_quoting_it()
    {
        ServiceError(WithService(s => s with { LegalBases = ["SEL § 999"] }), ReportField.LegalBases, "Paragraffen 'SEL § 999' findes ikke på listen.");
    }

    [Fact]
    public void Missing_or_unknown_target_group_is_an_error()
    {
        ServiceError(WithService(s => s with { TargetGroups = [] }), ReportField.TargetGroups, "Målgruppe mangler.");
        var issue = ServiceError(WithService(s => s with { TargetGroups = ["Ældre"] }), ReportField.TargetGroups, "Målgruppen 'Ældre' findes ikke på listen.");
        Assert.Equal("Målgruppe", issue.FieldName);
    }

    [Fact]
    public void A_paragraph_for_adults_with_a_target_group_of_children_is_an_error()
    {
        var offer = WithService(s => s with { LegalBases = ["SEL § 107"], TargetGroups = ["Børn og unge med funktionsnedsættelse"] });
        var issue = ServiceError(offer, ReportField.TargetGroups,
            "SEL § 107 er for voksne og passer ikke til målgruppen 'Børn og unge med funktionsnedsættelse' (børn og unge). Ret paragraffen eller målgruppen.");
        Assert.Equal(IssueSeverity.Error, issue.Severity);
    }

    [Fact]
    public void Paragraphs_and_groups_for_all_ages_fit_anything()
    {
        Assert.Empty(Validate(WithService(s => s with { LegalBases = ["SEL § 108", "SUL § 140"], TargetGroups = ["Udviklingshæmning", "Erhvervet hjerneskade"] })));
        Assert.Empty(Validate(WithService(s => s with { LegalBases = ["SEL § 84"], TargetGroups = ["Børn og unge med funktionsnedsættelse"], ServiceLevelHours = null })));
    }

    // --- Places ------------------------------------------------------------------------------------------------

    [Fact]
    public void Missing_places_is_an_error()
    {
        var issue = ServiceError(WithService(s => s with { Places = null }), ReportField.Places, "Antal pladser mangler.");
        Assert.Equal("Pladser", issue.FieldName);
    }

    [Theory]
    [InlineData(-1, "−1")]
    [InlineData(10_001, "10.001")]
    public void Places_out_of_range_are_an_error(int places, string shown)
    {
        var issue = ServiceError(WithService(s => s with { Places = places }), ReportField.Places, "Antal pladser skal være mellem 0 og 10.000");
        Assert.EndsWith($"der står {shown}.", issue.Message.Replace("-", "−"));
    }

    [Fact]
    public void Zero_places_on_an_active_offer_is_an_error()
    {
        ServiceError(WithService(s => s with { Places = 0 }), ReportField.Places, "Et aktivt tilbud kan ikke have 0 pladser.");
    }

    [Fact]
    public void Zero_places_are_allowed_when_the_offer_is_closing()
    {
        var issues = Validate(WithService(s => s with { Places = 0 }, OfferStatus.Closing));
        Assert.DoesNotContain(issues, i => i.Field == ReportField.Places);
        Assert.Empty(issues);
    }

    // --- Rates -------------------------------------------------------------------------------------------------

    [Fact]
    public void Missing_rate_on_a_covered_active_service_is_an_error()
    {
        ServiceError(WithService(s => s with { Rate = null }), ReportField.Rate, "Takst mangler. Ydelser omfattet af rammeaftalen skal have en takst.");
    }

    [Fact]
    public void Missing_rate_is_allowed_when_not_covered_or_closing()
    {
        Assert.Empty(Validate(WithService(s => s with { Rate = null, CoveredByAgreement = false })));
        Assert.Empty(Validate(WithService(s => s with { Rate = null }, OfferStatus.Closing)));
    }

    [Theory]
    [InlineData("0", "0,00")]
    [InlineData("-100", "-100,00")]
    public void A_rate_of_zero_or_less_is_an_error(string rate, string shown)
    {
        var issue = ServiceError(WithService(s => s with { Rate = decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture) }),
            ReportField.Rate, "Taksten skal være over 0 og højst 10.000.000 kr.");
        Assert.EndsWith($"der står {shown}.", issue.Message.Replace("−", "-"));
        Assert.Equal("Takst (kr.)", issue.FieldName);
    }

    [Fact]
    public void A_rate_without_unit_is_an_error()
    {
        var issue = ServiceError(WithService(s => s with { RateUnit = null }), ReportField.RateUnit, "Takstenhed mangler.");
        Assert.Equal("Takstenhed", issue.FieldName);
    }

    [Fact]
    public void A_rate_for_another_year_than_the_round_is_an_error()
    {
        ServiceError(WithService(s => s with { RateYear = 2026 }), ReportField.RateYear,
            "Taksten er for 2026, men indberetningen gælder 2027. Angiv 2027-taksten, og ret takståret.");
        ServiceError(WithService(s => s with { RateYear = null }), ReportField.RateYear, "Takstår mangler. Taksten skal være for 2027.");
    }

    // --- Service level -----------------------------------------------------------------------------------------

    [Fact]
    public void A_service_level_above_24_hours_is_an_error()
    {
        var issue = ServiceError(WithService(s => s with { ServiceLevelHours = 24.5m }), ReportField.ServiceLevel,
            "Serviceniveauet skal være mellem 0 og 24 timer pr. borger pr. døgn – der står 24,5.");
        Assert.Equal("Serviceniveau (timer pr. borger pr. døgn)", issue.FieldName);
        Assert.Empty(Validate(WithService(s => s with { ServiceLevelHours = 24m })));
    }

    [Fact]
    public void A_residential_service_without_service_level_is_a_warning_answered_by_a_comment()
    {
        var warning = Single(Validate(WithService(s => s with { ServiceLevelHours = null })), ReportField.ServiceLevel, IssueSeverity.Warning);
        Assert.StartsWith(ServicePrefix + "Serviceniveau (timer pr. borger pr. døgn) mangler for et botilbud.", warning.Message);
        Assert.False(warning.Answered);
        Assert.True(warning.Blocks);

        var answered = Single(Validate(WithService(s => s with { ServiceLevelHours = null, Comment = "Opgøres først efter 1. kvartal." })),
            ReportField.ServiceLevel, IssueSeverity.Warning);
        Assert.True(answered.Answered);
        Assert.False(answered.Blocks);
    }

    [Fact]
    public void A_day_service_without_service_level_has_no_warning()
    {
        Assert.Empty(Validate(WithService(s => s with { LegalBases = ["SEL § 104"], ServiceLevelHours = null })));
    }

    // --- Against last year -------------------------------------------------------------------------------------

    [Fact]
    public void A_rate_change_beyond_the_threshold_is_a_warning_answered_by_a_reason()
    {
        var warning = Single(Validate(WithService(s => s with { Rate = 2300m })), ReportField.RateChangeReason, IssueSeverity.Warning);
        Assert.Equal(ServicePrefix + "Taksten er ændret +15,0 % i forhold til sidste år (2.000,00 → 2.300,00 kr. pr. døgn). " +
                     "Ændringer over 10 % skal begrundes i 'Begrundelse for takstændring'.", warning.Message);
        Assert.True(warning.Blocks);
        Assert.Equal("Begrundelse for takstændring", warning.FieldName);

        // A comment is not a reason: the warning stays unanswered.
        Assert.True(Single(Validate(WithService(s => s with { Rate = 2300m, Comment = "Ny normering" })), ReportField.RateChangeReason, IssueSeverity.Warning).Blocks);

        var answered = Single(Validate(WithService(s => s with { Rate = 2300m, RateChangeReason = "Ny normering efter tilsyn" })), ReportField.RateChangeReason, IssueSeverity.Warning);
        Assert.True(answered.Answered);
        Assert.False(answered.Blocks);
    }

    [Fact]
    public void A_fall_in_rate_beyond_the_threshold_is_a_warning_too()
    {
        var warning = Single(Validate(WithService(s => s with { Rate = 1700m })), ReportField.RateChangeReason, IssueSeverity.Warning);
        Assert.Contains("ændret −15,0 %", warning.Message);
    }

    [Theory]
    [InlineData(2200)]
    [InlineData(1800)]
    public void A_rate_change_exactly_at_the_threshold_has_no_warning(int rate)
    {
        Assert.Empty(Validate(WithService(s => s with { Rate = rate })));
    }

    [Fact]
    public void The_rounds_threshold_is_used()
    {
        Assert.Empty(ReportValidator.Validate([WithService(s => s with { Rate = 2300m })], Context(threshold: 20m)));
        Assert.Single(ReportValidator.Validate([WithService(s => s with { Rate = 2150m })], Context(threshold: 5m)));
    }

    [Fact]
    public void A_rate_change_with_another_unit_or_on_a_new_service_is_not_compared()
    {
        Assert.Empty(Validate(WithService(s => s with { Rate = 60_000m, RateUnit = RateUnit.PerMonth })));
        Assert.Empty(Validate(WithService(s => s with { ServiceId = null, Rate = 9000m })));
    }

    [Fact]
    public void Places_changed_more_than_25_percent_is_a_warning_answered_by_a_comment()
    {
        var warning = Single(Validate(WithService(s => s with { Places = 11 })), ReportField.Comment, IssueSeverity.Warning);
        Assert.StartsWith(ServicePrefix + "Antal pladser er ændret fra 8 til 11 (+37,5 %).", warning.Message);
        Assert.True(warning.Blocks);

        var answered = Single(Validate(WithService(s => s with { Places = 4, Comment = "Fire pladser lukket pr. 1.1." })), ReportField.Comment, IssueSeverity.Warning);
        Assert.Contains("fra 8 til 4 (−50,0 %)", answered.Message);
        Assert.False(answered.Blocks);

        Assert.Empty(Validate(WithService(s => s with { Places = 10 })));
    }

    // --- Buyers ------------------------------------------------------------------------------------------------

    [Fact]
    public void An_unknown_buyer_is_an_error()
    {
        var issue = Single(Validate(Valid() with { Buyers = [new BuyerSnapshot { MunicipalityCode = 9999, Citizens = 2 }] }), ReportField.Buyer);
        Assert.Equal("Bostedet Lunden: Køberkommunen '9999' kendes ikke. Skriv kommunens navn, fx 'Vejle'.", issue.Message);
        Assert.Equal(0, issue.BuyerIndex);

        var named = Single(Validate(Valid() with { Buyers = [new BuyerSnapshot { MunicipalityCode = 0, MunicipalityName = "Vejlle", Citizens = 2 }] }), ReportField.Buyer);
        Assert.Contains("Køberkommunen 'Vejlle' kendes ikke", named.Message);
    }

    [Fact]
    public void A_buyer_twice_is_an_error_on_the_second_line()
    {
        var offer = Valid() with { Buyers = [new BuyerSnapshot { MunicipalityCode = 573, Citizens = 5 }, new BuyerSnapshot { MunicipalityCode = 630, Citizens = 1 }, new BuyerSnapshot { MunicipalityCode = 573, Citizens = 2 }] };
        var issue = Single(Validate(offer), ReportField.Buyer);
        Assert.Equal("Bostedet Lunden: Varde står flere gange som køberkommune. Læg antallet af borgere sammen i én linje.", issue.Message);
        Assert.Equal(2, issue.BuyerIndex);
    }

    [Fact]
    public void A_buyer_with_no_citizens_is_an_error()
    {
        var issue = Single(Validate(Valid() with { Buyers = [new BuyerSnapshot { MunicipalityCode = 630, Citizens = 0 }] }), ReportField.Citizens);
        Assert.Equal("Bostedet Lunden: Antal borgere fra Vejle skal være mellem 1 og 10.000.", issue.Message);
        Assert.Equal("Antal borgere", issue.FieldName);
    }

    // --- The browser form --------------------------------------------------------------------------------------

    /// <summary>The valid offer as the form shows it, with one service's text fields changed.</summary>
    private static ReportForm FormWith(Action<ReportForm.ServiceInput>? service = null, Action<ReportForm.OfferInput>? offer = null)
    {
        var form = ReportForm.From([Valid()]);
        service?.Invoke(form.Offers[0].Departments[0].Services[0]);
        offer?.Invoke(form.Offers[0]);
        return form;
    }

    [Fact]
    public void The_form_shows_the_snapshot_and_reads_it_back_unchanged()
    {
        var form = ReportForm.From([Valid() with { Departments = [Valid().Departments[0] with { Services = [Valid().Departments[0].Services[0] with { Rate = 2422.5m, ServiceLevelHours = 8.4m }] }] }]);
        var s = form.Offers[0].Departments[0].Services[0];
        Assert.Equal(("2422,5", "8,4", "8", "2027"), (s.Rate, s.ServiceLevel, s.Places, s.RateYear));

        var (offers, problems) = form.ToSnapshots();
        Assert.Empty(problems);
        var back = offers.Single().Services.Single();
        Assert.Equal((2422.5m, 8.4m, 8, 2027, RateUnit.PerDay), (back.Rate, back.ServiceLevelHours, back.Places, back.RateYear, back.RateUnit));
        Assert.Equal(new DateOnly(2015, 1, 1), offers[0].StatusSince);
        Assert.Equal(573, offers[0].Buyers.Single().MunicipalityCode);
    }

    [Fact]
    public void Words_in_places_give_a_Danish_message_pointing_at_the_field()
    {
        var (_, problems) = FormWith(s => s.Places = "otte").ToSnapshots();
        var problem = Assert.Single(problems);
        Assert.Equal(ReportField.Places, problem.Field);
        Assert.Equal("Bostedet Lunden, Længerevarende botilbud: Pladser skal være et helt tal – der står 'otte'.", problem.Message);
        Assert.Equal("Form_Offers_0__Departments_0__Services_0__Places", ReportForm.FieldId(problem));
    }

    [Theory]
    [InlineData("2.422,50", 2422.50)]
    [InlineData("2422,50", 2422.50)]
    [InlineData("2.422", 2422)]
    [InlineData("2.422,50 kr.", 2422.50)]
    [InlineData(" 12 500 ", 12500)]
    public void Danish_amounts_are_read_as_Danish(string typed, double expected)
    {
        var (offers, problems) = FormWith(s => s.Rate = typed).ToSnapshots();
        Assert.Empty(problems);
        Assert.Equal((decimal)expected, offers[0].Services.Single().Rate);
    }

    [Fact]
    public void Hours_with_a_decimal_comma_are_read()
    {
        var (offers, problems) = FormWith(s => s.ServiceLevel = "8,4").ToSnapshots();
        Assert.Empty(problems);
        Assert.Equal(8.4m, offers[0].Services.Single().ServiceLevelHours);
    }

    [Fact]
    public void A_rate_that_is_not_a_number_gives_a_Danish_message()
    {
        var (_, problems) = FormWith(s => s.Rate = "ca. 2400").ToSnapshots();
        var problem = Assert.Single(problems);
        Assert.Equal("Bostedet Lunden, Længerevarende botilbud: Takst (kr.) skal være et tal (fx 2.422 eller 8,4) – der står 'ca. 2400'.", problem.Message);
        Assert.Equal("Form_Offers_0__Departments_0__Services_0__Rate", ReportForm.FieldId(problem));
    }

    [Theory]
    [InlineData("2422.50")]
    [InlineData("8.4")]
    public void A_decimal_point_where_a_comma_belongs_is_refused_rather_than_read_a_hundredfold(string typed)
    {
        // da-DK reads "." as the thousands separator: without a check "2422.50" becomes 242.250 kr.
        var (_, problems) = FormWith(s => s.Rate = typed).ToSnapshots();
        Assert.Equal(ReportField.Rate, Assert.Single(problems).Field);
        var (_, places) = FormWith(s => s.Places = typed).ToSnapshots();
        Assert.Equal(ReportField.Places, Assert.Single(places).Field);
    }

    [Fact]
    public void Dates_are_read_in_Danish_and_ISO_form_and_a_bad_date_gives_a_message()
    {
        var (offers, problems) = FormWith(offer: o => { o.Status = OfferStatus.Closing; o.ClosingDate = "1.9.2027"; }).ToSnapshots();
        Assert.Empty(problems);
        Assert.Equal(new DateOnly(2027, 9, 1), offers[0].ClosingDate);

        var (_, bad) = FormWith(offer: o => o.ClosingDate = "31.2.2027").ToSnapshots();
        var problem = Assert.Single(bad);
        Assert.Equal("Bostedet Lunden: Lukkedato skal være en dato (fx 1.9.2025) – der står '31.2.2027'.", problem.Message);
        Assert.Equal("Form_Offers_0__ClosingDate", ReportForm.FieldId(problem));
    }

    [Fact]
    public void Citizens_that_are_not_a_number_point_at_the_buyer_line()
    {
        var (_, problems) = FormWith(offer: o => o.Buyers[0].Citizens = "fem").ToSnapshots();
        var problem = Assert.Single(problems);
        Assert.Equal("Bostedet Lunden, køberkommune: Antal borgere skal være et helt tal – der står 'fem'.", problem.Message);
        Assert.Equal("Form_Offers_0__Buyers_0__Citizens", ReportForm.FieldId(problem));
    }

    [Fact]
    public void Removed_rows_are_left_out_and_messages_point_at_the_rows_shown_back()
    {
        var form = ReportForm.From([Valid()]);
        form.Offers.Insert(0, new ReportForm.OfferInput { Name = "Fjernes", Remove = true });
        form.Offers[1].Departments[0].Services.Insert(0, new ReportForm.ServiceInput { Name = "Gammel ydelse", Remove = true });
        form.Offers[1].Departments[0].Services[1].Places = "otte";

        var (offers, problems) = form.ToSnapshots();
        Assert.Single(offers);
        Assert.Single(offers[0].Services);
        var problem = Assert.Single(problems);
        Assert.Equal("Form_Offers_0__Departments_0__Services_0__Places", ReportForm.FieldId(problem));
        Assert.Single(form.Offers);
        Assert.Single(form.Offers[0].Departments[0].Services);
    }

    [Fact]
    public void An_offer_in_the_register_cannot_be_removed_from_the_form()
    {
        var form = FormWith(offer: o => o.Remove = true);
        Assert.Single(form.ToSnapshots().Offers);
    }

    [Fact]
    public void Validation_messages_map_to_the_form_controls()
    {
        ReportIssue At(ReportField field, int? d = null, int? s = null, int? b = null) => new(IssueSeverity.Error, 2, "X", field, "m", d, s, b);

        Assert.Equal("Form_Offers_2__Name", ReportForm.FieldId(At(ReportField.Name)));
        Assert.Equal("Form_Offers_2__PostalCode", ReportForm.FieldId(At(ReportField.PostalCode)));
        Assert.Equal("Form_Offers_2__PortalId", ReportForm.FieldId(At(ReportField.PortalId)));
        Assert.Equal("Form_Offers_2__ClosingDate", ReportForm.FieldId(At(ReportField.ClosingDate)));
        Assert.Equal("Form_Offers_2__Departments_1__PortalKey", ReportForm.FieldId(At(ReportField.DepartmentKey, d: 1)));
        Assert.Equal("Form_Offers_2__Departments_1__Name", ReportForm.FieldId(At(ReportField.Department, d: 1)));
        Assert.Equal("Form_Offers_2__Departments_1__Services_3__LegalBases", ReportForm.FieldId(At(ReportField.LegalBases, 1, 3)));
        Assert.Equal("Form_Offers_2__Departments_1__Services_3__TargetGroups", ReportForm.FieldId(At(ReportField.TargetGroups, 1, 3)));
        Assert.Equal("Form_Offers_2__Departments_1__Services_3__RateUnit", ReportForm.FieldId(At(ReportField.RateUnit, 1, 3)));
        Assert.Equal("Form_Offers_2__Departments_1__Services_3__RateChangeReason", ReportForm.FieldId(At(ReportField.RateChangeReason, 1, 3)));
        Assert.Equal("Form_Offers_2__Departments_1__Services_3__Comment", ReportForm.FieldId(At(ReportField.Comment, 1, 3)));
        Assert.Equal("Form_Offers_2__Departments_1__Services_3__ServiceLevel", ReportForm.FieldId(At(ReportField.ServiceLevel, 1, 3)));
        Assert.Equal("Form_Offers_2__Buyers_4__MunicipalityCode", ReportForm.FieldId(At(ReportField.Buyer, b: 4)));
        Assert.Equal("Form_Offers_2__Buyers_4__Citizens", ReportForm.FieldId(At(ReportField.Citizens, b: 4)));
    }

    [Fact]
    public void Every_validator_message_on_the_valid_form_points_at_a_control_of_the_form()
    {
        // Break one field of each kind and check the ids look like the ones the page renders.
        var offer = WithService(s => s with { Rate = 2300m, Places = 0, RateUnit = null }) with { PostalCode = "x" };
        var ids = Validate(offer).Select(ReportForm.FieldId).ToList();
        Assert.Contains("Form_Offers_0__PostalCode", ids);
        Assert.Contains("Form_Offers_0__Departments_0__Services_0__Places", ids);
        Assert.Contains("Form_Offers_0__Departments_0__Services_0__RateUnit", ids);
    }

    [Fact]
    public void Pre_fill_moves_rates_to_the_rounds_year_and_clears_answers()
    {
        var last = Valid() with { Departments = [Valid().Departments[0] with { Services = [Valid().Departments[0].Services[0] with { RateYear = 2026, Comment = "x", RateChangeReason = "y" }] }] };
        var s = ReportingService.PreFill(last, 2027).Services.Single();
        Assert.Equal((2027, null, null, 2050m), (s.RateYear, s.Comment, s.RateChangeReason, s.Rate));
    }
}

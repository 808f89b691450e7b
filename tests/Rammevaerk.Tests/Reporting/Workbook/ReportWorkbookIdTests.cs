using Rammevaerk.Offers;
using Rammevaerk.Reporting.Validation;
using Rammevaerk.Reporting.Workbook;
using static Rammevaerk.Tests.Reporting.Workbook.WorkbookTestData;

namespace Rammevaerk.Tests.Reporting.Workbook;

/// <summary>
/// The grey id columns decide nothing: an id that is not the operator's own is an error on its cell, and a formula
/// without a calculated value is an error asking for values. Rows on "Tilbud": Lunden 2–4 (Bøgehuset 2–3, Æblehaven
/// 4), Rønnebærhuset 5, Skovly 6, Solsikken 7–8.
/// </summary>
public class ReportWorkbookIdTests
{
    private static ReportIssue Single(WorkbookReadResult result)
    {
        Assert.Empty(result.Offers);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Another_operators_offer_id_is_an_error_on_its_cell_not_a_new_offer()
    {
        // 4711 is Aktivitetshuset Skovbrynet, another municipality's offer.
        var result = Read(Edit(Written(), doc => SetNumber(Sheet(doc, "Tilbud"), "A5", 4711)));

        Assert.Empty(result.Offers);
        var problem = result.Problems[0];
        // Its buyers, still under the old id, are named too.
        Assert.Equal("Ark 'Køberkommuner', celle A4", Assert.Single(result.Problems.Skip(1)).Location);
        Assert.Equal("Ark 'Tilbud', celle A5", problem.Location);
        Assert.Equal("Rønnebærhuset, række 5: Tilbud-id (celle A5) er 4711, men det er ikke et af Billund Kommunes tilbud. " +
                     "Id-kolonnerne må ikke ændres – hent et nyt regneark på indberetningssiden, hvis det er sket. Et nyt tilbud skal have en tom Tilbud-id.", problem.Message);
        Assert.Equal(ReportField.OfferId, problem.Field);
    }

    [Fact]
    public void An_unknown_service_id_is_an_error_on_its_cell_not_a_deleted_and_recreated_service()
    {
        var result = Read(Edit(Written(), doc => SetNumber(Sheet(doc, "Tilbud"), "L3", 9999)));

        var problem = Single(result);
        Assert.Equal("Ark 'Tilbud', celle L3", problem.Location);
        Assert.StartsWith("Lunden, række 3: Ydelse-id (celle L3) er 9999, men afdelingen 'Bøgehuset' i tilbuddet har ingen ydelse med det id.", problem.Message);
    }

    [Fact]
    public void A_service_moved_to_another_department_by_its_id_is_refused()
    {
        // Row 4 (Æblehaven, service 303) gets Bøgehuset's service id 301: it would move 301 and delete 303.
        var result = Read(Edit(Written(), doc => SetNumber(Sheet(doc, "Tilbud"), "L4", 301)));

        var problems = result.Problems.Select(p => p.Location).ToList();
        Assert.Empty(result.Offers);
        Assert.Contains("Ark 'Tilbud', celle L4", problems);
    }

    [Fact]
    public void A_department_id_of_another_offer_is_an_error_on_the_hidden_cell()
    {
        // Rønnebærhuset's row gets Lunden's department 201.
        var result = Read(Edit(Written(), doc => SetNumber(Sheet(doc, "Tilbud"), "Y5", 201)));

        var problem = Assert.Single(result.Problems, p => p.Location == "Ark 'Tilbud', celle Y5");
        Assert.Contains("Afdeling-id (celle Y5) (den skjulte kolonne) er 201, men tilbuddet har ingen afdeling med det id.", problem.Message);
        Assert.Empty(result.Offers);
    }

    [Fact]
    public void Without_the_registers_ids_no_id_is_accepted()
    {
        var result = Read(Written(), Expectation with { Owned = null });

        Assert.Empty(result.Offers);
        Assert.Equal(["Ark 'Tilbud', celle A2", "Ark 'Tilbud', celle A5", "Ark 'Tilbud', celle A6", "Ark 'Tilbud', celle A7"], result.Problems.Select(p => p.Location));
    }

    [Fact]
    public void New_offers_without_ids_are_read()
    {
        var fresh = SampleOffers().Select(o => o with
        {
            OfferId = null,
            Departments = o.Departments.Select(d => d with { DepartmentId = null, Services = d.Services.Select(s => s with { ServiceId = null }).ToList() }).ToList(),
        }).ToList();

        var result = Read(Written(fresh), Expectation with { Owned = OwnedOffers.None("Billund Kommune") });

        Assert.Empty(result.Problems);
        Assert.Equal(4, result.Offers.Count);
        Assert.All(result.Offers, o => Assert.Null(o.OfferId));
    }

    [Theory]
    [InlineData("P2", "Pladser (celle P2) indeholder en formel (=SUM(P3:P4)) uden en beregnet værdi.")]
    [InlineData("B5", "Tilbuddets navn (celle B5) indeholder en formel (=SUM(P3:P4)) uden en beregnet værdi.")]
    [InlineData("G7", "Status (celle G7) indeholder en formel (=SUM(P3:P4)) uden en beregnet værdi.")]
    [InlineData("U3", "Omfattet af rammeaftalen (celle U3) indeholder en formel (=SUM(P3:P4)) uden en beregnet værdi.")]
    [InlineData("W2", "Begrundelse for takstændring (celle W2) indeholder en formel (=SUM(P3:P4)) uden en beregnet værdi.")]
    public void A_formula_without_a_calculated_value_is_an_error_asking_for_values(string cell, string expected)
    {
        var result = Read(Edit(Written(), doc => SetFormulaWithoutValue(Sheet(doc, "Tilbud"), cell, "SUM(P3:P4)")));

        var problem = Assert.Single(result.Problems, p => p.Location == $"Ark 'Tilbud', celle {cell}");
        Assert.Contains(expected, problem.Message);
        Assert.EndsWith("Skriv værdien direkte i cellen – eller åbn filen i Excel, og gem den igen.", problem.Message);
        Assert.Empty(result.Offers);
    }

    [Fact]
    public void A_formula_without_a_value_on_the_buyers_sheet_is_an_error_too()
    {
        var result = Read(Edit(Written(), doc => SetFormulaWithoutValue(Sheet(doc, "Køberkommuner"), "C2", "Lister!F2")));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Ark 'Køberkommuner', celle C2", problem.Location);
        Assert.Contains("Køberkommune (celle C2) indeholder en formel (=Lister!F2) uden en beregnet værdi.", problem.Message);
    }

    [Fact]
    public void Ownership_check_of_snapshots_names_offer_department_and_service()
    {
        var owned = OwnedOf(SampleOffers());
        var offers = SampleOffers();
        offers[0] = offers[0] with { Departments = [offers[0].Departments[0] with { Services = [offers[0].Departments[0].Services[0] with { ServiceId = 305 }] }, offers[0].Departments[1]] };
        offers[1] = offers[1] with { OfferId = 4711 };
        offers[2] = offers[2] with { Departments = [offers[2].Departments[0] with { DepartmentId = 201 }] };

        var issues = owned.Check(offers);

        Assert.Equal(
        [
            "Lunden, afdeling 'Bøgehuset', ydelse 'Midlertidigt botilbud': Ydelse-id 305 hører ikke til afdelingen. En ydelse kan ikke flyttes til en anden afdeling eller et andet tilbud i indberetningen – hent indberetningen igen; en ny ydelse har intet ydelse-id.",
            "Rønnebærhuset: Tilbud-id 4711 er ikke et af Billund Kommunes tilbud. Indberetningen kan kun rumme jeres egne tilbud – hent indberetningen igen; et nyt tilbud har intet tilbud-id.",
            "Skovly, afdeling 'Skovly': Afdeling-id 201 hører ikke til tilbuddet. Hent indberetningen igen; en ny afdeling har intet afdeling-id.",
        ], issues.Select(i => i.Message));
        Assert.Equal([ReportField.ServiceId, ReportField.OfferId, ReportField.DepartmentId], issues.Select(i => i.Field));
        Assert.Empty(owned.Check(SampleOffers()));
    }
}

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rammevaerk.Capacity;
using Rammevaerk.Data;
using Rammevaerk.Offers;
using Rammevaerk.Offers.Overview;
using Rammevaerk.Shared;
using Rammevaerk.Tests.Infrastructure;
using Rammevaerk.Tests.Meetings;

namespace Rammevaerk.Tests.Offers.Overview;

/// <summary>The public capacity overview (/tilbud/kapacitet): tables whose totals match the register, the SVG chart with its text alternative, and the changes to come.</summary>
public abstract class CapacityOverviewTests(AppFactory app)
{
    private const string Region = "Region Syddanmark";

    private static int Number(string text) =>
        int.Parse(text.Trim().Split(' ')[0].Replace("−", "-", StringComparison.Ordinal), NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, Danish.Culture);

    private async Task<Dictionary<int, int>> RegisterTotalsAsync()
    {
        using var scope = app.Services.CreateScope();
        var register = scope.ServiceProvider.GetRequiredService<OfferRegister>();
        var totals = new Dictionary<int, int>();
        foreach (var y in await register.YearsAsync(Region))
            totals[y] = OfferList.Rows(await register.ForYearAsync(Region, y), new OfferListFilter()).Sum(r => r.Service.Places ?? 0);
        return totals;
    }

    /// <summary>The totals row of a table by its column heading.</summary>
    private static Dictionary<string, int> Totals(IElement table)
    {
        var headings = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        var cells = table.QuerySelectorAll("tfoot tr > *").ToList();
        return headings.Skip(1).Select((h, i) => (h, Number(cells[i + 1].TextContent))).ToDictionary(x => x.h, x => x.Item2);
    }

    [Fact]
    public async Task Every_table_adds_up_to_the_register_for_every_year_and_the_chart_has_its_text_alternative()
    {
        var registerTotals = await RegisterTotalsAsync();
        Assert.NotEmpty(registerTotals);
        var page = await app.CreateAnonymousClient().GetDocumentAsync("/tilbud/kapacitet");
        Assert.Equal($"Kapacitet i {Region}", page.QuerySelector("h1")!.TextContent.Trim());

        foreach (var id in new[] { "tabel-paragraf", "tabel-maalgruppe", "tabel-driftsherre" })
        {
            var table = page.GetElementById(id)!.Closest("table")!;
            var totals = Totals(table);
            foreach (var (year, places) in registerTotals)
            {
                Assert.Equal(places, totals[year.ToString(CultureInfo.InvariantCulture)]);
                // The rows add up to the total too.
                var column = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf(year.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(places, table.QuerySelectorAll("tbody tr").Sum(tr => Number(tr.Children[column].TextContent)));
            }
        }

        // A row of the register: Varde's operator row holds Varde's places of the newest year.
        var newest = registerTotals.Keys.Max();
        using (var scope = app.Services.CreateScope())
        {
            var register = scope.ServiceProvider.GetRequiredService<OfferRegister>();
            var varde = OfferList.Rows((await register.ForYearAsync(Region, newest)).Where(o => o.OperatorName == "Varde Kommune"), new OfferListFilter()).Sum(r => r.Service.Places ?? 0);
            var byOperator = page.GetElementById("tabel-driftsherre")!.Closest("table")!;
            var column = byOperator.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList().IndexOf(newest.ToString(CultureInfo.InvariantCulture));
            var row = byOperator.QuerySelectorAll("tbody tr").Single(tr => tr.Children[0].TextContent.Trim() == "Varde Kommune");
            Assert.Equal(varde, Number(row.Children[column].TextContent));
        }

        // The chart: an SVG image named by its title and description, pointing to the table; bars labelled in da-DK.
        var svg = page.QuerySelector("svg#figur-paragraf")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("figur-paragraf-title figur-paragraf-desc", svg.GetAttribute("aria-labelledby"));
        Assert.StartsWith("Pladser pr. paragraf", svg.QuerySelector("title")!.TextContent);
        Assert.Contains("tabellen", svg.QuerySelector("desc")!.TextContent);
        Assert.Contains(Danish.Number(registerTotals[newest]), svg.QuerySelector("desc")!.TextContent);
        Assert.NotEmpty(svg.QuerySelectorAll("rect.bar"));
        Assert.NotNull(page.QuerySelector("svg#figur-maalgruppe"));
        Assert.NotNull(page.QuerySelector("figure.chart figcaption a[href='#tabel-paragraf']"));
        // No inline styles: the CSP forbids them.
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task A_submitted_notice_with_a_future_date_is_listed_ahead_and_moves_the_projection_while_a_draft_or_past_one_does_not()
    {
        var effective = DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System)).AddDays(75);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var operatorName = await app.QueryAsync(async db =>
        {
            var op = await db.Operators.FirstAsync(o => o.Name == "Vejle Kommune");
            var now = DateTime.UtcNow;
            CapacityNotice Notice(NoticeState state, DateOnly date, string name) => new()
            {
                OperatorId = op.Id, NewOfferName = name, Kind = CapacityChangeKind.Reduction, State = state, EffectiveDate = date,
                Reason = "Test", CreatedAt = now, UpdatedAt = now,
                Lines = [new CapacityNoticeLine { ServiceName = "Længerevarende botilbud", LegalBasesBefore = "SEL § 108", LegalBasesAfter = "SEL § 108", PlacesBefore = 12, PlacesAfter = 4 }],
            };
            db.CapacityNotices.AddRange(
                Notice(NoticeState.Submitted, effective, $"Kommende {tag}"),
                Notice(NoticeState.Draft, effective, $"Kladde {tag}"),
                Notice(NoticeState.Decided, effective.AddYears(-2), $"Fortid {tag}"));
            await db.SaveChangesAsync();
            return op.Name;
        });

        // Signed in, so the page is not read from the public cache (the notices were written behind its back).
        var client = await app.SignInAsSecretariatAsync();
        var page = await client.GetDocumentAsync("/tilbud/kapacitet");
        var upcoming = page.GetElementById("upcoming-caption")!.Closest("table")!;
        var rows = upcoming.QuerySelectorAll("tbody tr").ToList();
        var row = rows.Single(tr => tr.TextContent.Contains($"Kommende {tag}"));
        Assert.DoesNotContain(rows, tr => tr.TextContent.Contains($"Kladde {tag}") || tr.TextContent.Contains($"Fortid {tag}"));
        Assert.Equal(effective.ToString("d. MMMM yyyy", Danish.Culture), row.Children[0].TextContent.Trim());
        Assert.Equal(operatorName, row.Children[2].TextContent.Trim());
        Assert.Equal("−8", row.Children[7].TextContent.Trim());

        // The tables add a column "Efter kommende ændringer": the newest year moved by every change to come.
        var changes = await app.QueryAsync(async db =>
        {
            var today = DateOnly.FromDateTime(Danish.TodayOf(TimeProvider.System));
            var states = new[] { NoticeState.Submitted, NoticeState.OnAgenda, NoticeState.Decided };
            var lines = await db.CapacityNoticeLines.Where(l => db.CapacityNotices.Any(n => n.Id == l.NoticeId && states.Contains(n.State) && n.EffectiveDate > today && n.Operator!.Region == Region))
                .Select(l => new { l.PlacesBefore, l.PlacesAfter }).ToListAsync();
            return lines.Sum(l => l.PlacesAfter - l.PlacesBefore);
        });
        var newest = (await RegisterTotalsAsync()).OrderBy(kv => kv.Key).Last();
        foreach (var id in new[] { "tabel-paragraf", "tabel-driftsherre" })
        {
            var totals = Totals(page.GetElementById(id)!.Closest("table")!);
            Assert.Equal(newest.Value + changes, totals["Efter kommende ændringer"]);
        }
        var byOperator = page.GetElementById("tabel-driftsherre")!.Closest("table")!;
        var vejle = byOperator.QuerySelectorAll("tbody tr").Single(tr => tr.Children[0].TextContent.Trim() == operatorName);
        Assert.Contains("−8", vejle.Children[^1].TextContent);
        // The chart shows the projection as its own, hatched series.
        Assert.NotEmpty(page.QuerySelectorAll("svg#figur-paragraf rect.series-upcoming"));
    }
}

public sealed class CapacityOverviewTestsOnSqlite(SqliteAppFactory app) : CapacityOverviewTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CapacityOverviewTestsOnPostgres(PostgresAppFactory app) : CapacityOverviewTests(app), IClassFixture<PostgresAppFactory>;

/// <summary>The overview's arithmetic and the chart's markup, without a database.</summary>
public sealed class CapacityOverviewUnitTests
{
    private static OfferSnapshot Offer(string op, params (string Bases, string Group, int Places, bool Covered)[] services) => new()
    {
        Name = "Tilbud " + op, OperatorName = op, OperatorId = op.GetHashCode(),
        Departments = [new DepartmentSnapshot { Name = "A", Services = services.Select(s => new ServiceSnapshot
        {
            Name = "Ydelse", LegalBases = [.. s.Bases.Split(", ")], TargetGroups = [s.Group], Places = s.Places, CoveredByAgreement = s.Covered,
        }).ToList() }],
    };

    [Fact]
    public void A_service_under_two_paragraphs_counts_once_under_the_combination_and_services_outside_the_agreement_are_left_out()
    {
        var view = CapacityOverview.Build("R", new Dictionary<int, List<OfferSnapshot>>
        {
            [2025] = [Offer("Varde Kommune", ("SEL § 108", "Udviklingshæmning", 20, true), ("ABL § 105, SEL § 85", "Autisme", 6, true), ("SUL § 140", "Hjerneskade", 30, false))],
            [2026] = [Offer("Varde Kommune", ("SEL § 108", "Udviklingshæmning", 18, true)), Offer("Billund Kommune", ("SEL § 107", "Sindslidelse", 9, true))],
        }, []);
        Assert.Equal([2025, 2026], view.Years);
        Assert.Equal(26, view.ByLegalBasis.Total(2025));
        Assert.Equal(27, view.ByLegalBasis.Total(2026));
        Assert.Equal(["ABL § 105, SEL § 85", "SEL § 107", "SEL § 108"], view.ByLegalBasis.Rows.Select(r => r.Name));
        Assert.Equal(6, view.ByLegalBasis.Rows[0].In(2025));
        Assert.Equal(0, view.ByLegalBasis.Rows[0].In(2026));
        Assert.Null(view.ByLegalBasis.UpcomingTotal);
        Assert.Equal(27, view.ByOperator.Rows.Sum(r => r.In(2026)));
        Assert.Equal(view.ByTargetGroup.Total(2025), view.ByTargetGroup.Rows.Sum(r => r.In(2025)));
    }

    [Fact]
    public void A_conversion_moves_places_from_one_paragraph_to_another_in_the_projection()
    {
        var upcoming = new List<UpcomingChange>
        {
            new(1, new DateOnly(2027, 1, 1), "Billund Kommune", "Skibet", CapacityChangeKind.Conversion, NoticeState.Decided, 4, 4,
                [new UpcomingLine("Midlertidigt botilbud", "SEL § 84", "SEL § 107", "Sindslidelse", 4, 4)]),
            new(2, new DateOnly(2027, 3, 1), "Billund Kommune", "Sydtoften", CapacityChangeKind.Closing, NoticeState.Submitted, 5, 0,
                [new UpcomingLine("Bofællesskab", "ABL § 105/SEL § 85", null, null, 5, 0)]),
        };
        var view = CapacityOverview.Build("R", new Dictionary<int, List<OfferSnapshot>>
        {
            [2026] = [Offer("Billund Kommune", ("SEL § 84", "Sindslidelse", 4, true), ("ABL § 105, SEL § 85", "Sindslidelse", 5, true), ("SEL § 107", "Sindslidelse", 10, true))],
        }, upcoming);
        var rows = view.ByLegalBasis.Rows.ToDictionary(r => r.Name, r => r.Upcoming);
        Assert.Equal(0, rows["SEL § 84"]);
        Assert.Equal(14, rows["SEL § 107"]);
        Assert.Equal(0, rows["ABL § 105, SEL § 85"]);
        Assert.Equal(14, view.ByLegalBasis.UpcomingTotal);
        Assert.Equal(14, view.ByOperator.Rows.Single().Upcoming);
        Assert.Equal(-5, upcoming.Sum(u => u.Change));
    }

    [Fact]
    public void The_chart_is_an_image_with_title_description_a_bar_per_value_and_Danish_numbers_and_escapes_names()
    {
        var svg = BarChart.Svg("f", "Pladser <år>", "Beskrivelse & mere", ["SEL § 108", "Børn & unge"],
            [new BarSeries("2025", "series-0", [1200, 5]), new BarSeries("Efter kommende ændringer", "series-upcoming", [1190, null])]);
        Assert.StartsWith("<svg", svg);
        Assert.Contains("role=\"img\"", svg);
        Assert.Contains("<title id=\"f-title\">Pladser &lt;år&gt;</title>", svg);
        Assert.Contains("<desc id=\"f-desc\">Beskrivelse &amp; mere</desc>", svg);
        Assert.Contains(">1.200</text>", svg);
        Assert.Contains(">1.190</text>", svg);
        Assert.Contains("Børn &amp; unge", svg);
        Assert.Equal(3 + 2, System.Text.RegularExpressions.Regex.Matches(svg, "<rect [^>]*class=\"bar ").Count); // 3 bars + 2 legend swatches
        Assert.DoesNotContain("style=", svg);
        Assert.Contains("fill=\"url(#f-hatch)\"", svg);
    }
}

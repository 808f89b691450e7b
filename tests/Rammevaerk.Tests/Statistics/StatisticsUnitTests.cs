using System.Text;
using System.Xml.Linq;
using Rammevaerk.Demo;
using Rammevaerk.Economics;
using Rammevaerk.Statistics;

namespace Rammevaerk.Tests.Statistics;

/// <summary>The pure statistics code: pivot totals (pinned to seed 001's tables 1 and 2), the SVG chart, file parsing.</summary>
public sealed class StatisticsUnitTests
{
    private static Dataset Demo()
    {
        var d = DemoStatistics.Dataset();
        for (var i = 0; i < d.Values.Count; i++) d.Values[i].Id = i + 1;
        return d;
    }

    private static Dataset Empty() => new() { Name = "Test", MeasureName = "Afsluttede forløb", Dimension1 = "Center", Dimension2 = "Hjemkommune", Dimension3 = "År" };

    [Fact]
    public void Centre_by_year_reproduces_table_1_and_its_published_totals()
    {
        var t = PivotTable.Build(Demo(), new PivotChoice(1, 3, null));
        Assert.Equal(["Odense", "Kolding", "Esbjerg"], t.RowKeys);
        Assert.Equal(DemoStatistics.Years, t.ColumnKeys);
        Assert.Equal([73m, 63m, 67m, 42m, 32m, 58m, 46m, 22m], t.ColumnTotals);
        Assert.Equal(403m, t.GrandTotal);
        Assert.Equal([25m, 22m, 27m, 9m, 4m, 9m], Enumerable.Range(0, 6).Select(c => t.Cells[1, c]!.Value));
        Assert.Null(t.Cells[1, 6]); // Kolding closed in 2023
        Assert.Equal([168m, 96m, 139m], t.RowTotals);
    }

    [Fact]
    public void Home_municipality_by_year_reproduces_table_2()
    {
        var t = PivotTable.Build(Demo(), new PivotChoice(2, 3, null));
        foreach (var (municipality, courses) in DemoStatistics.Table2)
        {
            var r = t.RowKeys.ToList().IndexOf(municipality);
            Assert.True(r >= 0, municipality);
            for (var y = 0; y < 8; y++) Assert.Equal(courses[y], (int?)t.Cells[r, y]);
        }
        Assert.Equal([73m, 63m, 67m, 42m, 32m, 58m, 46m, 22m], t.ColumnTotals);
        // The seed's table 2 itself adds up to 401; two courses have no stated home municipality.
        Assert.Equal(2m, t.RowTotals[t.RowKeys.ToList().IndexOf("Uoplyst")]);
    }

    [Fact]
    public void Filtering_the_third_dimension_keeps_only_its_values()
    {
        var t = PivotTable.Build(Demo(), new PivotChoice(1, 3, "Esbjerg"));
        Assert.Equal("Esbjerg", t.FilterKey);
        Assert.Equal([19m, 18m, 16m, 12m, 11m, 21m, 20m, 3m], t.ColumnTotals);
        Assert.Contains("Hjemkommune: Esbjerg", t.Caption);
        var unknown = PivotTable.Build(Demo(), new PivotChoice(1, 3, "Ingen"));
        Assert.Null(unknown.FilterKey);
        Assert.Equal(403m, unknown.GrandTotal);
    }

    [Fact]
    public void The_markdown_table_has_the_totals_in_danish_numbers()
    {
        var d = Empty();
        d.Values = [new() { Id = 1, Key1 = "A", Key2 = "x", Key3 = "2024", Value = 1234.5m }, new() { Id = 2, Key1 = "B", Key2 = "x", Key3 = "2024", Value = 1 }];
        var md = DatasetFile.Markdown(PivotTable.Build(d, new PivotChoice(1, 3, null)), "Kilde X");
        Assert.Contains("| Center | 2024 | I alt |", md);
        Assert.Contains("| A | 1.234,5 | 1.234,5 |", md);
        Assert.Contains("| **I alt** | **1.235,5** | **1.235,5** |", md);
        Assert.Contains("Kilde: Kilde X", md);
    }

    [Fact]
    public void The_chart_has_a_title_a_description_and_one_bar_per_value()
    {
        var t = PivotTable.Build(Demo(), new PivotChoice(1, 3, null));
        var svg = XDocument.Parse(BarChart.Svg(t, "c1"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var root = svg.Root!;
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Equal("c1-title c1-desc", root.Attribute("aria-labelledby")!.Value);
        Assert.Equal(ns + "title", root.Elements().First().Name);
        Assert.Contains(DemoStatistics.Name, root.Element(ns + "title")!.Value);
        Assert.Contains("403", root.Element(ns + "desc")!.Value);
        var bars = root.Descendants(ns + "rect").Where(r => r.Attribute("class")?.Value == "bar").ToList();
        Assert.Equal(22, bars.Count); // 8 + 6 + 8 values
        Assert.Contains(bars, b => b.Element(ns + "title")!.Value == "Kolding, 2019: 27");
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_good_csv_with_semicolons_danish_numbers_and_any_column_order_is_read()
    {
        var r = DatasetFile.Read(Empty(), "data.csv", Utf8("\uFEFFÅr;Center;Hjemkommune;Afsluttede forløb\n2024;Odense;Assens;1.234,5\n2024;Esbjerg;\"Varde; vest\";3\n"));
        Assert.True(r.Ok, string.Join(" | ", r.Problems));
        Assert.Equal(2, r.Values.Count);
        Assert.Equal(("Odense", "Assens", "2024", 1234.5m), (r.Values[0].Key1, r.Values[0].Key2, r.Values[0].Key3, r.Values[0].Value));
        Assert.Equal("Varde; vest", r.Values[1].Key2);
        var comma = DatasetFile.Read(Empty(), "data.csv", Utf8("Center,Hjemkommune,År,Afsluttede forløb\nOdense,Assens,2024,\"2,5\"\n"));
        Assert.True(comma.Ok, string.Join(" | ", comma.Problems));
        Assert.Equal(2.5m, comma.Values[0].Value);
    }

    [Fact]
    public void Columns_not_matching_the_dataset_are_named()
    {
        var r = DatasetFile.Read(Empty(), "data.csv", Utf8("Center;Kommune;År;Afsluttede forløb\nOdense;Assens;2024;1\n"));
        Assert.False(r.Ok);
        Assert.Empty(r.Values);
        Assert.Contains(r.Problems, p => p.StartsWith("Kolonnen «Hjemkommune» mangler i første række."));
        Assert.Contains(r.Problems, p => p.StartsWith("Kolonnen «Kommune» (B1) hører ikke til datasættet."));
    }

    [Fact]
    public void Text_in_a_number_cell_a_missing_key_and_a_duplicate_key_are_named_by_row_and_cell()
    {
        var r = DatasetFile.Read(Empty(), "data.csv", Utf8("Center;Hjemkommune;År;Afsluttede forløb\nOdense;Assens;2024;mange\nOdense;;2024;2\nOdense;Assens;2023;1\nOdense;Assens;2023;4\nOdense;Assens;2022;1.5\n"));
        Assert.False(r.Ok);
        Assert.Empty(r.Values);
        Assert.Contains("Række 2: cellen D2 i kolonnen «Afsluttede forløb» indeholder «mange», som ikke er et tal.", r.Problems);
        Assert.Contains(r.Problems, p => p.StartsWith("Række 3: cellen B3 i kolonnen «Hjemkommune» er tom."));
        Assert.Contains("Række 5: Center «Odense», Hjemkommune «Assens», År «2023» står også i række 4. Hver kombination må kun stå én gang.", r.Problems);
        Assert.Contains(r.Problems, p => p.StartsWith("Række 6: cellen D6") && p.Contains("«1.5»"));
    }

    [Fact]
    public void Wrong_file_types_and_encodings_are_refused()
    {
        Assert.StartsWith("Vælg en Excel-fil", DatasetFile.Read(Empty(), "data.pdf", Utf8("%PDF-1.4")).Problems.Single());
        Assert.StartsWith("Filen er ikke et Excel-regneark", DatasetFile.Read(Empty(), "data.xlsx", Utf8("Center;År")).Problems.Single());
        Assert.StartsWith("Filen er ikke gemt som UTF-8", DatasetFile.Read(Empty(), "data.csv", [0x43, 0xE6, 0x0A]).Problems.Single());
        Assert.StartsWith("Filen er for stor", DatasetFile.Read(Empty(), "data.csv", new byte[DatasetFile.MaxBytes + 1]).Problems.Single());
    }

    [Fact]
    public void An_exported_workbook_reads_back_and_bad_workbooks_are_refused()
    {
        var d = Demo();
        var back = DatasetFile.Read(d, "x.xlsx", DatasetFile.Xlsx(d));
        Assert.True(back.Ok, string.Join(" | ", back.Problems));
        Assert.Equal(d.Values.Sum(v => v.Value), back.Values.Sum(v => v.Value));
        Assert.Equal(d.Values.Count, back.Values.Count);
        var csvBack = DatasetFile.Read(d, "x.csv", DatasetFile.Csv(d));
        Assert.True(csvBack.Ok, string.Join(" | ", csvBack.Problems));

        var wrongColumns = Spreadsheet.Workbook([("Data", [Spreadsheet.Row(Spreadsheet.Text("Center"), Spreadsheet.Text("Antal"))])]);
        var r = DatasetFile.Read(d, "x.xlsx", wrongColumns);
        Assert.Contains(r.Problems, p => p.StartsWith("Kolonnen «Hjemkommune» mangler"));
        Assert.Contains(r.Problems, p => p.StartsWith("Kolonnen «Antal» (B1) hører ikke til datasættet."));

        var bad = Spreadsheet.Workbook([("Data", [
            Spreadsheet.Row(Spreadsheet.Text("Center"), Spreadsheet.Text("Hjemkommune"), Spreadsheet.Text("År"), Spreadsheet.Text("Afsluttede forløb")),
            Spreadsheet.Row(Spreadsheet.Text("Odense"), Spreadsheet.Text("Assens"), Spreadsheet.Number(2024), Spreadsheet.Text("fem")),
            Spreadsheet.Row(Spreadsheet.Text("Odense"), Spreadsheet.Text("Nyborg"), Spreadsheet.Number(2024), Spreadsheet.Number(2)),
            Spreadsheet.Row(Spreadsheet.Text("Odense"), Spreadsheet.Text("Nyborg"), Spreadsheet.Number(2024), Spreadsheet.Text("3")),
        ])]);
        var rb = DatasetFile.Read(d, "x.xlsx", bad);
        Assert.Empty(rb.Values);
        Assert.Contains("Række 2: cellen D2 i kolonnen «Afsluttede forløb» indeholder «fem», som ikke er et tal.", rb.Problems);
        Assert.Contains(rb.Problems, p => p.StartsWith("Række 4: Center «Odense», Hjemkommune «Nyborg», År «2024» står også i række 3."));
    }

    [Theory]
    [InlineData("25", 25)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("-3", -3)]
    [InlineData("1 234", 1234)]
    public void Danish_numbers_are_read(string text, double expected) => Assert.Equal((decimal)expected, DatasetFile.ParseDanish(text));

    [Theory]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("1,2,3")]
    public void Non_danish_numbers_are_refused(string text) => Assert.Null(DatasetFile.ParseDanish(text));
}

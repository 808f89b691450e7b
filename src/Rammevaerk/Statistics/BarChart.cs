using System.Globalization;
using System.Net;
using System.Text;

namespace Rammevaerk.Statistics;

/// <summary>
/// A grouped bar chart of a <see cref="PivotTable"/> as SVG, drawn on the server: one group per column key (e.g. a
/// year), one bar per row key (e.g. a centre) in each group, one bar per value. No script, no inline style (the CSP
/// forbids it): colours and lines are SVG presentation attributes, and the series also differ by pattern-free
/// outline order and the legend, so the chart prints in black and white. The SVG is labelled by its
/// <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>; the table next to it is its full text alternative. Pure.
/// </summary>
public static class BarChart
{
    /// <summary>Colours that keep at least 3:1 against white and differ in lightness, so grey print still separates them.</summary>
    private static readonly string[] Palette = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#843c0c", "#375623", "#595959", "#c00000"];

    private const int Width = 760, Left = 56, Right = 16, Top = 16, PlotHeight = 260, AxisLabels = 40;

    public static string Svg(PivotTable t, string id)
    {
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("0.#", inv);
        string E(string s) => WebUtility.HtmlEncode(s);

        var max = 0m;
        for (var r = 0; r < t.RowKeys.Count; r++)
            for (var c = 0; c < t.ColumnKeys.Count; c++)
                if (t.Cells[r, c] is decimal v && v > max) max = v;
        var scaleMax = NiceCeiling(max);
        var legendRows = (t.RowKeys.Count + 3) / 4;
        var height = Top + PlotHeight + AxisLabels + legendRows * 22 + 8;
        var plotWidth = Width - Left - Right;
        var groupWidth = (double)plotWidth / Math.Max(1, t.ColumnKeys.Count);
        var barWidth = Math.Max(2, (groupWidth - 8) / Math.Max(1, t.RowKeys.Count));
        double Y(decimal v) => Top + PlotHeight - (double)(scaleMax == 0 ? 0 : v / scaleMax) * PlotHeight;

        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        sb.Append($"<title id=\"{id}-title\">{E(t.Title)}: {E(t.Caption)}</title>");
        sb.Append($"<desc id=\"{id}-desc\">Søjlediagram med en gruppe for hver {E(t.ColumnHeading ?? t.MeasureName)} og en søjle for hver {E(t.RowHeading)}. I alt {PivotTable.Number(t.GrandTotal)}. Tallene står i tabellen ved diagrammet.</desc>");

        // Grid lines and the value axis: five steps.
        for (var i = 0; i <= 4; i++)
        {
            var v = scaleMax * i / 4;
            var y = Y(v);
            sb.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#bfbfbf\" stroke-width=\"1\"/>");
            sb.Append($"<text x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">{E(PivotTable.Number(v))}</text>");
        }
        sb.Append($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\" stroke=\"#222\" stroke-width=\"1\"/>");

        for (var c = 0; c < t.ColumnKeys.Count; c++)
        {
            var gx = Left + c * groupWidth + 4;
            for (var r = 0; r < t.RowKeys.Count; r++)
            {
                if (t.Cells[r, c] is not decimal v) continue;
                var y = Y(v);
                var colour = Palette[r % Palette.Length];
                sb.Append($"<rect class=\"bar\" x=\"{N(gx + r * barWidth)}\" y=\"{N(y)}\" width=\"{N(barWidth - 1)}\" height=\"{N(Top + PlotHeight - y)}\" fill=\"{colour}\" stroke=\"#000\" stroke-width=\"0.5\">");
                sb.Append($"<title>{E(t.RowKeys[r])}, {E(t.ColumnKeys[c])}: {E(PivotTable.Number(v))}</title></rect>");
            }
            sb.Append($"<text x=\"{N(Left + c * groupWidth + groupWidth / 2)}\" y=\"{Top + PlotHeight + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">{E(Short(t.ColumnKeys[c], groupWidth))}</text>");
        }
        sb.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + PlotHeight}\" y2=\"{Top + PlotHeight}\" stroke=\"#222\" stroke-width=\"1\"/>");

        // Legend: four series a line.
        for (var r = 0; r < t.RowKeys.Count; r++)
        {
            var lx = Left + (r % 4) * 172;
            var ly = Top + PlotHeight + AxisLabels + (r / 4) * 22;
            sb.Append($"<rect x=\"{lx}\" y=\"{ly}\" width=\"14\" height=\"14\" fill=\"{Palette[r % Palette.Length]}\" stroke=\"#000\" stroke-width=\"0.5\"/>");
            sb.Append($"<text x=\"{lx + 20}\" y=\"{ly + 12}\" font-size=\"12\" fill=\"#222\">{E(Short(t.RowKeys[r], 150))}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Short(string s, double width)
    {
        var max = Math.Max(4, (int)(width / 7));
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }

    /// <summary>1, 2, 2,5 or 5 times a power of ten, at least the largest value (and at least 1).</summary>
    public static decimal NiceCeiling(decimal max)
    {
        if (max <= 0) return 1;
        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)max)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }
}

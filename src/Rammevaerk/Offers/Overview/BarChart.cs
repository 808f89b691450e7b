using System.Globalization;
using System.Text;
using Rammevaerk.Shared;

namespace Rammevaerk.Offers.Overview;

/// <summary>One series of a bar chart: its legend text, its CSS class (colour and pattern) and a value per category.</summary>
public sealed record BarSeries(string Label, string CssClass, IReadOnlyList<int?> Values);

/// <summary>
/// A horizontal grouped bar chart as SVG markup, drawn on the server (no script): one group per category, one bar
/// per series, each bar labelled with its number in da-DK, so the chart reads in print and in greyscale. Colours
/// come from CSS classes (the CSP forbids inline styles). The chart is an image with a title and a description
/// pointing to the data table that is its text alternative.
/// </summary>
public static class BarChart
{
    private const int Width = 760, LabelWidth = 290, ValueRoom = 60, Bar = 14, BarGap = 2, GroupGap = 12, Top = 40, LegendRow = 22;
    private const int LabelChars = 40;

    public static string Svg(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series)
    {
        var max = Math.Max(1, series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => Math.Max(0, v!.Value)).DefaultIfEmpty(0).Max());
        var plot = Width - LabelWidth - ValueRoom;
        var groupHeight = series.Count * (Bar + BarGap) - BarGap;
        var legendRows = (series.Count + 3) / 4;
        var top = Top + (legendRows - 1) * LegendRow;
        var height = top + categories.Count * (groupHeight + GroupGap) + 24;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" id=\"{E(id)}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{E(id)}-title {E(id)}-desc\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{E(id)}-title\">{E(title)}</title><desc id=\"{E(id)}-desc\">{E(description)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<defs><pattern id=\"{E(id)}-hatch\" class=\"hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"hatch-bg\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch-line\"/></pattern></defs>");

        // Legend: a swatch and the series' name, four to a row.
        for (var i = 0; i < series.Count; i++)
        {
            var x = LabelWidth + (i % 4) * 130;
            var y = 8 + (i / 4) * LegendRow;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"14\" class=\"bar {E(series[i].CssClass)}\"{Fill(id, series[i])}/><text x=\"{x + 20}\" y=\"{y + 12}\">{E(series[i].Label)}</text></g>");
        }

        // Axis line at zero.
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"{top - 6}\" x2=\"{LabelWidth}\" y2=\"{height - 18}\" class=\"axis\"/>");
        for (var c = 0; c < categories.Count; c++)
        {
            var gy = top + c * (groupHeight + GroupGap);
            var name = categories[c];
            var shown = name.Length > LabelChars ? name[..(LabelChars - 1)] + "…" : name;
            sb.Append("<g class=\"group\">");
            if (shown != name) sb.Append("<title>").Append(E(name)).Append("</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{gy + groupHeight / 2.0 + 4:0.#}\" class=\"category\" text-anchor=\"end\">{E(shown)}</text>");
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[c] is not int v) continue;
                var y = gy + s * (Bar + BarGap);
                var w = Math.Max(0, v) * (double)plot / max;
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w:0.##}\" height=\"{Bar}\" class=\"bar {E(series[s].CssClass)}\"{Fill(id, series[s])}/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 4:0.##}\" y=\"{y + Bar - 3}\" class=\"value\">{E(Danish.Number(v))}</text>");
            }
            sb.Append("</g>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"{height - 4}\" class=\"axis-label\">Pladser</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>The hatched series (changes to come) take their fill from the chart's own pattern.</summary>
    private static string Fill(string id, BarSeries s) => s.CssClass.Contains("upcoming", StringComparison.Ordinal) ? $" fill=\"url(#{E(id)}-hatch)\"" : "";

    /// <summary>Escapes text and attribute values; Danish letters stay as they are.</summary>
    private static string E(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}

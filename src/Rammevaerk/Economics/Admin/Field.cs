using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using System.Text.Encodings.Web;

namespace Rammevaerk.Economics.Admin;

/// <summary>
/// The error line of a calculation field that is not a single control (a list or a table of inputs), with the id the
/// list's <c>aria-describedby</c> names. Single fields use the field tag helper.
/// </summary>
public static class Field
{
    /// <summary>The error line of a field that is not a single input (a list or a table of inputs).</summary>
    public static IHtmlContent Error(CalculationPageBase page, string prop) =>
        new HtmlString($"<span class=\"field-error\" id=\"Input_{prop}-error\">{HtmlEncoder.Default.Encode(page.Err("Input." + prop) ?? "")}</span>");
}

using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using System.Text.Encodings.Web;

namespace Rammevaerk.Economics.Admin;

/// <summary>
/// One labelled text input of a calculation form with its hint and error, named "Input.{Prop}" with id "Input_{Prop}"
/// (as the allocation form writes them by hand).
/// </summary>
public static class Field
{
    public static IHtmlContent Text(CalculationPageBase page, string prop, string label, string? value, string? hint = null, string inputMode = "decimal")
    {
        var key = "Input." + prop;
        var id = "Input_" + prop;
        var enc = HtmlEncoder.Default;
        var err = page.Err(key);
        var describedBy = (hint is null ? "" : id + "-hint ") + id + "-error";
        var html = $"<div class=\"field\"><label for=\"{id}\">{enc.Encode(label)}</label>" +
                   $"<input type=\"text\" inputmode=\"{inputMode}\" id=\"{id}\" name=\"{key}\" value=\"{enc.Encode(value ?? "")}\" class=\"{page.Invalid(key)}\" aria-invalid=\"{page.AriaInvalid(key)}\" aria-describedby=\"{describedBy}\" />" +
                   (hint is null ? "" : $"<p class=\"hint\" id=\"{id}-hint\">{enc.Encode(hint)}</p>") +
                   $"<span class=\"field-error\" id=\"{id}-error\">{enc.Encode(err ?? "")}</span></div>";
        return new HtmlString(html);
    }

    /// <summary>The error line of a field that is not a single input (a list or a table of inputs).</summary>
    public static IHtmlContent Error(CalculationPageBase page, string prop) =>
        new HtmlString($"<span class=\"field-error\" id=\"Input_{prop}-error\">{HtmlEncoder.Default.Encode(page.Err("Input." + prop) ?? "")}</span>");
}

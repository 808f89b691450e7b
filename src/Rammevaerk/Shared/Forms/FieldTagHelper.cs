using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Rammevaerk.Shared.Forms;

/// <summary>
/// One form field with its label, hint and Danish error, written once: <c>&lt;input field="Input.Name"
/// label="Tilbuddets navn" hint="…"&gt;</c> (also on <c>select</c> and <c>textarea</c>) renders
/// <code>
/// &lt;div class="field"&gt;
///   &lt;label for="Input_Name"&gt;Tilbuddets navn&lt;/label&gt;
///   &lt;input id="Input_Name" name="Input.Name" class="input-validation-error" aria-invalid="true" aria-describedby="Input_Name-hint Input_Name-error"&gt;
///   &lt;p class="hint" id="Input_Name-hint"&gt;…&lt;/p&gt;
///   &lt;span class="field-error" id="Input_Name-error"&gt;the message(s) from ModelState&lt;/span&gt;
/// &lt;/div&gt;
/// </code>
/// A checkbox or radio button gets <c>div.checkbox</c> with its label after the control. The error span is always
/// there (empty and hidden by CSS when the field is fine) so that the control's <c>aria-describedby</c> never names a
/// missing element, and the hint is named only when there is one.
/// </summary>
[HtmlTargetElement("input", Attributes = FieldAttribute, TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("select", Attributes = FieldAttribute)]
[HtmlTargetElement("textarea", Attributes = FieldAttribute)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    private const string FieldAttribute = "field";
    private const string ErrorAttribute = "error";
    public const string InvalidClass = "input-validation-error";

    /// <summary>The posted name, which is also the ModelState key the error is read from.</summary>
    [HtmlAttributeName(FieldAttribute)]
    public string Field { get; set; } = "";

    /// <summary>The control's id; without it the framework's id for the name ("Input.Name" gives "Input_Name").</summary>
    [HtmlAttributeName("id")]
    public string? Id { get; set; }

    /// <summary>The label's text; without it the page labels the control itself.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>Words after the label that only a screen reader hears (which row a repeated field belongs to).</summary>
    [HtmlAttributeName("label-extra")]
    public string? LabelExtra { get; set; }

    /// <summary>A short help text below the control, which the control names in <c>aria-describedby</c>.</summary>
    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>
    /// The error to show instead of ModelState's, for forms that keep their errors elsewhere (a view model's
    /// dictionary). Given but null or empty means no error.
    /// </summary>
    [HtmlAttributeName(ErrorAttribute)]
    public string? Error { get; set; }

    /// <summary>
    /// The id of an error shown above a group of fields (an offer's "ingen ydelser" over its departments) that this
    /// control answers for: given, the control is marked invalid and names that error too, so a screen reader hears it
    /// at the field where it is put right. Null or empty means the group is fine.
    /// </summary>
    [HtmlAttributeName("group-error")]
    public string? GroupError { get; set; }

    /// <summary>More classes on the wrapper (<c>div.field</c> or <c>div.checkbox</c>).</summary>
    [HtmlAttributeName("field-class")]
    public string? FieldClass { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The id the framework gives a name: dots and brackets become underscores.</summary>
    public static string IdFor(string name) => TagBuilder.CreateSanitizedId(name, "_");

    /// <summary>Every distinct message ModelState holds for the key, joined by a space; null when there is none.</summary>
    public static string? ErrorFrom(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).Distinct())
            : null;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = string.IsNullOrEmpty(Id) ? IdFor(Field) : Id;
        var error = context.AllAttributes.ContainsName(ErrorAttribute) ? Error : ErrorFrom(ViewContext.ViewData.ModelState, Field);
        if (string.IsNullOrEmpty(error)) error = null;
        var hintId = id + "-hint";
        var errorId = id + "-error";

        output.Attributes.SetAttribute("id", id);
        if (!output.Attributes.ContainsName("name")) output.Attributes.SetAttribute("name", Field);
        var groupError = string.IsNullOrEmpty(GroupError) ? null : GroupError;
        if (error is not null || groupError is not null)
        {
            output.AddClass(InvalidClass, encoder);
            output.Attributes.SetAttribute("aria-invalid", "true");
        }
        var described = new List<string>();
        if (output.Attributes.TryGetAttribute("aria-describedby", out var existing) && Text(existing.Value) is { Length: > 0 } own)
            described.Add(own);
        if (Hint is not null) described.Add(hintId);
        if (groupError is not null) described.Add(groupError);
        described.Add(errorId);
        output.Attributes.SetAttribute("aria-describedby", string.Join(" ", described));

        var type = output.TagName == "input" ? Text(output.Attributes["type"]?.Value) : null;
        var labelAfter = type is "checkbox" or "radio";
        var wrapperClass = (labelAfter ? "checkbox" : "field") + (string.IsNullOrWhiteSpace(FieldClass) ? "" : " " + FieldClass.Trim());

        output.PreElement.AppendHtml($"<div class=\"{encoder.Encode(wrapperClass)}\">");
        if (!labelAfter) AppendLabel(output.PreElement, id);
        if (labelAfter) AppendLabel(output.PostElement, id);
        if (Hint is not null)
            output.PostElement.AppendHtml($"<p class=\"hint\" id=\"{encoder.Encode(hintId)}\">{encoder.Encode(Hint)}</p>");
        output.PostElement.AppendHtml($"<span class=\"field-error\" id=\"{encoder.Encode(errorId)}\">{(error is null ? "" : encoder.Encode(error))}</span>");
        output.PostElement.AppendHtml("</div>");
    }

    private void AppendLabel(TagHelperContent content, string id)
    {
        if (Label is null) return;
        var extra = string.IsNullOrEmpty(LabelExtra) ? "" : $"<span class=\"visually-hidden\"> {encoder.Encode(LabelExtra)}</span>";
        content.AppendHtml($"<label for=\"{encoder.Encode(id)}\">{encoder.Encode(Label)}{extra}</label>");
    }

    /// <summary>An attribute's value as text, whether Razor gave it as a string or as HTML content.</summary>
    private string? Text(object? value)
    {
        switch (value)
        {
            case null: return null;
            case string s: return s;
            case Microsoft.AspNetCore.Html.HtmlString h: return h.Value;
            case Microsoft.AspNetCore.Html.IHtmlContent html:
                using (var writer = new StringWriter())
                {
                    html.WriteTo(writer, encoder);
                    return System.Net.WebUtility.HtmlDecode(writer.ToString());
                }
            default: return value.ToString();
        }
    }
}

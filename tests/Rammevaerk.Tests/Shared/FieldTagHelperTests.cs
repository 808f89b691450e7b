using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Rammevaerk.Shared.Forms;

namespace Rammevaerk.Tests.Shared;

/// <summary>The one field tag helper: label, control, hint and Danish error as accessible markup.</summary>
public sealed class FieldTagHelperTests
{
    [Fact]
    public void A_text_field_gets_its_label_id_name_hint_and_an_empty_error_span()
    {
        var html = Render("input", new() { ["type"] = "text", ["value"] = "Skibet" },
            h => { h.Field = "Input.Name"; h.Label = "Tilbuddets navn"; h.Hint = "Kommune, region eller privat."; });

        Assert.Equal(
            "<div class=\"field\"><label for=\"Input_Name\">Tilbuddets navn</label>"
            + "<input type=\"text\" value=\"Skibet\" id=\"Input_Name\" name=\"Input.Name\" aria-describedby=\"Input_Name-hint Input_Name-error\">"
            + "<p class=\"hint\" id=\"Input_Name-hint\">Kommune, region eller privat.</p>"
            + "<span class=\"field-error\" id=\"Input_Name-error\"></span></div>",
            html);
    }

    [Fact]
    public void An_error_in_ModelState_marks_the_control_and_shows_every_Danish_message_once()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Input.Departments[0].Services[1].Places", "Pladser skal være et helt tal.");
        state.AddModelError("Input.Departments[0].Services[1].Places", "Pladser skal være et helt tal.");
        state.AddModelError("Input.Departments[0].Services[1].Places", "Højst 999 <pladser>.");

        var html = Render("input", new() { ["type"] = "text", ["class"] = "short" },
            h => { h.Field = "Input.Departments[0].Services[1].Places"; h.Id = "f-Departments-0-Services-1-Places"; h.Label = "Pladser"; }, state);

        Assert.Contains("<label for=\"f-Departments-0-Services-1-Places\">Pladser</label>", html);
        Assert.Contains("id=\"f-Departments-0-Services-1-Places\"", html);
        Assert.Contains("name=\"Input.Departments[0].Services[1].Places\"", html);
        Assert.Contains("class=\"short input-validation-error\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        // No hint: the control names only the error, never an id that is not on the page.
        Assert.Contains("aria-describedby=\"f-Departments-0-Services-1-Places-error\"", html);
        Assert.DoesNotContain("-hint", html);
        Assert.Contains("<span class=\"field-error\" id=\"f-Departments-0-Services-1-Places-error\">Pladser skal være et helt tal. Højst 999 &lt;pladser&gt;.</span>", html);
    }

    [Fact]
    public void A_field_without_an_error_is_not_marked_invalid()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Input.Other", "Forkert.");

        var html = Render("input", new() { ["type"] = "text" }, h => { h.Field = "Input.Name"; h.Label = "Navn"; }, state);

        Assert.DoesNotContain("aria-invalid", html);
        Assert.DoesNotContain("input-validation-error", html);
        Assert.Contains("<span class=\"field-error\" id=\"Input_Name-error\"></span>", html);
    }

    [Fact]
    public void A_given_error_replaces_ModelState_and_an_empty_one_means_none()
    {
        var state = new ModelStateDictionary();
        state.AddModelError("Form.Kind", "Fra ModelState.");

        var given = Render("select", new(), h => { h.Field = "Form.Kind"; h.Label = "Art"; h.Error = "Vælg en art."; }, state, withError: true);
        var empty = Render("select", new(), h => { h.Field = "Form.Kind"; h.Label = "Art"; h.Error = null; }, state, withError: true);

        Assert.Contains(">Vælg en art.</span>", given);
        Assert.DoesNotContain("Fra ModelState", given);
        Assert.Contains("aria-invalid=\"true\"", given);
        Assert.DoesNotContain("Fra ModelState", empty);
        Assert.DoesNotContain("aria-invalid", empty);
    }

    [Fact]
    public void A_select_keeps_its_options_and_the_page_own_describedby_comes_first()
    {
        var html = Render("select", new() { ["aria-describedby"] = "egen-note" },
            h => { h.Field = "Input.Operator"; h.Label = "Driftsherre"; h.Hint = "Kommune, region eller privat."; },
            content: "<option value=\"\">Vælg …</option>");

        Assert.StartsWith("<div class=\"field\"><label for=\"Input_Operator\">Driftsherre</label><select", html);
        Assert.Contains("aria-describedby=\"egen-note Input_Operator-hint Input_Operator-error\"", html);
        Assert.Contains("><option value=\"\">Vælg …</option></select><p class=\"hint\"", html);
    }

    [Fact]
    public void A_checkbox_has_its_label_after_the_control_in_div_checkbox()
    {
        var html = Render("input", new() { ["type"] = "checkbox", ["value"] = "true" },
            h => { h.Field = "Input.Overwrite"; h.Id = "f-Overwrite"; h.Label = "Gem mine ændringer"; h.FieldClass = "wide"; });

        Assert.Equal(
            "<div class=\"checkbox wide\"><input type=\"checkbox\" value=\"true\" id=\"f-Overwrite\" name=\"Input.Overwrite\" aria-describedby=\"f-Overwrite-error\">"
            + "<label for=\"f-Overwrite\">Gem mine ændringer</label><span class=\"field-error\" id=\"f-Overwrite-error\"></span></div>",
            html);
    }

    [Fact]
    public void Words_only_a_screen_reader_needs_follow_the_label_and_an_explicit_name_is_kept()
    {
        var html = Render("input", new() { ["type"] = "date", ["name"] = "EndDate" },
            h => { h.Field = "EndDate"; h.Id = "EndDate_7"; h.Label = "Slutdato"; h.LabelExtra = "for Anne Ø"; });

        Assert.Contains("<label for=\"EndDate_7\">Slutdato<span class=\"visually-hidden\"> for Anne Ø</span></label>", html);
        Assert.Contains("name=\"EndDate\"", html);
    }

    [Fact]
    public void A_group_error_shown_above_the_field_marks_it_invalid_and_is_named_by_it()
    {
        var html = Render("input", new() { ["type"] = "text" },
            h => { h.Field = "Input.Departments[0].Services[0].Name"; h.Id = "f-Name"; h.Label = "Ydelse"; h.GroupError = "f-Departments-error"; });
        var fine = Render("input", new() { ["type"] = "text" },
            h => { h.Field = "Input.Departments[0].Services[0].Name"; h.Id = "f-Name"; h.Label = "Ydelse"; h.GroupError = null; });

        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains("class=\"input-validation-error\"", html);
        Assert.Contains("aria-describedby=\"f-Departments-error f-Name-error\"", html);
        Assert.DoesNotContain("aria-invalid", fine);
        Assert.Contains("aria-describedby=\"f-Name-error\"", fine);
    }

    [Fact]
    public void Length_messages_print_both_numbers_the_Danish_way()
    {
        Assert.Equal("Titlen må højst være 300 tegn (den er 100.001).", Rammevaerk.Shared.Danish.TooLong("Titlen", 300, 100_001));
        Assert.Equal("Teksten må højst være 200.000 tegn.", Rammevaerk.Shared.Danish.TooLong("Teksten", 200_000));
        var attribute = new MaxTextAttribute(200_000, "Baggrund");
        Assert.False(attribute.IsValid(new string('x', 200_001)));
        Assert.True(attribute.IsValid(new string('x', 200_000)));
        Assert.Equal("Baggrund må højst være 200.000 tegn.", attribute.FormatErrorMessage("Background"));
    }

    /// <summary>The encoder the app configures (Program.cs): Danish letters are written as they are.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Render(string tag, Dictionary<string, object> attributes, Action<FieldTagHelper> set,
        ModelStateDictionary? state = null, bool withError = false, string content = "")
    {
        var helper = new FieldTagHelper(Encoder);
        set(helper);
        var actionContext = new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor(), state ?? new ModelStateDictionary());
        helper.ViewContext = new ViewContext { ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), actionContext.ModelState) };

        var all = new TagHelperAttributeList(attributes.Select(a => new TagHelperAttribute(a.Key, a.Value)));
        all.Add(new TagHelperAttribute("field", helper.Field));
        if (withError) all.Add(new TagHelperAttribute("error", helper.Error));
        var context = new TagHelperContext(tag, all, new Dictionary<object, object>(), "test");
        var output = new TagHelperOutput(tag, new TagHelperAttributeList(attributes.Select(a => new TagHelperAttribute(a.Key, a.Value))),
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().AppendHtml(content)))
        {
            TagMode = tag == "input" ? TagMode.StartTagOnly : TagMode.StartTagAndEndTag,
        };
        output.Content.AppendHtml(content);

        helper.Process(context, output);

        using var writer = new StringWriter();
        output.WriteTo(writer, Encoder);
        return writer.ToString();
    }
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Rammevaerk.Shared.Forms;

/// <summary>
/// The one-time token every POST form carries, so that submitting it twice does the work once
/// (<see cref="OneTimeSubmissionFilter"/>). The token is a random nonce, not a secret: it says "this rendering of the
/// form", and the database remembers which renderings have been acted on.
/// </summary>
public static partial class SubmissionToken
{
    public const string FieldName = "__SubmissionToken";

    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Whether a posted value looks like a token (32 hex digits); anything else is refused before it reaches the database.</summary>
    public static bool IsWellFormed(string? value) => value is { Length: 32 } && Hex().IsMatch(value);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex();
}

/// <summary>
/// Adds the one-time token to every <c>&lt;form method="post"&gt;</c> rendered by Razor, as the framework adds its
/// antiforgery token: a new form cannot forget it. Each rendering gets a new token, so a form shown again after a
/// validation error is a new submission.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class SubmissionTokenTagHelper : TagHelper
{
    /// <summary>After the framework's form tag helper, whose antiforgery input comes first.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase)) return;
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{SubmissionToken.FieldName}\" value=\"{SubmissionToken.New()}\" />");
    }
}

/// <summary>
/// Marks a page handler (or every handler of a page model) that may run again for the same form: it changes nothing
/// a person made (a preview, signing in or out, an error page). Every other POST handler needs the one-time token.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RepeatableSubmitAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Rammevaerk.Shared.Forms;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.HostileInput;

/// <summary>One control of a form as the page rendered it.</summary>
public sealed record FormControl(string Name, string Kind, string Value, bool Checked, IReadOnlyList<string> Options)
{
    /// <summary>The input's inputmode ("numeric", "decimal"): a number typed as text.</summary>
    public string? InputMode { get; init; }

    /// <summary>Read-only or not shown: nothing a person types into.</summary>
    public bool Fixed { get; init; }

    /// <summary>A control a person types free text into (not a number field, not read-only).</summary>
    public bool IsText => Kind is "text" or "search" or "email" or "url" or "tel" or "textarea" && InputMode is not ("numeric" or "decimal") && !Fixed;
}

/// <summary>
/// A POST form as a browser would send it with one of its submit buttons: the page it was on, where it posts, and
/// its controls with their rendered values.
/// </summary>
public sealed partial record PostForm(string PageUrl, string Action, bool Multipart, IReadOnlyList<FormControl> Controls, KeyValuePair<string, string>? Button)
{
    /// <summary>Where it posts with the numbers in the path as {n}: "/sekretariat/moeder/{n}?handler=AddItem".</summary>
    public string ActionTemplate => FormWalker.Template(Action, keepHandler: true);

    public string Handler => FormWalker.HandlerOf(Action) ?? "";

    public override string ToString() => $"{Action} (form on {PageUrl}{(Button is { } b ? $", button {b.Key}={b.Value}" : "")})";

    /// <summary>
    /// The fields a browser sends: text and hidden values, checked boxes, the selected (or first) option, the
    /// clicked button. <paramref name="change"/> replaces values by control name; the one-time token is always new.
    /// </summary>
    public List<KeyValuePair<string, string>> Fields(IReadOnlyDictionary<string, string>? change = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var changed = new HashSet<string>();
        foreach (var c in Controls)
        {
            string? value = c.Kind switch
            {
                "checkbox" or "radio" => c.Checked ? c.Value : null,
                "file" => null,
                _ => c.Value,
            };
            if (change is not null && change.TryGetValue(c.Name, out var replaced) && (value is not null || c.Kind is "checkbox" or "radio") && changed.Add(c.Name))
            {
                value = replaced;
            }
            if (c.Name == SubmissionToken.FieldName && !(change?.ContainsKey(c.Name) ?? false)) value = SubmissionToken.New();
            if (value is not null) fields.Add(new(c.Name, value));
        }
        if (Button is { } button) fields.Add(button);
        return fields;
    }

    public HttpRequestMessage Request(IEnumerable<KeyValuePair<string, string>> fields)
    {
        HttpContent content;
        if (Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, Action) { Content = content };
        request.Options.Set(SubmissionTokenHandler.WithoutTokens, true);
        return request;
    }
}

/// <summary>
/// Walks the app as a signed-in user would: follows the links of every page it reaches (a few pages of each kind)
/// and collects every POST form, so that tests can send each form the way a careless or hostile user would without
/// a hand-made list of forms that a new page could be missing from.
/// </summary>
public static partial class FormWalker
{
    private static readonly string[] SkippedParts =
        ["/pdf", "/excel", "/csv", "/bilag/", "/fil/", "/feeds/", "/oparl/", "/konto/log-ud", "/lib/", "/css/", "/js/", "/fejl"];

    private static readonly string[] SkippedEndings = [".pdf", ".xlsx", ".csv", ".ics", ".xml", ".json", ".docx", ".pptx", ".png", ".svg", ".js", ".css"];

    public static async Task<List<PostForm>> CollectAsync(HttpClient client, IEnumerable<string> start, int maxPages = 500, int perTemplate = 2)
    {
        var queue = new Queue<string>(start);
        var seen = new HashSet<string>(queue);
        var perKind = new Dictionary<string, int>();
        var forms = new List<PostForm>();
        var formKinds = new Dictionary<string, int>();
        var pages = 0;
        var parser = new HtmlParser();
        while (queue.Count > 0 && pages < maxPages)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            pages++;
            var page = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
            foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
                {
                    // A GET form (choose an offer, filter a list) leads to pages as links do: follow its default choice
                    // and, for its first list, the next option too.
                    links.AddRange(GetFormUrls(url, form));
                    continue;
                }
                foreach (var f in Read(url, form))
                {
                    var key = $"{f.ActionTemplate}|{f.Button?.Key}={f.Button?.Value}";
                    if (formKinds.TryGetValue(key, out var count) && (count >= perTemplate || forms.Any(x => x.Action == f.Action && x.Button?.Key == f.Button?.Key && x.Button?.Value == f.Button?.Value))) continue;
                    formKinds[key] = count + 1;
                    forms.Add(f);
                }
            }
            foreach (var href in links)
            {
                var next = Local(url, href);
                if (next is null || !Followable(next) || !seen.Add(next)) continue;
                var kind = Template(next, keepHandler: false) + "?" + string.Join("&", QueryKeys(next));
                perKind.TryGetValue(kind, out var n);
                if (n >= perTemplate) continue;
                perKind[kind] = n + 1;
                queue.Enqueue(next);
            }
        }
        return forms;
    }

    /// <summary>The POST forms of one page, as <see cref="CollectAsync"/> reads them.</summary>
    public static async Task<List<PostForm>> OnPageAsync(HttpClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        return page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => Read(url, f)).ToList();
    }

    private static IEnumerable<string> GetFormUrls(string pageUrl, IHtmlFormElement form)
    {
        var read = Read(pageUrl, form).FirstOrDefault();
        if (read is null) yield break;
        var action = (form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl).Split('?')[0];
        string Url(IEnumerable<KeyValuePair<string, string>> fields) =>
            action + "?" + string.Join("&", fields.Where(f => f.Key != SubmissionToken.FieldName && !f.Key.StartsWith("__", StringComparison.Ordinal))
                .Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        yield return Url(read.Fields());
        if (read.Controls.FirstOrDefault(c => c.Kind == "select" && c.Options.Count(o => o.Length > 0) > 1) is { } list)
        {
            var other = list.Options.Where(o => o.Length > 0).First(o => o != list.Value);
            yield return Url(read.Fields(new Dictionary<string, string> { [list.Name] = other }));
        }
    }

    private static IEnumerable<PostForm> Read(string pageUrl, IHtmlFormElement form)
    {
        var controls = new List<FormControl>();
        var buttons = new List<IElement>();
        foreach (var e in form.Elements)
        {
            if (e.HasAttribute("disabled")) continue;
            var name = e.GetAttribute("name");
            switch (e)
            {
                case IHtmlButtonElement b when (b.GetAttribute("type") ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase):
                    buttons.Add(b);
                    break;
                case IHtmlInputElement i when i.Type is "submit" or "image":
                    buttons.Add(i);
                    break;
                case IHtmlInputElement i when name is not null && i.Type is not ("reset" or "button"):
                    controls.Add(new FormControl(name, i.Type, i.GetAttribute("value") ?? (i.Type is "checkbox" or "radio" ? "on" : ""), i.HasAttribute("checked"), [])
                    {
                        InputMode = i.GetAttribute("inputmode"), Fixed = i.HasAttribute("readonly") || i.HasAttribute("hidden"),
                    });
                    break;
                case IHtmlSelectElement s when name is not null:
                {
                    var options = s.Options.Where(o => !o.IsDisabled).Select(o => o.GetAttribute("value") ?? o.TextContent).ToList();
                    var selected = s.Options.Where(o => o.HasAttribute("selected")).Select(o => o.GetAttribute("value") ?? o.TextContent).ToList();
                    if (s.HasAttribute("multiple"))
                    {
                        foreach (var v in selected) controls.Add(new FormControl(name, "select-multiple", v, true, options));
                    }
                    else
                    {
                        controls.Add(new FormControl(name, "select", selected.FirstOrDefault() ?? options.FirstOrDefault() ?? "", true, options));
                    }
                    break;
                }
                case IHtmlTextAreaElement t when name is not null:
                    controls.Add(new FormControl(name, "textarea", t.TextContent.StartsWith('\n') ? t.TextContent[1..] : t.TextContent, false, [])
                    {
                        Fixed = t.HasAttribute("readonly") || t.HasAttribute("hidden"),
                    });
                    break;
            }
        }
        var formAction = form.GetAttribute("action");
        var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (buttons.Count == 0)
        {
            yield return new PostForm(pageUrl, Local(pageUrl, formAction ?? pageUrl)!, multipart, controls, null);
            yield break;
        }
        foreach (var b in buttons)
        {
            var action = b.GetAttribute("formaction") ?? formAction ?? pageUrl;
            var name = b.GetAttribute("name");
            var enctype = b.GetAttribute("formenctype");
            yield return new PostForm(pageUrl, Local(pageUrl, action)!,
                enctype is null ? multipart : string.Equals(enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase),
                controls, name is null ? null : new(name, b.GetAttribute("value") ?? ""));
        }
    }

    /// <summary>A same-site address as path and query, or null for another site.</summary>
    private static string? Local(string pageUrl, string href)
    {
        if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return null;
        var absolute = new Uri(new Uri("http://localhost" + pageUrl), href);
        return absolute.Host == "localhost" ? absolute.AbsolutePath + absolute.Query : null;
    }

    /// <summary>Whether a link leads to a page worth reading: not a file, a feed, an export or sign-out.</summary>
    private static bool Followable(string url)
    {
        var q = url.IndexOf('?');
        var path = q < 0 ? url : url[..q];
        return !SkippedParts.Any(p => path.Contains(p, StringComparison.OrdinalIgnoreCase))
               && !SkippedEndings.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase))
               && HandlerOf(url) is null;
    }

    /// <summary>"/sekretariat/moeder/12?handler=AddItem" → "/sekretariat/moeder/{n}?handler=AddItem".</summary>
    public static string Template(string url, bool keepHandler)
    {
        var q = url.IndexOf('?');
        var path = q < 0 ? url : url[..q];
        var template = Number().Replace(path, "/{n}");
        var handler = HandlerOf(url);
        return keepHandler && handler is not null ? $"{template}?handler={handler}" : template;
    }

    public static string? HandlerOf(string url)
    {
        var m = HandlerPattern().Match(url);
        return m.Success ? Uri.UnescapeDataString(m.Groups[1].Value) : null;
    }

    private static IEnumerable<string> QueryKeys(string url)
    {
        var q = url.IndexOf('?');
        if (q < 0) return [];
        return url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex Number();

    [GeneratedRegex(@"[?&]handler=([^&#]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerPattern();
}

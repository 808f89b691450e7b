using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;

namespace Rammevaerk.Publishing.Pdf;

/// <summary>Renders <c>PrintDocument.cshtml</c> to a string, outside any page request.</summary>
public sealed class PrintHtml(IRazorViewEngine views, ITempDataProvider tempData, IServiceProvider services, IWebHostEnvironment env)
{
    public const string ViewPath = "/Publishing/Pdf/PrintDocument.cshtml";
    public const string CssPath = "css/print.css";

    private static string? css;

    /// <summary>The print CSS (wwwroot/css/print.css), read once.</summary>
    public string Css => css ??= ReadCss();

    public async Task<string> RenderAsync(PrintDocument document)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var found = views.GetView(executingFilePath: null, ViewPath, isMainPage: false);
        if (!found.Success) throw new InvalidOperationException($"The print template {ViewPath} was not found.");
        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary<PrintDocument>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = document };
        var context = new ViewContext(actionContext, found.View, viewData, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return writer.ToString();
    }

    private string ReadCss()
    {
        var file = env.WebRootFileProvider.GetFileInfo(CssPath);
        if (!file.Exists) throw new InvalidOperationException($"wwwroot/{CssPath} is missing.");
        using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Rammevaerk.Shared.Forms;

/// <summary>
/// A Danish sentence for the error page (/fejl/{code}) saying what exactly went wrong with this request; set in
/// <see cref="HttpContext.Items"/> by whoever answers with the error status, read when the status code page is
/// rendered for the same request.
/// </summary>
public static class ErrorDetail
{
    public const string Key = "Rammevaerk.ErrorDetail";

    public static string? Of(HttpContext context) => context.Items[Key] as string;
}

/// <summary>
/// A POST (or a GET naming a handler) that no handler of the page takes is answered 400 or 404, never by rendering
/// the page without its handler, whose model is then empty (that was a 500 on every page with named handlers only).
/// A handler name that is given but unknown is 404, also where the framework would fall back to the page's unnamed
/// handler; a POST without a handler name to a page without an unnamed POST handler is 400.
/// </summary>
public sealed class UnknownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context) { }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (OneTimeSubmissionFilter.IsErrorPage(context.HttpContext)) return;
        var request = context.HttpContext.Request;
        var named = context.RouteData.Values["handler"]?.ToString() is { Length: > 0 } fromRoute ? fromRoute : request.Query["handler"].ToString();
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (named.Length > 0 && !string.Equals(context.HandlerMethod?.Name, named, StringComparison.OrdinalIgnoreCase))
        {
            context.Result = new NotFoundResult();
        }
        else if (context.HandlerMethod is null && !isRead)
        {
            context.HttpContext.Items[ErrorDetail.Key] = "Siden tager ikke imod formularer af den slags. Gå tilbage, genindlæs siden og prøv igen.";
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context) { }
}

/// <summary>
/// Reads a posted form before antiforgery validation does, so that a body over the page's limits gets a Danish
/// answer that names the limit (413) instead of the antiforgery check's "form could not be read" (400), and gives
/// every uploaded file its clean name (<see cref="FileNames"/>) before any page sees it. Runs after the pages' own
/// [RequestSizeLimit] and [RequestFormLimits] filters.
/// </summary>
public sealed class FormReadFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>
    /// After the pages' [RequestSizeLimit] and [RequestFormLimits] filters (Order 900), before antiforgery validation
    /// (1000). Reading the form before them (it once ran at 500) made both log a warning on every post of such a page
    /// ("form has already been read", "body size feature is read-only"); the limits held only because routing and
    /// the form reader also take them from the endpoint's metadata.
    /// </summary>
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || !http.Request.HasFormContentType) return;
        try
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.Any(f => f.FileName != FileNames.Clean(f.FileName)))
            {
                // Every upload path gets clean names (storage, messages, downloads) without asking for them.
                var files = new FormFileCollection();
                files.AddRange(form.Files.Select(f => new CleanlyNamedFile(f)));
                http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(form.Keys.ToDictionary(k => k, k => form[k]), files)));
            }
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || IsSizeLimit(e))
        {
            var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            var sent = http.Request.ContentLength is long n ? $"Det sendte fylder {Danish.FileSize(n)}" : "Det sendte fylder for meget";
            http.Items[ErrorDetail.Key] = $"{sent}, og siden tager højst imod {(limit is long max ? Danish.FileSize(max) : "mindre")}. " +
                                          "Intet er gemt. Gå tilbage, og vælg en mindre fil – eller del teksten op.";
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException e) when (e.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
        {
            http.Items[ErrorDetail.Key] = "Formularen har flere felter, end siden tager imod. Intet er gemt. Gem i mindre dele, eller kontakt sekretariatet.";
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            http.Items[ErrorDetail.Key] = "Formularen kom ikke helt frem og kunne ikke læses. Intet er gemt. Gå tilbage, og send den igen.";
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }

    private static bool IsSizeLimit(Exception e) =>
        e is InvalidDataException && (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("body too large", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The message a redirect carries to the next page (TempData, shown by the layout): <c>Message</c> says what was done
/// (role=status), <see cref="ErrorKey"/> that nothing was done and why (role=alert) – an id that is unknown or belongs
/// elsewhere, typically a page left open while someone else changed it, or a tampered form.
/// </summary>
public static class Flash
{
    public const string ErrorKey = "Error";

    public static RedirectResult RedirectWithError(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, string url, string message)
    {
        page.TempData[ErrorKey] = message;
        return new RedirectResult(url);
    }
}

/// <summary>An uploaded file under its clean name (<see cref="FileNames.Clean"/>); everything else is the upload's.</summary>
internal sealed class CleanlyNamedFile(IFormFile file) : IFormFile
{
    public string ContentType => file.ContentType;
    public string ContentDisposition => file.ContentDisposition;
    public IHeaderDictionary Headers => file.Headers;
    public long Length => file.Length;
    public string Name => file.Name;
    public string FileName { get; } = FileNames.Clean(file.FileName);
    public void CopyTo(Stream target) => file.CopyTo(target);
    public Task CopyToAsync(Stream target, CancellationToken cancellationToken = default) => file.CopyToAsync(target, cancellationToken);
    public Stream OpenReadStream() => file.OpenReadStream();
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Rammevaerk.Data;

namespace Rammevaerk.Shared.Forms;

/// <summary>The one-time token of the POST being handled, shared by the filter and the save interceptor.</summary>
internal sealed class SubmissionState(FormSubmission row)
{
    public FormSubmission Row { get; } = row;
    /// <summary>The context the row was added to at its first save, until that save ends.</summary>
    public DbContext? AddedTo { get; set; }
    /// <summary>The row was saved with the handler's first SaveChanges (and committed with it, unless rolled back).</summary>
    public bool Saved { get; set; }
    /// <summary>Another request with the same key saved first: this one's work was rolled back.</summary>
    public bool Duplicate { get; set; }
}

/// <summary>
/// Submitting twice does once. Every POST to a page handler carries the form's one-time token
/// (<see cref="SubmissionTokenTagHelper"/>); a POST without one is refused (400). The token, the address and the
/// content sent make the submission's key (<see cref="FormSubmission.Key"/>). Before the handler runs, a key already
/// acted on sends the user to the first submission's result. Otherwise the key's row is written by the handler's own
/// first SaveChanges (<see cref="OneTimeSubmissionInterceptor"/>), inside its transaction: the second of two
/// simultaneous submissions fails on the key and rolls back everything it did, e-mails in the outbox included, on any
/// node. Handlers marked <see cref="RepeatableSubmitAttribute"/> are left alone, and so are visitors who are not
/// signed in: the only form they can post is the sign-in, which creates nothing.
/// </summary>
public sealed class OneTimeSubmissionFilter(AppDb db, TimeProvider clock, ITempDataDictionaryFactory tempData, ILogger<OneTimeSubmissionFilter> log) : IAsyncPageFilter
{
    /// <summary>How long a duplicate waits for the first submission to finish before showing where it went.</summary>
    public static TimeSpan WaitForFirst { get; set; } = TimeSpan.FromSeconds(10);

    public const string DuplicateMessage = "Formularen var allerede sendt, så den er ikke sendt igen. Her er resultatet af den første.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || context.HandlerMethod is null
            || IsRepeatable(context) || http.User.Identity?.IsAuthenticated != true || IsErrorPage(http))
        {
            await next();
            return;
        }
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var token = form?[SubmissionToken.FieldName].ToString();
        if (form is null || !SubmissionToken.IsWellFormed(token))
        {
            http.Items[ErrorDetail.Key] = "Formularen mangler sin engangskode og er ikke sendt. Genindlæs siden, og send formularen igen.";
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }
        var handler = Cut($"{context.ActionDescriptor.ViewEnginePath}?{context.HandlerMethod.Name}", FormSubmission.HandlerLength);
        var key = await KeyAsync(token!, http.Request, form, http.RequestAborted);
        var user = http.User.Identity.Name is { } name ? Cut(name, 256) : null;

        if (await FindAsync(key, http.RequestAborted) is { } earlier)
        {
            context.Result = await DuplicateAsync(http, earlier, user);
            return;
        }

        var state = new SubmissionState(new FormSubmission
        {
            Key = key, Handler = handler, SubmittedAt = clock.GetUtcNow().UtcDateTime, UserName = user,
            ResultUrl = Cut(http.Request.Path + http.Request.QueryString, FormSubmission.UrlLength),
        });
        http.Items[typeof(SubmissionState)] = state;
        PageHandlerExecutedContext executed;
        try
        {
            executed = await next();
        }
        finally
        {
            http.Items.Remove(typeof(SubmissionState));
        }

        if (state.Duplicate)
        {
            // The handler's work was rolled back with the failed insert of the key; whatever it answered (an
            // exception, or a message of its own about a failed save) is replaced by the first submission's result.
            log.LogInformation("Duplicate submission of {Handler} by {User}; shown the first one's result.", handler, user);
            executed.ExceptionHandled = true;
            executed.Result = await DuplicateAsync(http, await FindAsync(key, CancellationToken.None) ?? state.Row, user);
            return;
        }
        if (state.Saved)
        {
            var resultUrl = executed.Exception is null ? ResultUrl(context, executed.Result) : null;
            await db.FormSubmissions.Where(s => s.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Completed, true).SetProperty(x => x.ResultUrl, x => resultUrl ?? x.ResultUrl), CancellationToken.None);
        }
    }

    /// <summary>
    /// SHA-256 of the token, the address (path, query) and every field and file sent but the antiforgery token, in a
    /// fixed order: the same rendering of a form sent again with the same content has the same key.
    /// </summary>
    private static async Task<string> KeyAsync(string token, HttpRequest request, IFormCollection form, CancellationToken ct)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string s)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(s));
            sha.AppendData([0]);
        }
        Add(token);
        Add(request.Path + request.QueryString);
        foreach (var field in form.Keys.Where(k => k is not ("__RequestVerificationToken" or SubmissionToken.FieldName)).Order(StringComparer.Ordinal))
        {
            Add(field);
            foreach (var value in form[field]) Add(value ?? "");
        }
        foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.FileName, StringComparer.Ordinal))
        {
            Add(file.Name);
            Add(file.FileName);
            await using var content = file.OpenReadStream();
            sha.AppendData(await System.Security.Cryptography.SHA256.HashDataAsync(content, ct));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The error page rendered for this request's status code or exception (re-executed with its method).</summary>
    internal static bool IsErrorPage(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
        || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;

    private static bool IsRepeatable(PageHandlerExecutingContext context) =>
        context.HandlerMethod!.MethodInfo.IsDefined(typeof(RepeatableSubmitAttribute), inherit: true)
        || context.HandlerInstance.GetType().IsDefined(typeof(RepeatableSubmitAttribute), inherit: true);

    /// <summary>The address of a successful result: where a redirect goes, otherwise the page that was posted to.</summary>
    private static string? ResultUrl(PageHandlerExecutingContext context, IActionResult? result)
    {
        string? url = result switch
        {
            RedirectResult r => r.Url,
            LocalRedirectResult r => r.Url,
            RedirectToPageResult r => (r.UrlHelper ?? new Microsoft.AspNetCore.Mvc.Routing.UrlHelper(context)).Page(r.PageName, r.PageHandler, r.RouteValues, r.Protocol, r.Host, r.Fragment),
            _ => null,
        };
        return url is not null && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? Cut(url, FormSubmission.UrlLength) : null;
    }

    private Task<FormSubmission?> FindAsync(string key, CancellationToken ct) =>
        db.FormSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, ct);

    /// <summary>Sends the user to the first submission's result, waiting a little while it is still being handled.</summary>
    private async Task<IActionResult> DuplicateAsync(HttpContext http, FormSubmission first, string? user)
    {
        if (first.UserName != user)
        {
            // Someone else's form: not a repeat of this user's own.
            http.Items[ErrorDetail.Key] = "Formularen hører til en anden bruger og er ikke sendt. Genindlæs siden, og send formularen igen.";
            return new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
        var deadline = clock.GetUtcNow() + WaitForFirst;
        while (!first.Completed && clock.GetUtcNow() < deadline && !http.RequestAborted.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, http.RequestAborted);
            first = await FindAsync(first.Key, http.RequestAborted) ?? first;
        }
        tempData.GetTempData(http)["Message"] = DuplicateMessage;
        return new RedirectResult(first.ResultUrl);
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(s))]
    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>
/// Writes the POST's one-time token with the first SaveChanges of the request's own context, so the token and the
/// work it guards commit or roll back together. A failed insert of the token (another request saved it first) marks
/// the submission as a duplicate for <see cref="OneTimeSubmissionFilter"/>.
/// </summary>
public sealed class OneTimeSubmissionInterceptor(IHttpContextAccessor accessor) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Adding(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Adding(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context, eventData.Exception);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context, eventData.Exception);

    private SubmissionState? StateFor(DbContext? context)
    {
        var http = accessor.HttpContext;
        if (context is null || http?.Items[typeof(SubmissionState)] is not SubmissionState state) return null;
        // Only the request's own context: the security log and other side writes use contexts of their own.
        return ReferenceEquals(context, http.RequestServices.GetService(typeof(AppDb))) ? state : null;
    }

    private void Adding(DbContext? context)
    {
        if (StateFor(context) is not { Saved: false, AddedTo: null } state) return;
        context!.Add(state.Row);
        state.AddedTo = context;
    }

    private void Saved(DbContext? context)
    {
        if (StateFor(context) is not { } state || !ReferenceEquals(state.AddedTo, context)) return;
        state.Saved = true;
        state.AddedTo = null;
    }

    private void Failed(DbContext? context, Exception exception)
    {
        if (StateFor(context) is not { } state || !ReferenceEquals(state.AddedTo, context)) return;
        // Out of the change tracker, so that a handler that catches the failure and saves again tries the token again.
        context!.Entry(state.Row).State = EntityState.Detached;
        state.AddedTo = null;
        if (IsTokenTaken(exception)) state.Duplicate = true;
    }

    /// <summary>Whether the save failed on the token's key: another request with the same token committed first.</summary>
    private static bool IsTokenTaken(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.TableName == "FormSubmissions":
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("FormSubmissions.", StringComparison.Ordinal):
                    return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Drops the tokens of forms submitted more than 30 days ago, hourly: a form left open longer than that is a new
/// submission. Every node may do it; the delete is the same whichever runs it.
/// </summary>
public sealed class FormSubmissionCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FormSubmissionCleanup> log) : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var before = (clock.GetUtcNow() - KeepFor).UtcDateTime;
                await db.FormSubmissions.Where(s => s.SubmittedAt < before).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not drop old form submission tokens; trying again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

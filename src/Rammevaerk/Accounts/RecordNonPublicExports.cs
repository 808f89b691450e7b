using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Rammevaerk.Notifications;

namespace Rammevaerk.Accounts;

/// <summary>
/// Records in the security log every file (xlsx, csv, …) a page sends from a route the public may not open: the
/// secretariat's exports, an operator's report workbook. Pages whose file is non-public only for some readers
/// (a survey's per-municipality detail) record it themselves with <see cref="SecurityEvents.NonPublicExport"/>.
/// </summary>
public sealed class RecordNonPublicExports(AuditLog audit) : IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is FileResult file && context.HttpContext.GetEndpoint() is { } endpoint
            && AccessTable.KeyOf(endpoint) is { } key && AccessTable.For(key) is Audience allowed && (allowed & Audience.Anonymous) == 0)
        {
            await audit.RecordAsync(SecurityEvents.NonPublicExport, $"{file.FileDownloadName ?? key} ({file.ContentType})", context.HttpContext);
        }
        await next();
    }
}
